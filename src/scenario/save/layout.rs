//! Writing one key of a table that holds the user's text: a changed value
//! keeps the spacing and comment of the one it replaces; a new key is
//! added at the end of the table.

use toml_edit::{Item, Table, Value};

/// Set `key` to `value` (None: remove its line), keeping the old value's
/// comment and spacing.
pub fn set_field(table: &mut Table, key: &str, value: Option<Value>) {
    match value {
        None => {
            table.remove(key);
        }
        Some(mut v) => {
            if let Some(Item::Value(old)) = table.get_mut(key) {
                keep_layout(old, &mut v);
                *old = v;
                return;
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
