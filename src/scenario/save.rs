//! Writing edited offers back into the scenario's own text with toml_edit:
//! only the fields that changed are touched, each in its offer's table, so
//! the user's comments, order and layout survive and `git diff` shows only
//! the edited values. `based_on` inheritance is kept: a field is written on
//! the offer that set it, and an inherited value is never copied down.

use rust_decimal::Decimal;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use super::model::*;

/// Why the offers could not be written into the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveTextError {
    #[error("the file on disk is no longer valid TOML: {0}")]
    Parse(String),
    #[error("the file has no [[offer]] named '{0}' to update")]
    NoSuchOffer(String),
}

/// `source` with every offer field that differs between `before` and
/// `after` rewritten in place.
pub fn write_offers(
    source: &str,
    before: &[OfferSpec],
    after: &[OfferSpec],
) -> Result<String, SaveTextError> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| SaveTextError::Parse(e.message().to_string()))?;
    for new in after {
        let Some(old) = before.iter().find(|o| o.name == new.name) else {
            continue;
        };
        let changes = diff(old, new);
        if changes.is_empty() {
            continue;
        }
        let table = offer_table(&mut doc, &new.name)
            .ok_or_else(|| SaveTextError::NoSuchOffer(new.name.clone()))?;
        for (key, value) in changes {
            set_field(table, key, value);
        }
    }
    Ok(doc.to_string())
}

fn offer_table<'d>(doc: &'d mut DocumentMut, name: &str) -> Option<&'d mut Table> {
    doc.get_mut("offer")?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|t| t.get("name").and_then(|v| v.as_str()) == Some(name))
}

/// Set `key` to `value` (or remove it), keeping the old value's comment and
/// spacing, and dropping the sibling that `seats` and `seat_ramp` exclude.
fn set_field(table: &mut Table, key: &'static str, value: Option<Value>) {
    match value {
        None => {
            table.remove(key);
        }
        Some(mut v) => {
            if let Some(old) = table.get(key).and_then(Item::as_value) {
                keep_layout(old, &mut v);
            }
            table.insert(key, Item::Value(v));
            let other = match key {
                "seats" => Some("seat_ramp"),
                "seat_ramp" => Some("seats"),
                _ => None,
            };
            if let Some(other) = other {
                table.remove(other);
            }
        }
    }
}

/// Give `new` the spacing and comments of the value it replaces, down to
/// the elements of an array of the same length.
fn keep_layout(old: &Value, new: &mut Value) {
    *new.decor_mut() = old.decor().clone();
    if let (Value::Array(a), Value::Array(b)) = (old, &mut *new) {
        if a.len() == b.len() {
            for (x, y) in a.iter().zip(b.iter_mut()) {
                *y.decor_mut() = x.decor().clone();
            }
            b.set_trailing(a.trailing().clone());
            b.set_trailing_comma(a.trailing_comma());
        }
    }
}

/// The scalar fields whose TOML form differs between two specs.
fn diff(old: &OfferSpec, new: &OfferSpec) -> Vec<(&'static str, Option<Value>)> {
    let a = fields(old);
    let b = fields(new);
    let mut out = Vec::new();
    for ((key, va), (_, vb)) in a.into_iter().zip(b) {
        let text = |v: &Option<Value>| v.as_ref().map(|v| v.to_string().trim().to_string());
        if text(&va) != text(&vb) {
            out.push((key, vb));
        }
    }
    out
}

/// A decimal as a TOML number in its shortest exact form.
pub fn decimal(d: Decimal) -> Value {
    let text = d.normalize().to_string();
    text.parse::<Value>().unwrap_or_else(|_| Value::from(text))
}

fn text(s: &str) -> Value {
    Value::from(s)
}

fn seat_fields(seats: &Option<SeatPlan>) -> [(&'static str, Option<Value>); 2] {
    match seats {
        Some(SeatPlan::Fixed(n)) => [
            ("seats", Some(decimal(Decimal::from(*n)))),
            ("seat_ramp", None),
        ],
        Some(SeatPlan::Ramp(steps)) => {
            let mut arr = Array::new();
            for s in steps {
                let mut t = InlineTable::new();
                t.insert("month", decimal(Decimal::from(s.month)));
                t.insert("seats", decimal(Decimal::from(s.seats)));
                arr.push(Value::InlineTable(t));
            }
            [("seats", None), ("seat_ramp", Some(Value::Array(arr)))]
        }
        None => [("seats", None), ("seat_ramp", None)],
    }
}

/// Every lever field of an offer as its TOML value (None: not set here).
fn fields(o: &OfferSpec) -> Vec<(&'static str, Option<Value>)> {
    let dec = |d: &Option<Decimal>| d.map(decimal);
    let int = |n: Option<u64>| n.map(|n| decimal(Decimal::from(n)));
    let mut out = vec![
        ("by", o.by.map(|b| text(b.as_str()))),
        ("based_on", o.based_on.as_deref().map(text)),
        ("tier", o.tier.as_deref().map(text)),
    ];
    out.extend(seat_fields(&o.seats));
    out.extend([
        ("team_seats", int(o.team_seats)),
        ("team_price", dec(&o.team_price)),
        ("seat_price", dec(&o.seat_price)),
        ("billing", o.billing.map(|b| text(b.as_str()))),
        ("term_months", int(o.term_months.map(u64::from))),
        ("uplift_pct", dec(&o.uplift_pct)),
        ("uplift_cap_pct", dec(&o.uplift_cap_pct)),
        ("renewal_cap_pct", dec(&o.renewal_cap_pct)),
        ("true_up", o.true_up.map(|t| text(t.as_str()))),
        ("true_up_ratchet", o.true_up_ratchet.map(Value::from)),
        ("true_up_rate_pct", dec(&o.true_up_rate_pct)),
        ("true_up_cap_pct", dec(&o.true_up_cap_pct)),
        (
            "downsize_at_anniversary",
            o.downsize_at_anniversary.map(Value::from),
        ),
        ("api_commit", dec(&o.api_commit)),
        ("api_discount_pct", dec(&o.api_discount_pct)),
        (
            "terms",
            o.terms
                .as_ref()
                .map(|t| Value::Array(t.iter().map(|s| s.as_str()).collect())),
        ),
    ]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_the_changed_field_and_keeps_comments() {
        let src = "schema = 1\n[[offer]]\nname = \"a\"\nseat_price = 60   # list\nseats = 10\n\n[[offer]]\nname = \"b\"\nbased_on = \"a\"\n";
        let before = vec![
            OfferSpec {
                name: "a".into(),
                seat_price: Some(Decimal::from(60)),
                seats: Some(SeatPlan::Fixed(10)),
                ..Default::default()
            },
            OfferSpec {
                name: "b".into(),
                based_on: Some("a".into()),
                ..Default::default()
            },
        ];
        let mut after = before.clone();
        after[0].seat_price = Some(Decimal::new(555, 1));
        after[1].seats = Some(SeatPlan::Fixed(12));
        let out = write_offers(src, &before, &after).unwrap();
        assert_eq!(
            out,
            "schema = 1\n[[offer]]\nname = \"a\"\nseat_price = 55.5   # list\nseats = 10\n\n[[offer]]\nname = \"b\"\nbased_on = \"a\"\nseats = 12\n"
        );
    }
}
