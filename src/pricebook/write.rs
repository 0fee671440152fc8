//! Writing imported models into a scenario's `[pricebook]`, keeping the
//! file's comments and layout (toml_edit's [`DocumentMut`]).
//!
//! An id the file already has is updated in place: only the figures that
//! differ are rewritten, each keeping the comment beside it; a cache price
//! the import no longer gives is removed so the book derives it again. A new
//! id is appended as a `[pricebook.model.<id>]` table after the file's last
//! price-book table (inside an inline table when the file writes its price
//! book inline). Figures are written as exact decimals, never through `f64`.

use rust_decimal::Decimal;
use toml_edit::{DocumentMut, InlineTable, Item, Table, TableLike, Value};

use super::Model;
use crate::money::{parse_decimal, plain};

/// What happened to one model id in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new `[pricebook.model.<id>]` table.
    Added,
    /// Existing table; these keys were written (`cache_read removed` for a
    /// removed one).
    Updated(Vec<String>),
    /// Existing table that already held these figures.
    Unchanged,
}

/// The scenario text with the models written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub text: String,
    /// Per model id, in the order given.
    pub changes: Vec<(String, Change)>,
}

/// Why the models could not be written into the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("the scenario is not valid TOML: {0}")]
    Parse(String),
    #[error("`{0}` in the scenario must be a table to take imported models")]
    NotATable(String),
}

/// Write `models` (id, prices) into the `[pricebook]` of scenario text `src`.
pub fn write_models(src: &str, models: &[(String, Model)]) -> Result<Written, WriteError> {
    let mut doc: DocumentMut = src
        .parse()
        .map_err(|e: toml_edit::TomlError| WriteError::Parse(e.message().trim().to_string()))?;
    let root = doc.as_table_mut();
    let pricebook = root.entry("pricebook").or_insert_with(implicit_table);
    let model_tables = child(pricebook, "model", "pricebook")?;
    let mut changes = Vec::with_capacity(models.len());
    for (id, m) in models {
        changes.push((id.clone(), upsert(model_tables, id, m)?));
    }
    Ok(Written {
        text: crate::line_ends::keep_line_ends(src, doc.to_string()),
        changes,
    })
}

fn implicit_table() -> Item {
    let mut t = Table::new();
    t.set_implicit(true);
    Item::Table(t)
}

/// The sub-table `key` of `parent`, created in the parent's own style when
/// absent.
fn child<'a>(parent: &'a mut Item, key: &str, path: &str) -> Result<&'a mut Item, WriteError> {
    let inline = parent.is_inline_table();
    let table = parent
        .as_table_like_mut()
        .ok_or_else(|| WriteError::NotATable(path.to_string()))?;
    if table.get(key).is_none() {
        let fresh = if inline {
            Item::Value(Value::InlineTable(InlineTable::new()))
        } else {
            implicit_table()
        };
        table.insert(key, fresh);
    }
    let item = table
        .get_mut(key)
        .ok_or_else(|| WriteError::NotATable(format!("{path}.{key}")))?;
    if item.is_table_like() {
        Ok(item)
    } else {
        Err(WriteError::NotATable(format!("{path}.{key}")))
    }
}

/// The figures of a model as the file holds them, `None` to remove.
fn figures(m: &Model) -> [(&'static str, Option<Decimal>); 6] {
    [
        ("input", Some(m.input)),
        ("output", Some(m.output)),
        ("cache_write", m.cache_write),
        ("cache_read", m.cache_read),
        ("cache_write_1h", m.cache_write_1h),
        ("inference_geo_us", m.inference_geo_us),
    ]
}

/// The model's own batch prices as an inline table, `None` when it has
/// none (the book derives them from its discount).
fn batch(m: &Model) -> Result<Option<InlineTable>, WriteError> {
    let Some(b) = &m.batch else {
        return Ok(None);
    };
    inline(&[
        ("input", b.input),
        ("output", b.output),
        ("cache_write", b.cache_write),
        ("cache_write_1h", b.cache_write_1h),
        ("cache_read", b.cache_read),
    ])
    .map(Some)
}

fn inline(figures: &[(&str, Option<Decimal>)]) -> Result<InlineTable, WriteError> {
    let mut t = InlineTable::new();
    for (key, value) in figures {
        if let Some(v) = value {
            t.insert(*key, number(*v)?);
        }
    }
    Ok(t)
}

/// The model's long-context prices as an inline table (§8), figures in
/// the book's key order; `None` when the import has none.
fn long_context(m: &Model) -> Result<Option<InlineTable>, WriteError> {
    let Some(lc) = &m.long_context else {
        return Ok(None);
    };
    let mut t = InlineTable::new();
    for (key, value) in [
        ("input", lc.input),
        ("output", lc.output),
        ("cache_write", lc.cache_write),
        ("cache_write_1h", lc.cache_write_1h),
        ("cache_read", lc.cache_read),
    ] {
        if let Some(v) = value {
            t.insert(key, number(v)?);
        }
    }
    Ok(Some(t))
}

/// The long-context figures a table holds, as the import would write them.
fn held_long_context(item: Option<&Item>) -> Vec<(String, Option<Decimal>)> {
    let Some(t) = item.and_then(Item::as_table_like) else {
        return Vec::new();
    };
    t.iter()
        .map(|(k, v)| (k.to_string(), held_decimal(Some(v))))
        .collect()
}

fn upsert(models: &mut Item, id: &str, m: &Model) -> Result<Change, WriteError> {
    let inline = models.is_inline_table();
    let path = format!("pricebook.model.{id}");
    let parent = models
        .as_table_like_mut()
        .ok_or_else(|| WriteError::NotATable("pricebook.model".to_string()))?;
    if let Some(existing) = parent.get_mut(id) {
        let table = existing
            .as_table_like_mut()
            .ok_or(WriteError::NotATable(path))?;
        return update(table, m);
    }
    let item = if inline {
        let mut t = InlineTable::new();
        fill(&mut t, m)?;
        Item::Value(Value::InlineTable(t))
    } else {
        let mut t = Table::new();
        fill(&mut t, m)?;
        Item::Table(t)
    };
    parent.insert(id, item);
    Ok(Change::Added)
}

fn fill(table: &mut dyn TableLike, m: &Model) -> Result<(), WriteError> {
    for (key, value) in figures(m) {
        if let Some(v) = value {
            table.insert(key, Item::Value(number(v)?));
        }
    }
    if let Some(lc) = long_context(m)? {
        table.insert("long_context", Item::Value(Value::InlineTable(lc)));
    }
    if let Some(b) = batch(m)? {
        table.insert("batch", Item::Value(Value::InlineTable(b)));
    }
    if let Some(name) = &m.litellm {
        table.insert("litellm", Item::Value(Value::from(name.as_str())));
    }
    Ok(())
}

fn update(table: &mut dyn TableLike, m: &Model) -> Result<Change, WriteError> {
    let mut written = Vec::new();
    for (key, value) in figures(m) {
        match value {
            Some(v) if held_decimal(table.get(key)) != Some(v) => {
                replace(table, key, number(v)?);
                written.push(key.to_string());
            }
            Some(_) => {}
            None if table.get(key).is_some() => {
                table.remove(key);
                written.push(format!("{key} removed"));
            }
            None => {}
        }
    }
    if let Some(lc) = long_context(m)? {
        let want: Vec<(String, Option<Decimal>)> = lc
            .iter()
            .map(|(k, v)| (k.to_string(), held_decimal(Some(&Item::Value(v.clone())))))
            .collect();
        if held_long_context(table.get("long_context")) != want {
            replace(table, "long_context", Value::InlineTable(lc));
            written.push("long_context".to_string());
        }
    }
    match batch(m)? {
        Some(b) => {
            let want: Vec<(String, Option<Decimal>)> = b
                .iter()
                .map(|(k, v)| (k.to_string(), held_decimal(Some(&Item::Value(v.clone())))))
                .collect();
            if held_long_context(table.get("batch")) != want {
                replace(table, "batch", Value::InlineTable(b));
                written.push("batch".to_string());
            }
        }
        None if table.get("batch").is_some() => {
            table.remove("batch");
            written.push("batch removed".to_string());
        }
        None => {}
    }
    if let Some(name) = &m.litellm {
        let held = table.get("litellm").and_then(Item::as_str);
        if held != Some(name.as_str()) {
            replace(table, "litellm", Value::from(name.as_str()));
            written.push("litellm".to_string());
        }
    }
    Ok(if written.is_empty() {
        Change::Unchanged
    } else {
        Change::Updated(written)
    })
}

/// Set `key` to `value`, keeping the old value's surrounding whitespace and
/// comment when there was one.
pub(super) fn replace(table: &mut dyn TableLike, key: &str, mut value: Value) {
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

/// The exact decimal a number in the file holds, read from its text.
fn held_decimal(item: Option<&Item>) -> Option<Decimal> {
    match item? {
        Item::Value(Value::Integer(i)) => Some(Decimal::from(*i.value())),
        Item::Value(Value::Float(f)) => f
            .as_repr()
            .and_then(|r| r.as_raw().as_str())
            .and_then(parse_decimal),
        _ => None,
    }
}

/// A TOML number holding exactly `d`: an integer when whole, else a float
/// whose text is the decimal itself.
fn number(d: Decimal) -> Result<Value, WriteError> {
    let text = plain(d);
    if let Ok(i) = text.parse::<i64>() {
        return Ok(Value::from(i));
    }
    text.parse::<Value>()
        .map_err(|e| WriteError::Parse(format!("cannot write '{text}': {}", e.message().trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn fable() -> (String, Model) {
        (
            "fable".into(),
            Model {
                name: None,
                input: d("10"),
                output: d("50"),
                cache_write: Some(d("12.5")),
                cache_read: Some(d("0.25")),
                cache_write_1h: None,
                long_context: None,
                litellm: Some("claude-fable-5-1".into()),
                batch: None,
                inference_geo_us: None,
            },
        )
    }

    #[test]
    fn numbers_keep_their_exact_text() {
        assert_eq!(number(d("0.3")).unwrap().to_string(), "0.3");
        assert_eq!(number(d("3.000000")).unwrap().to_string(), "3");
        assert_eq!(
            number(d("0.10000000000000001")).unwrap().to_string(),
            "0.10000000000000001"
        );
    }

    #[test]
    fn a_scenario_without_a_price_book_gets_one() {
        let w = write_models("schema = 1\n", &[fable()]).unwrap();
        assert_eq!(
            w.text,
            "schema = 1\n\n[pricebook.model.fable]\ninput = 10\noutput = 50\ncache_write = 12.5\ncache_read = 0.25\nlitellm = \"claude-fable-5-1\"\n"
        );
        assert_eq!(w.changes, vec![("fable".to_string(), Change::Added)]);
    }

    #[test]
    fn an_inline_price_book_stays_inline() {
        let w = write_models("pricebook = { model = {} }\n", &[fable()]).unwrap();
        assert!(
            w.text
                .starts_with("pricebook = { model = { fable = { input = 10,"),
            "{}",
            w.text
        );
    }

    #[test]
    fn dotted_models_are_updated_in_place() {
        let src = "[pricebook]\nmodel.fable.input = 10 # list\nmodel.fable.output = 60\n";
        let w = write_models(src, &[fable()]).unwrap();
        assert!(
            w.text.contains("model.fable.input = 10 # list\n"),
            "{}",
            w.text
        );
        assert!(w.text.contains("model.fable.output = 50\n"), "{}", w.text);
        assert!(
            w.text.contains("model.fable.cache_read = 0.25\n"),
            "{}",
            w.text
        );
    }
}
