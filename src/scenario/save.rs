//! Writing edited offers back into the scenario's own text with toml_edit:
//! only what changed is touched, so the user's comments, order and layout
//! survive and `git diff` shows only the edited values. An offer keeps its
//! identity through a rename ([`OfferSpec::id`]); new offers are appended
//! after the existing ones; deleted offers lose their table. `based_on`
//! inheritance is kept: a field is written on the offer that set it, and an
//! inherited value is never copied down.

use rust_decimal::Decimal;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::model::*;

/// Why the offers could not be written into the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveTextError {
    #[error("the file is no longer valid TOML: {0}")]
    Parse(String),
    #[error("the file does not hold the offers it was loaded with")]
    Mismatch,
}

/// `edited` with the line ends of `original`: a file written with CRLF
/// stays CRLF (toml_edit writes LF for the lines it adds), so `git diff`
/// shows only the edited values.
pub fn keep_line_ends(original: &str, edited: String) -> String {
    if !original.contains("\r\n") {
        return edited;
    }
    edited.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// `source` with the offers changed from `before` (exactly the file's
/// `[[offer]]` tables, in order) to `after`.
pub fn write_offers(
    source: &str,
    before: &[OfferSpec],
    after: &[OfferSpec],
) -> Result<String, SaveTextError> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| SaveTextError::Parse(e.message().to_string()))?;
    if before == after {
        return Ok(keep_line_ends(source, doc.to_string()));
    }
    let Some(offers) = doc.get_mut("offer").and_then(Item::as_array_of_tables_mut) else {
        return Err(SaveTextError::Mismatch);
    };
    if offers.len() != before.len() {
        return Err(SaveTextError::Mismatch);
    }
    for (k, old) in before.iter().enumerate() {
        if let (Some(new), Some(table)) = (after.iter().find(|o| o.id == old.id), offers.get_mut(k))
        {
            update_table(table, old, new);
        }
    }
    let gone: Vec<usize> = before
        .iter()
        .enumerate()
        .filter(|(_, o)| !after.iter().any(|n| n.id == o.id))
        .map(|(k, _)| k)
        .collect();
    for k in gone.into_iter().rev() {
        offers.remove(k);
    }
    for new in after
        .iter()
        .filter(|n| !before.iter().any(|o| o.id == n.id))
    {
        append(offers, new);
    }
    Ok(keep_line_ends(source, doc.to_string()))
}

fn update_table(table: &mut Table, old: &OfferSpec, new: &OfferSpec) {
    for (key, value) in diff(old, new) {
        set_field(table, key, value);
    }
    if old.api != new.api {
        write_api(table, new.api.as_ref());
    }
    if old.regional_price != new.regional_price {
        match &new.regional_price {
            None => {
                table.remove("regional_price");
            }
            Some(prices) => {
                let mut t = Table::new();
                for (id, p) in prices {
                    t.insert(id, Item::Value(decimal(*p)));
                }
                table.insert("regional_price", Item::Table(t));
            }
        }
    }
}

/// `source` with `[deal]`'s target and walk-away totals set (or removed)
/// and `entries` appended as `[[log]]` tables after the existing ones,
/// which are never touched.
pub fn write_deal_and_log(
    source: &str,
    targets: (Option<Decimal>, Option<Decimal>),
    entries: &[LogEntry],
) -> Result<String, SaveTextError> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| SaveTextError::Parse(e.message().to_string()))?;
    if let Some(deal) = doc.get_mut("deal").and_then(Item::as_table_mut) {
        for (key, value) in [("target_total", targets.0), ("walk_away_total", targets.1)] {
            let old = deal
                .get(key)
                .and_then(Item::as_value)
                .map(|v| v.to_string().trim().to_string());
            if old != value.map(|v| decimal(v).to_string()) {
                set_field(deal, key, value.map(decimal));
            }
        }
    }
    if !entries.is_empty() {
        if doc.get("log").is_none() {
            doc.insert("log", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        let Some(log) = doc.get_mut("log").and_then(Item::as_array_of_tables_mut) else {
            return Err(SaveTextError::Mismatch);
        };
        for e in entries {
            let mut t = Table::new();
            t.decor_mut().set_prefix("\n");
            let at =
                e.at.parse::<toml_edit::Datetime>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::from(e.at.as_str()));
            t.insert("at", Item::Value(at));
            t.insert("who", Item::Value(text(&e.who)));
            t.insert("text", Item::Value(text(&e.text)));
            log.push(t);
        }
    }
    Ok(keep_line_ends(source, doc.to_string()))
}

/// The offers' ids in the order the written file holds them: the file's
/// offers that remain, in file order, then the new ones.
pub fn file_order(before: &[OfferSpec], after: &[OfferSpec]) -> Vec<u64> {
    let kept = before
        .iter()
        .filter(|o| after.iter().any(|n| n.id == o.id))
        .map(|o| o.id);
    let new = after
        .iter()
        .filter(|n| !before.iter().any(|o| o.id == n.id))
        .map(|n| n.id);
    kept.chain(new).collect()
}

/// A new `[[offer]]` table after the existing ones, a blank line before it.
fn append(offers: &mut ArrayOfTables, spec: &OfferSpec) {
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    for (key, value) in fields(spec) {
        if let Some(v) = value {
            table.insert(key, Item::Value(v));
        }
    }
    if spec.api.is_some() {
        write_api(&mut table, spec.api.as_ref());
    }
    offers.push(table);
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

/// Write `[offer.api]`: the offer-wide plan fields and one
/// `[offer.api.workload.NAME]` table per override, editing an existing table
/// in place so its comments stay.
fn write_api(table: &mut Table, plan: Option<&ApiPlan>) {
    let Some(plan) = plan else {
        table.remove("api");
        return;
    };
    if !matches!(table.get("api"), Some(Item::Table(_))) {
        table.insert("api", Item::Table(Table::new()));
    }
    let Some(api) = table.get_mut("api").and_then(Item::as_table_mut) else {
        return;
    };
    for (key, value) in plan_fields(&plan.all) {
        set_field(api, key, value);
    }
    if plan.workloads.is_empty() {
        api.remove("workload");
        return;
    }
    if !matches!(api.get("workload"), Some(Item::Table(_))) {
        let mut w = Table::new();
        w.set_implicit(true);
        api.insert("workload", Item::Table(w));
    }
    let Some(wt) = api.get_mut("workload").and_then(Item::as_table_mut) else {
        return;
    };
    let stale: Vec<String> = wt
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !plan.workloads.iter().any(|(n, _)| n == k))
        .collect();
    for k in stale {
        wt.remove(&k);
    }
    for (name, parts) in &plan.workloads {
        if !matches!(wt.get(name), Some(Item::Table(_))) {
            wt.insert(name, Item::Table(Table::new()));
        }
        if let Some(t) = wt.get_mut(name).and_then(Item::as_table_mut) {
            for (key, value) in plan_fields(parts) {
                set_field(t, key, value);
            }
        }
    }
}

fn plan_fields(p: &PlanParts) -> [(&'static str, Option<Value>); 3] {
    let route = p.route.as_ref().map(|r| {
        let mut t = InlineTable::new();
        for (id, share) in r {
            t.insert(id, decimal(*share));
        }
        Value::InlineTable(t)
    });
    [
        ("route", route),
        ("cache_hit", p.cache_hit.map(decimal)),
        ("batch", p.batch.map(decimal)),
    ]
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
    let text = |v: &Option<Value>| v.as_ref().map(|v| v.to_string().trim().to_string());
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|((_, a), (_, b))| text(a) != text(b))
        .map(|((key, _), (_, b))| (key, b))
        .collect()
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

/// Every scalar field of an offer as its TOML value (None: not set here),
/// in the order a new offer is written.
fn fields(o: &OfferSpec) -> Vec<(&'static str, Option<Value>)> {
    let dec = |d: &Option<Decimal>| d.map(decimal);
    let int = |n: Option<u64>| n.map(|n| decimal(Decimal::from(n)));
    let mut out = vec![
        ("name", Some(text(&o.name))),
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

    fn spec(id: u64, name: &str) -> OfferSpec {
        OfferSpec {
            id,
            name: name.into(),
            ..Default::default()
        }
    }

    const SRC: &str = "schema = 1\n[[offer]]\nname = \"a\"\nseat_price = 60   # list\nseats = 10\n\n[[offer]]\nname = \"b\"\nbased_on = \"a\"\n";

    fn before() -> Vec<OfferSpec> {
        vec![
            OfferSpec {
                seat_price: Some(Decimal::from(60)),
                seats: Some(SeatPlan::Fixed(10)),
                ..spec(0, "a")
            },
            OfferSpec {
                based_on: Some("a".into()),
                ..spec(1, "b")
            },
        ]
    }

    #[test]
    fn writes_only_the_changed_field_and_keeps_comments() {
        let mut after = before();
        after[0].seat_price = Some(Decimal::new(555, 1));
        after[1].seats = Some(SeatPlan::Fixed(12));
        let out = write_offers(SRC, &before(), &after).unwrap();
        assert_eq!(
            out,
            "schema = 1\n[[offer]]\nname = \"a\"\nseat_price = 55.5   # list\nseats = 10\n\n[[offer]]\nname = \"b\"\nbased_on = \"a\"\nseats = 12\n"
        );
    }

    #[test]
    fn renames_deletes_and_appends_by_identity() {
        let mut after = before();
        after[0].name = "base".into();
        after.remove(1);
        after.push(OfferSpec {
            based_on: Some("base".into()),
            by: Some(Party::Us),
            term_months: Some(24),
            ..spec(7, "c")
        });
        let out = write_offers(SRC, &before(), &after).unwrap();
        assert_eq!(
            out,
            "schema = 1\n[[offer]]\nname = \"base\"\nseat_price = 60   # list\nseats = 10\n\n[[offer]]\nname = \"c\"\nby = \"us\"\nbased_on = \"base\"\nterm_months = 24\n"
        );
    }

    #[test]
    fn sets_the_targets_and_appends_log_entries() {
        let src = "schema = 1\n[deal]\nname = \"d\"\ntarget_total = 100 # ours\n\n[[log]]\nat = 2027-01-14T15:32:00Z\nwho = \"vendor\"\ntext = \"first\"\n";
        let entry = LogEntry {
            at: "2027-01-15T09:00:00Z".into(),
            who: "us".into(),
            text: "second".into(),
        };
        let out = write_deal_and_log(
            src,
            (Some(Decimal::from(90)), Some(Decimal::from(120))),
            &[entry],
        )
        .unwrap();
        assert_eq!(
            out,
            "schema = 1\n[deal]\nname = \"d\"\ntarget_total = 90 # ours\nwalk_away_total = 120\n\n[[log]]\nat = 2027-01-14T15:32:00Z\nwho = \"vendor\"\ntext = \"first\"\n\n[[log]]\nat = 2027-01-15T09:00:00Z\nwho = \"us\"\ntext = \"second\"\n"
        );
    }

    #[test]
    fn writes_an_api_plan_with_a_workload_override() {
        let mut after = before();
        after[1].api = Some(ApiPlan {
            all: PlanParts {
                route: Some(vec![("sonnet".into(), Decimal::ONE)]),
                cache_hit: Some(Decimal::new(8, 1)),
                batch: None,
            },
            workloads: vec![(
                "w".into(),
                PlanParts {
                    batch: Some(Decimal::new(3, 1)),
                    ..Default::default()
                },
            )],
        });
        let out = write_offers(SRC, &before(), &after).unwrap();
        assert!(out.ends_with("based_on = \"a\"\n\n[offer.api]\nroute = { sonnet = 1 }\ncache_hit = 0.8\n\n[offer.api.workload.w]\nbatch = 0.3\n"), "{out}");
    }
}
