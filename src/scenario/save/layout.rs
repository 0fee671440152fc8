//! Writing one key of a table that holds the user's text: a changed value
//! keeps the spacing and comment of the one it replaces, and its number
//! style (`2_500`, `0.50`); a removed line takes only its own trailing
//! comment with it, the comment lines above it stay; a new key goes where
//! the table's order puts it, and a key that replaces another (`seat_ramp`
//! for `seats`) takes its place.
//!
//! Arrays and inline tables keep the spacing of their elements, matched by
//! value (a term) or by place (a ramp step); see [`style`].

use toml_edit::{Item, Key, Table, Value};

use super::style::keep_style;

/// Set `key` to `value` (None: remove its line). `order` is the order the
/// table's keys are written in, which places a key the table lacks.
pub fn set_field(table: &mut Table, key: &str, value: Option<Value>, order: &[&str]) {
    match value {
        None => remove_key(table, key),
        Some(v) => set_value(table, key, v, order),
    }
}

/// Replace the value of `key` in place (its key, spacing and comment stay)
/// or add the key where `order` puts it.
fn set_value(table: &mut Table, key: &str, mut v: Value, order: &[&str]) {
    if let Some(Item::Value(old)) = table.get_mut(key) {
        keep_layout(old, &mut v);
        *old = v;
        return;
    }
    table.remove(key);
    insert_placed(table, Key::new(key), Item::Value(v), order);
}

/// Give `new` the spacing, comment and style of the value it replaces.
pub fn keep_layout(old: &Value, new: &mut Value) {
    *new.decor_mut() = old.decor().clone();
    keep_style(old, new);
}

/// `old_key`'s line now holds `new_key = value`: same place, same spacing,
/// same comments. False when the table has no `old_key` value.
pub fn replace_key(table: &mut Table, old_key: &str, new_key: &str, mut value: Value) -> bool {
    let Some(at) = index_of(table, old_key) else {
        return false;
    };
    let Some((key, Item::Value(old))) = table.remove_entry(old_key) else {
        return false;
    };
    keep_layout(&old, &mut value);
    let key = Key::new(new_key).with_leaf_decor(key.leaf_decor().clone());
    table.insert_formatted(&key, Item::Value(value));
    move_to(table, new_key, at);
    true
}

/// Add `key` (with its own decor) after the nearest key that `order` puts
/// before it, else before the nearest one it puts after, else at the end.
pub fn insert_placed(table: &mut Table, key: Key, item: Item, order: &[&str]) {
    let name = key.get().to_string();
    let at = place(table, &name, order);
    table.insert_formatted(&key, item);
    move_to(table, &name, at);
}

fn place(table: &Table, name: &str, order: &[&str]) -> usize {
    let rank = |k: &str| order.iter().position(|o| *o == k);
    let values: Vec<(usize, Option<usize>)> = table
        .iter()
        .enumerate()
        .filter(|(_, (_, item))| item.is_value())
        .map(|(i, (k, _))| (i, rank(k)))
        .collect();
    let end = values.last().map_or(0, |(i, _)| i + 1);
    let Some(own) = rank(name) else {
        return end;
    };
    let before = values
        .iter()
        .filter(|(_, r)| r.is_some_and(|r| r < own))
        .map(|(i, _)| i + 1)
        .max();
    let after = values
        .iter()
        .filter(|(_, r)| r.is_some_and(|r| r > own))
        .map(|(i, _)| *i)
        .min();
    before.or(after).unwrap_or(end)
}

fn index_of(table: &Table, key: &str) -> Option<usize> {
    table.iter().position(|(k, _)| k == key)
}

/// Move `key` to index `at` of the table's lines, the others keeping their
/// order.
fn move_to(table: &mut Table, key: &str, at: usize) {
    let mut names: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| k != key)
        .collect();
    names.insert(at.min(names.len()), key.to_string());
    let rank = |k: &Key| names.iter().position(|n| n == k.get());
    table.sort_values_by(|a, _, b, _| rank(a).cmp(&rank(b)));
}

/// Remove `key`'s line with its trailing comment; comment lines written
/// above it stay where they are (above the next line).
pub fn remove_key(table: &mut Table, key: &str) {
    let Some(at) = index_of(table, key) else {
        return;
    };
    let above = table
        .key(key)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .filter(|p| p.contains('#'))
        .map(str::to_string);
    table.remove(key);
    if let Some(above) = above {
        keep_comment_lines(table, at, &above);
    }
}

/// Put comment lines that stood above the removed line at index `at` above
/// the next value line, or after the previous one (or after the header)
/// when it was the last.
fn keep_comment_lines(table: &mut Table, at: usize, lines: &str) {
    let next = table
        .iter()
        .skip(at)
        .find(|(_, item)| item.is_value())
        .map(|(k, _)| k.to_string());
    if let Some(next) = next {
        if let Some(mut k) = table.key_mut(&next) {
            let own = k
                .leaf_decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            k.leaf_decor_mut().set_prefix(format!("{lines}{own}"));
        }
        return;
    }
    let tail = format!("\n{}", lines.trim_end_matches(['\n', '\r']));
    let prev = table
        .iter()
        .take(at)
        .filter(|(_, item)| item.is_value())
        .map(|(k, _)| k.to_string())
        .last();
    let decor = match prev.and_then(|p| table.get_mut(&p)) {
        Some(Item::Value(v)) => v.decor_mut(),
        _ => table.decor_mut(),
    };
    let own = decor
        .suffix()
        .and_then(|s| s.as_str())
        .unwrap_or("")
        .to_string();
    decor.set_suffix(format!("{own}{tail}"));
}
