//! Writing `[[region]]` and `[[workload]]` tables: each row of the edited
//! scenario is matched to the table it was loaded from ([`Rows`]), and only
//! the keys whose value changed are written, in place and in the user's
//! style ([`super::layout`]). A key the table leaves out stays out while
//! its value is still the one the loader fills in (a region's `name` is its
//! id, `target_wau` its `wau`): the file means the same with fewer lines. A
//! new row is appended after the last table of its kind, writing only what
//! differs from those defaults; a removed row takes its own comments with
//! it ([`super::tables`]).

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::SaveTextError;
use super::fields::{bare, changed};
use super::layout::set_field;
use super::tables::{last_position, remove_row};

/// A row's fields as TOML values, in the order a new table writes them
/// (None: no line), and the value each key means when it is left out
/// (None: the key is required, or absent means "not set").
pub struct RowFields {
    pub values: Vec<(&'static str, Option<Value>)>,
    pub defaults: Vec<(&'static str, Option<Value>)>,
}

impl RowFields {
    fn order(&self) -> Vec<&'static str> {
        self.values.iter().map(|(k, _)| *k).collect()
    }

    /// True when `value` is what the loader fills in for `key` left out.
    fn implied(&self, key: &str, value: &Value) -> bool {
        self.defaults
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, d)| d.as_ref())
            .is_some_and(|d| bare(d) == bare(value))
    }
}

/// Rewrite the array `[[key]]` from `before` (exactly the file's tables,
/// in order) to `after`, where `origin[i]` is the table `after[i]` was
/// loaded from (None: added). `anchor` is the position after which a first
/// table of this kind goes when the file has none.
pub fn write_rows<T>(
    doc: &mut DocumentMut,
    key: &'static str,
    before: &[T],
    after: &[T],
    origin: &[Option<usize>],
    fields: impl Fn(&T) -> RowFields,
    anchor: isize,
) -> Result<(), SaveTextError> {
    if doc
        .get(key)
        .is_some_and(|i| i.as_array_of_tables().is_none())
    {
        return Err(SaveTextError::Inline(key));
    }
    let held = doc
        .get(key)
        .and_then(Item::as_array_of_tables)
        .map_or(0, ArrayOfTables::len);
    if held != before.len() || origin.len() != after.len() {
        return Err(SaveTextError::Mismatch);
    }
    for (row, from) in after.iter().zip(origin) {
        let Some(k) = *from else { continue };
        let (Some(old), Some(table)) = (before.get(k), row_mut(doc, key, k)) else {
            return Err(SaveTextError::Mismatch);
        };
        update_row(table, &fields(old), &fields(row));
    }
    for k in (0..before.len()).rev() {
        if !origin.contains(&Some(k)) {
            remove_row(doc, key, k);
        }
    }
    for (row, _) in after.iter().zip(origin).filter(|(_, o)| o.is_none()) {
        append_row(doc, key, &fields(row), anchor);
    }
    if after.is_empty() {
        doc.remove(key);
    }
    Ok(())
}

fn row_mut<'d>(doc: &'d mut DocumentMut, key: &str, k: usize) -> Option<&'d mut Table> {
    doc.get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| a.get_mut(k))
}

/// Write the keys whose value changed; a key the table leaves out is not
/// added while the new value is the one its absence means.
pub fn update_row(table: &mut Table, old: &RowFields, new: &RowFields) {
    let order = new.order();
    let changes = changed(old.values.clone(), new.values.clone());
    for (key, value) in changes {
        let implied = value.as_ref().is_some_and(|v| new.implied(key, v));
        if implied && !table.contains_key(key) {
            continue;
        }
        set_field(table, key, value, &order);
    }
}

/// A new table holding what differs from the defaults, in `fields` order.
pub fn new_table(fields: &RowFields) -> Table {
    let mut table = Table::new();
    for (key, value) in &fields.values {
        if let Some(v) = value.as_ref().filter(|v| !fields.implied(key, v)) {
            table.insert(key, Item::Value(v.clone()));
        }
    }
    table
}

/// Append a new row after the last table of `[[key]]` (or after `anchor`
/// when there is none), a blank line before it like the offers'.
fn append_row(doc: &mut DocumentMut, key: &str, fields: &RowFields, anchor: isize) {
    let after = doc
        .get(key)
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.iter().filter_map(last_position).max())
        .unwrap_or(anchor);
    let mut table = new_table(fields);
    table.decor_mut().set_prefix("\n");
    shift_after(doc.as_table_mut(), after);
    table.set_position(Some(after + 1));
    if doc.get(key).and_then(Item::as_array_of_tables).is_none() {
        doc.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    if let Some(rows) = doc.get_mut(key).and_then(Item::as_array_of_tables_mut) {
        rows.push(table);
    }
}

/// Put a new standard table `[key]` right after position `after`.
pub fn insert_table_after(doc: &mut DocumentMut, key: &str, mut table: Table, after: isize) {
    shift_after(doc.as_table_mut(), after);
    table.set_position(Some(after + 1));
    doc.insert(key, Item::Table(table));
}

/// Move every table written after position `after` one place down, making
/// room for a table at `after + 1`.
fn shift_after(t: &mut Table, after: isize) {
    if let Some(p) = t.position().filter(|p| *p > after) {
        t.set_position(Some(p + 1));
    }
    for (_, item) in t.iter_mut() {
        match item {
            Item::Table(c) => shift_after(c, after),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(|c| shift_after(c, after)),
            _ => {}
        }
    }
}

/// The position of the last table (or sub-table) of the item at `key`.
pub fn end_of(doc: &DocumentMut, key: &str) -> Option<isize> {
    match doc.get(key)? {
        Item::Table(t) => last_position(t),
        Item::ArrayOfTables(a) => a.iter().filter_map(last_position).max(),
        _ => None,
    }
}
