//! Writing derived workloads into a scenario's `[[workload]]` tables in
//! place (toml_edit): a workload of the same `name` is updated field by
//! field — a figure that did not change keeps its exact text and comment,
//! a field the file leaves out stays out when the new figure is its
//! default — and a new name is appended as a `[[workload]]` table after
//! the others. Each written workload records `usage_source` and
//! `usage_as_of`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use toml_edit::{DocumentMut, InlineTable, Item, Table, TableLike, Value};

use super::derive::Derived;
use crate::money::{parse_decimal, plain};

/// What a write did to each workload, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added,
    /// These keys were written.
    Updated(Vec<String>),
    Unchanged,
}

/// The new text and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub text: String,
    pub changes: Vec<(String, Change)>,
}

/// Write `workloads` into scenario text `src`.
pub fn write_workloads(
    src: &str,
    workloads: &[Derived],
    source: &str,
    as_of: NaiveDate,
) -> Result<Written, String> {
    let mut doc: DocumentMut = src.parse().map_err(|e: toml_edit::TomlError| {
        format!("the scenario is not valid TOML: {}", e.message().trim())
    })?;
    let root = doc.as_table_mut();
    if !root.contains_key("workload") {
        root.insert("workload", Item::ArrayOfTables(Default::default()));
    }
    let Some(tables) = root
        .get_mut("workload")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return Err(
            "`workload` in the scenario must be written as [[workload]] tables to take the usage"
                .into(),
        );
    };
    let as_of: Value = as_of
        .to_string()
        .parse::<toml_edit::Datetime>()
        .map(Value::from)
        .map_err(|e| format!("cannot write the as-of date: {e}"))?;
    let mut changes = Vec::new();
    for w in workloads {
        let existing = tables
            .iter_mut()
            .find(|t| t.get("name").and_then(Item::as_str) == Some(w.name.as_str()));
        let change = match existing {
            Some(t) => update(t, w, source, &as_of)?,
            None => {
                let mut t = Table::new();
                t.insert("name", Item::Value(Value::from(w.name.as_str())));
                for (key, value) in figures(w)? {
                    // A share the report does not measure stays out.
                    if key == "inference_geo" && is_default(key, &value) {
                        continue;
                    }
                    t.insert(key, Item::Value(value));
                }
                t.insert("usage_source", Item::Value(Value::from(source)));
                t.insert("usage_as_of", Item::Value(as_of.clone()));
                tables.push(t);
                Change::Added
            }
        };
        changes.push((w.name.clone(), change));
    }
    Ok(Written {
        text: crate::line_ends::keep_line_ends(src, doc.to_string()),
        changes,
    })
}

/// The workload's figures as TOML values, in the file's usual order.
fn figures(w: &Derived) -> Result<Vec<(&'static str, Value)>, String> {
    let mut route = InlineTable::new();
    for (id, share) in &w.route {
        route.insert(id, number(*share)?);
    }
    Ok(vec![
        ("input_mtok", number(w.input_mtok)?),
        ("output_mtok", number(w.output_mtok)?),
        ("cacheable", number(w.cacheable)?),
        ("growth_pct", number(w.growth_pct)?),
        ("route", Value::InlineTable(route)),
        ("cache_hit", number(w.cache_hit)?),
        ("batch", number(w.batch)?),
        ("cache_1h", number(w.cache_1h)?),
        ("long_context", number(w.long_context)?),
        ("inference_geo", number(w.inference_geo)?),
    ])
}

fn update(t: &mut Table, w: &Derived, source: &str, as_of: &Value) -> Result<Change, String> {
    let mut written = Vec::new();
    for (key, value) in figures(w)? {
        let same = match t.get(key) {
            Some(held) => same_value(held, &value),
            // Absent: the default; leave it out when the figure is that.
            None => is_default(key, &value),
        };
        if !same {
            replace(t, key, value);
            written.push(key.to_string());
        }
    }
    let figures_changed = !written.is_empty();
    let held_source = t.get("usage_source").and_then(Item::as_str);
    if figures_changed || held_source != Some(source) {
        replace(t, "usage_source", Value::from(source));
        written.push("usage_source".into());
    }
    let held_date = t
        .get("usage_as_of")
        .and_then(Item::as_datetime)
        .map(ToString::to_string);
    let new_date = as_of.as_datetime().map(ToString::to_string);
    if figures_changed || held_date != new_date {
        replace(t, "usage_as_of", as_of.clone());
        written.push("usage_as_of".into());
    }
    Ok(if written.is_empty() {
        Change::Unchanged
    } else {
        Change::Updated(written)
    })
}

fn is_default(key: &str, value: &Value) -> bool {
    match (key, value) {
        ("route", Value::InlineTable(t)) => {
            t.len() == 1 && t.get("opus").and_then(decimal_of) == Some(Decimal::ONE)
        }
        (_, v) => decimal_of(v) == Some(Decimal::ZERO),
    }
}

/// Whether the file's item holds the same figure (numerically; a route as
/// the same model shares in any order).
fn same_value(held: &Item, new: &Value) -> bool {
    let Some(held) = held.as_value() else {
        return false;
    };
    match (held, new) {
        (Value::InlineTable(a), Value::InlineTable(b)) => {
            a.len() == b.len()
                && b.iter()
                    .all(|(k, v)| a.get(k).and_then(decimal_of) == decimal_of(v))
        }
        (a, b) => decimal_of(a).is_some() && decimal_of(a) == decimal_of(b),
    }
}

fn decimal_of(v: &Value) -> Option<Decimal> {
    match v {
        Value::Integer(i) => Some(Decimal::from(*i.value())),
        Value::Float(f) => f
            .as_repr()
            .and_then(|r| r.as_raw().as_str())
            .and_then(parse_decimal)
            .or_else(|| parse_decimal(&f.value().to_string())),
        _ => None,
    }
}

/// Set `key`, keeping the old value's whitespace and comment.
fn replace(table: &mut dyn TableLike, key: &str, mut value: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        _ => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// A TOML number holding exactly `d` (an integer when whole).
fn number(d: Decimal) -> Result<Value, String> {
    let text = plain(d);
    if let Ok(i) = text.parse::<i64>() {
        return Ok(Value::from(i));
    }
    text.parse::<Value>()
        .map_err(|e| format!("cannot write '{text}': {}", e.message().trim()))
}
