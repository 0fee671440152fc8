//! Writing a measured funnel into a scenario's `[[region]]` tables in
//! place: `provisioned`, `mau`, `wau`, `dau`, `funnel_source` and
//! `funnel_as_of` change, every other byte of the file — comments, order,
//! layout — stays as the user wrote it (toml_edit).
//!
//! Regions are matched by `id` (ignoring ASCII case, as the data's region
//! names are compared); two `[[region]]` ids that differ only in case
//! would take the same figures twice and are refused. Figures the export
//! cannot tell (weekly and daily active from a last-activity export) are
//! left as the file has them. A result the loader would refuse (more seat
//! holders than the headcount, a funnel out of order) is refused here with
//! the reason, before anything is written.

use toml_edit::{DocumentMut, Item, TableLike, Value};

use super::funnel::{Counts, Funnel};
use super::output::{counted, date_text};

/// What a write changed and what it could not match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The new file text.
    pub text: String,
    /// Region ids written, in file order.
    pub written: Vec<String>,
    /// Regions of the data with no `[[region]]` of that id (not written).
    pub not_in_file: Vec<String>,
    /// `[[region]]` ids the data has no seat holders for (left unchanged).
    pub not_in_data: Vec<String>,
    /// Funnel fields left as they were because the export cannot tell them.
    pub kept: Vec<&'static str>,
}

/// Set the funnel of every matching region of the scenario `text`.
/// `source` is the short text for `funnel_source`. An `Err` says why the
/// file must not be written.
pub fn apply(text: &str, funnel: &Funnel, source: &str) -> Result<Applied, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("the scenario is not valid TOML: {e}"))?;
    let as_of: Value = date_text(funnel.as_of)
        .parse::<toml_edit::Datetime>()
        .map(Value::from)
        .map_err(|e| format!("cannot write the as-of date: {e}"))?;
    let mut applied = Applied::default();
    // The id of the [[region]] each region of the data went into.
    let mut matched: Vec<Option<String>> = vec![None; funnel.regions.len()];
    let mut problems = Vec::new();
    for table in region_tables(&mut doc) {
        let id = table
            .get("id")
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_string();
        let i = match region_for(funnel, &mut matched, &id) {
            Ok(Some(i)) => i,
            Ok(None) => {
                applied.not_in_data.push(id);
                continue;
            }
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        match checked_funnel(table, &id, &funnel.regions[i].counts) {
            Ok(figures) => {
                set_funnel(table, &figures, source, &as_of);
                applied.written.push(id);
            }
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    applied.not_in_file = funnel
        .regions
        .iter()
        .zip(&matched)
        .filter(|(_, m)| m.is_none())
        .map(|(r, _)| r.region.clone())
        .collect();
    if funnel.total.wau.is_none() {
        applied.kept = vec!["wau", "dau"];
    }
    applied.text = crate::scenario::save::keep_line_ends(text, doc.to_string());
    Ok(applied)
}

/// The region of the data that the `[[region]]` `id` takes (ignoring
/// case), noted in `matched`; an error when another `[[region]]` took it.
fn region_for(
    funnel: &Funnel,
    matched: &mut [Option<String>],
    id: &str,
) -> Result<Option<usize>, String> {
    let Some(i) = funnel
        .regions
        .iter()
        .position(|r| r.region.eq_ignore_ascii_case(id))
    else {
        return Ok(None);
    };
    if let Some(first) = &matched[i] {
        return Err(format!(
            "regions '{first}' and '{id}' of the file both match the data's region '{}' \
             (region ids are matched ignoring case); expected one [[region]] per region — \
             rename or merge one of them",
            funnel.regions[i].region
        ));
    }
    matched[i] = Some(id.to_string());
    Ok(Some(i))
}

/// Every `[[region]]` table, also when written as an array of inline tables.
fn region_tables(doc: &mut DocumentMut) -> Vec<&mut dyn TableLike> {
    match doc.get_mut("region") {
        Some(Item::ArrayOfTables(tables)) => {
            tables.iter_mut().map(|t| t as &mut dyn TableLike).collect()
        }
        Some(Item::Value(Value::Array(array))) => array
            .iter_mut()
            .filter_map(Value::as_inline_table_mut)
            .map(|t| t as &mut dyn TableLike)
            .collect(),
        _ => Vec::new(),
    }
}

/// The funnel to write, in file order: provisioned, mau, wau, dau.
type Figures = [(&'static str, u64); 4];

/// The region's new funnel, or why the loader would refuse it.
fn checked_funnel(table: &dyn TableLike, id: &str, c: &Counts) -> Result<Figures, String> {
    let current = |key: &str| {
        table
            .get(key)
            .and_then(Item::as_integer)
            .and_then(|n| u64::try_from(n).ok())
    };
    let figures: Figures = [
        ("provisioned", c.provisioned),
        ("mau", c.mau),
        ("wau", c.wau.or(current("wau")).unwrap_or(0)),
        ("dau", c.dau.or(current("dau")).unwrap_or(0)),
    ];
    if let Some(headcount) = current("headcount")
        && c.provisioned > headcount
    {
        return Err(format!(
            "region '{id}': the data has {} but the file's headcount is {headcount}; \
                 expected provisioned ≤ headcount — correct the headcount in the file first",
            counted(c.provisioned, "seat holder", "seat holders")
        ));
    }
    for pair in figures.windows(2) {
        let [(hi_k, hi), (lo_k, lo)] = [pair[0], pair[1]];
        if lo > hi {
            let unknown = if c.wau.is_none() {
                " (a last-activity export cannot tell weekly or daily activity, so the file's figure stays)"
            } else {
                ""
            };
            return Err(format!(
                "region '{id}': {lo_k} = {lo} would exceed {hi_k} = {hi}{unknown}; \
                 expected {lo_k} ≤ {hi_k} — lower {lo_k} in the file first or use an event log"
            ));
        }
    }
    Ok(figures)
}

fn set_funnel(table: &mut dyn TableLike, figures: &Figures, source: &str, as_of: &Value) {
    for &(key, n) in figures {
        let known = table
            .get(key)
            .and_then(Item::as_integer)
            .and_then(|v| u64::try_from(v).ok());
        if known != Some(n) {
            set(
                table,
                key,
                Value::from(i64::try_from(n).unwrap_or(i64::MAX)),
            );
        }
    }
    set(table, "funnel_source", Value::from(source));
    set(table, "funnel_as_of", as_of.clone());
}

/// Replace `key`'s value keeping its surrounding spaces and trailing
/// comment, or add the key at the end of the table.
fn set(table: &mut dyn TableLike, key: &str, new: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(value) => {
            let decor = value.decor().clone();
            *value = new;
            *value.decor_mut() = decor;
        }
        None => {
            table.insert(key, Item::Value(new));
        }
    }
}
