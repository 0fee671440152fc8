//! An offer's sub-tables: `[offer.api]` with one
//! `[offer.api.workload.NAME]` per override, and `[offer.regional_price]`.
//! Each is edited field by field against the offer as loaded, so a value
//! that did not change keeps its exact text; a table that only holds
//! sub-tables is implicit (no header of its own); a table an offer takes
//! over from a deleted parent comes with the parent's comments.

use toml_edit::{Item, Table};

use super::Donor;
use super::decimal;
use super::fields::{PLAN_ORDER, changed, plan_fields};
use super::layout::{remove_key, replace_key, set_field};
use crate::scenario::model::{ApiPlan, PlanParts};

/// Write `[offer.api]` from `old` (as loaded) to `new`.
pub fn write_api(
    table: &mut Table,
    old: Option<&ApiPlan>,
    new: Option<&ApiPlan>,
    donor: Option<&Donor<'_>>,
) {
    let Some(plan) = new else {
        table.remove("api");
        return;
    };
    if take_over(table, "api", donor, |d| d.spec.api.as_ref() == Some(plan)) {
        return;
    }
    let empty = ApiPlan::default();
    let old = old.unwrap_or(&empty);
    let Some(api) = sub_table(table, "api", true) else {
        return;
    };
    write_parts(api, &old.all, &plan.all);
    write_workloads(api, &old.workloads, &plan.workloads);
}

/// The fields of one plan that changed, each written in place.
fn write_parts(table: &mut Table, old: &PlanParts, new: &PlanParts) {
    for (key, value) in changed(plan_fields(old), plan_fields(new)) {
        set_field(table, key, value, &PLAN_ORDER);
    }
}

fn write_workloads(api: &mut Table, old: &[(String, PlanParts)], new: &[(String, PlanParts)]) {
    if new.is_empty() {
        api.remove("workload");
        return;
    }
    let Some(wt) = sub_table(api, "workload", true) else {
        return;
    };
    let stale: Vec<String> = wt
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.iter().any(|(n, _)| n == k))
        .collect();
    for k in stale {
        wt.remove(&k);
    }
    let none = PlanParts::default();
    for (name, parts) in new {
        let was = old
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p)
            .filter(|_| wt.contains_table(name));
        if let Some(t) = sub_table(wt, name, false) {
            write_parts(t, was.unwrap_or(&none), parts);
        }
    }
}

/// Write `[offer.regional_price]` from `old` (as loaded) to `new`.
pub fn write_regional(
    table: &mut Table,
    old: Option<&[(String, rust_decimal::Decimal)]>,
    new: Option<&[(String, rust_decimal::Decimal)]>,
    donor: Option<&Donor<'_>>,
) {
    let Some(prices) = new else {
        table.remove("regional_price");
        return;
    };
    let own = |d: &Donor<'_>| d.spec.regional_price.as_deref() == Some(prices);
    if take_over(table, "regional_price", donor, own) {
        return;
    }
    let Some(t) = sub_table(table, "regional_price", false) else {
        return;
    };
    let order: Vec<&str> = prices.iter().map(|(id, _)| id.as_str()).collect();
    // A renamed region keeps its line: same place, spacing and comment.
    for ((was, _), (id, price)) in old.unwrap_or_default().iter().zip(prices) {
        if was != id && t.contains_key(was) && !t.contains_key(id) {
            replace_key(t, was, id, decimal(*price));
        }
    }
    let stale: Vec<String> = t
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !order.contains(&k.as_str()))
        .collect();
    for k in stale {
        remove_key(t, &k);
    }
    for (id, price) in prices {
        let was = old.and_then(|o| o.iter().find(|(i, _)| i == id).map(|(_, p)| *p));
        if was != Some(*price) || !t.contains_key(id) {
            set_field(t, id, Some(decimal(*price)), &order);
        }
    }
}

/// The table at `key`, made (implicit when it only exists to hold
/// sub-tables) if the file has none.
fn sub_table<'t>(table: &'t mut Table, key: &str, implicit: bool) -> Option<&'t mut Table> {
    match table.get(key) {
        Some(Item::Table(_)) => {}
        // `api = { cache_hit = 0.8, … }`: the fields the user wrote are kept
        // (the table becomes a standard one), never dropped.
        Some(Item::Value(toml_edit::Value::InlineTable(inline))) => {
            let t = inline.clone().into_table();
            table.insert(key, Item::Table(t));
        }
        _ => {
            let mut t = Table::new();
            t.set_implicit(implicit);
            table.insert(key, Item::Table(t));
        }
    }
    table.get_mut(key).and_then(Item::as_table_mut)
}

/// When the offer has no `key` table yet and takes the deleted parent's
/// value whole, move the parent's table here with its comments. True when
/// it did.
fn take_over(
    table: &mut Table,
    key: &str,
    donor: Option<&Donor<'_>>,
    same: impl Fn(&Donor<'_>) -> bool,
) -> bool {
    if table.contains_key(key) {
        return false;
    }
    let Some((k, item)) = donor
        .filter(|d| same(d))
        .and_then(|d| d.table.get_key_value(key))
    else {
        return false;
    };
    let mut item = item.clone();
    unplace(&mut item);
    table.insert_formatted(k, item);
    true
}

/// Forget where a moved table stood in the file, so it is written under
/// the offer that now holds it.
fn unplace(item: &mut Item) {
    match item {
        Item::Table(t) => {
            t.set_position(None);
            for (_, child) in t.iter_mut() {
                unplace(child);
            }
        }
        Item::ArrayOfTables(a) => {
            for t in a.iter_mut() {
                t.set_position(None);
                for (_, child) in t.iter_mut() {
                    unplace(child);
                }
            }
        }
        _ => {}
    }
}
