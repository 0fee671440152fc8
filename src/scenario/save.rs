//! Writing edited offers back into the scenario's own text with toml_edit:
//! only what changed is touched, so the user's comments, order and layout
//! survive and `git diff` shows only the edited values. An offer keeps its
//! identity through a rename ([`OfferSpec::id`]); new offers are appended
//! after the existing ones; a deleted offer loses its table and only the
//! comments that are its own ([`tables`]). `based_on` inheritance is kept:
//! a field is written on the offer that set it, and an inherited value is
//! never copied down. An offer that takes over a deleted parent's fields
//! takes their lines as the parent wrote them, comments included.
//!
//! [`fields`] turns an offer into TOML values, [`layout`] writes one key
//! into the user's table (in place, in the user's [`style`]), [`api`] the
//! offer's sub-tables. To save a new offer field, add it to
//! [`fields::fields`].

mod api;
mod fields;
mod layout;
mod style;
mod tables;

use rust_decimal::Decimal;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Key, Table, Value};

use self::fields::{bare, diff, fields, offer_order, text};
use self::layout::{insert_placed, replace_key, set_field};
use super::model::*;
pub use crate::line_ends::keep_line_ends;

/// Why the offers could not be written into the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveTextError {
    #[error("the file is no longer valid TOML: {0}")]
    Parse(String),
    #[error("the file does not hold the offers it was loaded with")]
    Mismatch,
}

fn parse(source: &str) -> Result<DocumentMut, SaveTextError> {
    source
        .parse()
        .map_err(|e: toml_edit::TomlError| SaveTextError::Parse(e.message().to_string()))
}

/// A deleted offer whose fields an offer based on it took over: its spec
/// and its table as the file wrote it.
struct Donor<'a> {
    spec: &'a OfferSpec,
    table: &'a Table,
}

/// `source` with the offers changed from `before` (exactly the file's
/// `[[offer]]` tables, in order) to `after`.
pub fn write_offers(
    source: &str,
    before: &[OfferSpec],
    after: &[OfferSpec],
) -> Result<String, SaveTextError> {
    let mut doc = parse(source)?;
    if before == after {
        return Ok(keep_line_ends(source, doc.to_string()));
    }
    let Some(offers) = doc.get_mut("offer").and_then(Item::as_array_of_tables_mut) else {
        return Err(SaveTextError::Mismatch);
    };
    if offers.len() != before.len() {
        return Err(SaveTextError::Mismatch);
    }
    let gone: Vec<usize> = (0..before.len())
        .filter(|&k| !after.iter().any(|n| n.id == before[k].id))
        .collect();
    update_offers(offers, before, after, &gone);
    for &k in gone.iter().rev() {
        tables::remove_offer(&mut doc, k);
    }
    if let Some(offers) = doc.get_mut("offer").and_then(Item::as_array_of_tables_mut) {
        for new in after
            .iter()
            .filter(|n| !before.iter().any(|o| o.id == n.id))
        {
            append(offers, new);
        }
    }
    Ok(keep_line_ends(source, doc.to_string()))
}

/// Edit the table of every offer that stays; an offer based on a deleted
/// one ([`OfferSpec::absorb`]) takes the deleted table's lines for the
/// fields it took over.
fn update_offers(
    offers: &mut ArrayOfTables,
    before: &[OfferSpec],
    after: &[OfferSpec],
    gone: &[usize],
) {
    let donors: Vec<(&OfferSpec, Table)> = gone
        .iter()
        .filter_map(|&k| offers.get(k).map(|t| (&before[k], t.clone())))
        .collect();
    for (k, old) in before.iter().enumerate() {
        let donor = donors
            .iter()
            .find(|(d, _)| old.based_on.as_ref() == Some(&d.name))
            .map(|(spec, table)| Donor { spec, table });
        if let (Some(new), Some(table)) = (after.iter().find(|o| o.id == old.id), offers.get_mut(k))
        {
            update_table(table, old, new, donor.as_ref());
        }
    }
}

fn update_table(table: &mut Table, old: &OfferSpec, new: &OfferSpec, donor: Option<&Donor<'_>>) {
    let order = offer_order();
    let mut changes = diff(old, new);
    swap_seat_lines(table, &mut changes);
    for (key, value) in changes {
        let moved = donor
            .filter(|_| !table.contains_key(key))
            .and_then(|d| donor_line(d.table, key, value.as_ref()));
        match moved {
            Some((k, item)) => insert_placed(table, k, item, &order),
            None => set_field(table, key, value, &order),
        }
    }
    if old.api != new.api {
        api::write_api(table, old.api.as_ref(), new.api.as_ref(), donor);
    }
    if old.regional_price != new.regional_price {
        let (was, now) = (old.regional_price.as_deref(), new.regional_price.as_deref());
        api::write_regional(table, was, now, donor);
    }
}

/// Fixed seats that become a ramp (or back) take the old line's place,
/// spacing and comments; the pair leaves `changes`.
fn swap_seat_lines(table: &mut Table, changes: &mut Vec<(&'static str, Option<Value>)>) {
    for (from, to) in [("seats", "seat_ramp"), ("seat_ramp", "seats")] {
        let goes = changes.iter().any(|(k, v)| *k == from && v.is_none());
        let comes = changes
            .iter()
            .find(|(k, v)| *k == to && v.is_some())
            .and_then(|(_, v)| v.clone());
        if let (true, Some(value)) = (goes, comes)
            && !table.contains_key(to)
            && replace_key(table, from, to, value)
        {
            changes.retain(|(k, _)| *k != from && *k != to);
        }
    }
}

/// The deleted parent's own line for `key`, when it holds `value`.
fn donor_line(table: &Table, key: &str, value: Option<&Value>) -> Option<(Key, Item)> {
    let (k, item) = table.get_key_value(key)?;
    let same = item.as_value().map(bare) == Some(bare(value?));
    same.then(|| (k.clone(), item.clone()))
}

/// `source` with `[deal]`'s target and walk-away totals set (or removed)
/// and `entries` appended as `[[log]]` tables after the existing ones,
/// which are never touched.
pub fn write_deal_and_log(
    source: &str,
    targets: (Option<Decimal>, Option<Decimal>),
    entries: &[LogEntry],
) -> Result<String, SaveTextError> {
    let mut doc = parse(source)?;
    let order = ["target_total", "walk_away_total"];
    for (key, value) in order.into_iter().zip([targets.0, targets.1]) {
        let deal = doc.get("deal").and_then(Item::as_table_like);
        let old = deal
            .and_then(|d| d.get(key))
            .and_then(Item::as_value)
            .and_then(|v| crate::money::parse_decimal(&bare(v)));
        if old == value {
            continue;
        }
        // `deal = { … }` written inline cannot take the change in place.
        let Some(deal) = doc.get_mut("deal").and_then(Item::as_table_mut) else {
            return Err(SaveTextError::Mismatch);
        };
        set_field(deal, key, value.map(decimal), &order);
    }
    if !entries.is_empty() {
        if doc.get("log").is_none() {
            doc.insert("log", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        let Some(log) = doc.get_mut("log").and_then(Item::as_array_of_tables_mut) else {
            return Err(SaveTextError::Mismatch);
        };
        for e in entries {
            log.push(log_table(e));
        }
    }
    Ok(keep_line_ends(source, doc.to_string()))
}

fn log_table(e: &LogEntry) -> Table {
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    let at =
        e.at.parse::<toml_edit::Datetime>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(e.at.as_str()));
    t.insert("at", Item::Value(at));
    t.insert("who", Item::Value(text(&e.who)));
    t.insert("text", Item::Value(text(&e.text)));
    t
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
    api::write_api(&mut table, None, spec.api.as_ref(), None);
    let prices = spec.regional_price.as_deref();
    api::write_regional(&mut table, None, prices, None);
    offers.push(table);
}

/// A decimal as a TOML number in its shortest exact form.
pub fn decimal(d: Decimal) -> Value {
    let text = d.normalize().to_string();
    text.parse::<Value>().unwrap_or_else(|_| Value::from(text))
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
                ..Default::default()
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
