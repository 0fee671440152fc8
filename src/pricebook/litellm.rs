//! Importing model prices from LiteLLM's `model_prices_and_context_window.json`
//! (SPEC.md §2).
//!
//! The file maps a LiteLLM model name to an entry holding USD prices per
//! token (`input_cost_per_token`, `output_cost_per_token`,
//! `cache_creation_input_token_cost`, `cache_read_input_token_cost`). Each
//! `--map ID=NAME` turns one entry into a price-book model with prices per
//! million tokens. Numbers are read from the JSON text itself
//! ([`serde_json::value::RawValue`]) and converted with exact decimals, so
//! `3e-06` per token is exactly 3 per million — no binary float is involved.
//!
//! Nothing is guessed silently: a name that is not in the file, an entry that
//! is not Anthropic's own price list, cache prices that break the book's
//! multipliers, missing or malformed prices and figures that look like
//! binary-float artefacts each produce a warning; figures the import leaves
//! to the book (derived cache prices, long-context prices above thresholds
//! other than 200k) produce a note.
//!
//! §8: `cache_creation_input_token_cost_above_1hr` becomes the model's
//! `cache_write_1h` (left derived when it is exactly input × the book's
//! multiplier), and the `*_above_200k_tokens` prices its `long_context`.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::value::RawValue;

use super::{LongContext, MAX_PRICE, Model, PriceBook, valid_id};
use crate::diag::{Diagnostic, suggest};
use crate::money::{parse_decimal, plain};

mod checks;
mod extra;

use checks::{check_artefacts, check_cache, check_provider};

/// LiteLLM files larger than this are refused (the real one is a few MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The `litellm_provider` of Anthropic's own API price list.
pub const ANTHROPIC: &str = "anthropic";

/// More decimal places than this in a price per million tokens is taken as a
/// binary-float artefact in the file (`1.0000000000000001e-07`).
const PLAUSIBLE_SCALE: u32 = 6;

/// One `ID=LITELLM_NAME` pair of `--map`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The price-book model id the prices go to (`sonnet`, or a new id).
    pub id: String,
    /// The LiteLLM model name to read (`claude-sonnet-4-5-20250929`).
    pub name: String,
}

/// Parse `--map` values; each may hold several comma-separated pairs.
pub fn parse_mappings(values: &[String]) -> Result<Vec<Mapping>, String> {
    let mut out: Vec<Mapping> = Vec::new();
    for pair in values.iter().flat_map(|v| v.split(',')) {
        let pair = pair.trim();
        let Some((id, name)) = pair.split_once('=') else {
            return Err(format!(
                "--map expects ID=LITELLM_NAME pairs such as 'sonnet=claude-sonnet-4-5-20250929', found '{pair}'"
            ));
        };
        let (id, name) = (id.trim(), name.trim());
        if !valid_id(id) {
            return Err(format!(
                "--map '{pair}': the model id must be lowercase letters, digits, '-', '_' or '.', found '{id}'"
            ));
        }
        if name.is_empty() {
            return Err(format!(
                "--map '{pair}': expected a LiteLLM model name after '=', found nothing"
            ));
        }
        if out.iter().any(|m| m.id == id) {
            return Err(format!(
                "--map names the model id '{id}' twice: expected each id once"
            ));
        }
        out.push(Mapping {
            id: id.to_string(),
            name: name.to_string(),
        });
    }
    if out.is_empty() {
        return Err("--map expects at least one ID=LITELLM_NAME pair".to_string());
    }
    Ok(out)
}

/// What an import produced: the models read and what the user must know.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Import {
    /// The models read, in `--map` order, each with `litellm` set.
    pub models: Vec<(String, Model)>,
    /// Problems that need a look before the prices are trusted.
    pub warnings: Vec<String>,
    /// What the import left to the book, for the record.
    pub notes: Vec<String>,
}

impl Import {
    /// Put the imported prices into `book`: an existing id keeps its name and
    /// takes the new prices; a new id is added. Imported figures no longer
    /// count as scenario overrides.
    pub fn apply_to(&self, book: &mut PriceBook) {
        for (id, m) in &self.models {
            match book.model_mut(id) {
                Some(existing) => {
                    existing.input = m.input;
                    existing.output = m.output;
                    existing.cache_write = m.cache_write;
                    existing.cache_read = m.cache_read;
                    existing.cache_write_1h = m.cache_write_1h;
                    if m.long_context.is_some() {
                        existing.long_context = m.long_context.clone();
                    }
                    existing.litellm = m.litellm.clone();
                    existing.batch = m.batch.clone();
                    existing.inference_geo_us = m.inference_geo_us;
                }
                None => book.models.push((id.clone(), m.clone())),
            }
            for key in [
                "input",
                "output",
                "cache_write",
                "cache_read",
                "cache_write_1h",
                "inference_geo_us",
            ] {
                book.overridden.remove(&format!("model.{id}.{key}"));
            }
            if m.long_context.is_some() {
                book.overridden
                    .retain(|k| !k.starts_with(&format!("model.{id}.long_context.")));
            }
        }
    }
}

/// Read the mapped models from the text of a LiteLLM price file named `file`
/// in messages; `book` supplies the multipliers cache prices are checked
/// against. Fails only when the text is not a LiteLLM price file.
pub fn import(
    file: &str,
    text: &str,
    maps: &[Mapping],
    book: &PriceBook,
) -> Result<Import, Diagnostic> {
    let entries: HashMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|e| not_a_price_file(file, &e))?;
    let mut out = Import::default();
    for map in maps {
        match entries.get(&map.name) {
            Some(_) => match extra::resolve_alias(&map.name, &entries) {
                Ok((target, raw)) => {
                    if target != map.name {
                        out.notes.push(format!(
                            "'{}' is an alias of '{target}' (`alias_of`); '{}' takes that entry's prices",
                            map.name, map.id
                        ));
                    }
                    if let Some(model) = read_entry(map, raw, book, &mut out) {
                        out.models.push((map.id.clone(), model));
                    }
                }
                Err(why) => out.warnings.push(format!(
                    "'{}' → '{}': {why}; not imported",
                    map.name, map.id
                )),
            },
            None => out.warnings.push(format!(
                "'{}' is not in {file}{}; '{}' not imported",
                map.name,
                hint(&map.name, &entries),
                map.id
            )),
        }
    }
    Ok(out)
}

fn not_a_price_file(file: &str, e: &serde_json::Error) -> Diagnostic {
    let full = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let reason = full.strip_suffix(&place).unwrap_or(&full);
    let what = match e.classify() {
        serde_json::error::Category::Data => {
            "expected a JSON object mapping LiteLLM model names to price entries"
        }
        serde_json::error::Category::Eof => "the JSON ends too early",
        _ => "invalid JSON",
    };
    Diagnostic::at_line(
        file,
        e.line().max(1),
        e.column().max(1),
        format!("not a LiteLLM price file ({what}): {reason}"),
    )
}

/// A "did you mean" for a name missing from the file: a close spelling, else
/// up to three names that start with it.
fn hint(name: &str, entries: &HashMap<String, &RawValue>) -> String {
    let keys: Vec<&str> = entries.keys().map(String::as_str).collect();
    if let Some(close) = suggest(name, &keys) {
        return format!(" (did you mean '{close}'?)");
    }
    let mut longer: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|k| k.starts_with(name))
        .collect();
    longer.sort_unstable();
    longer.truncate(3);
    if longer.is_empty() {
        String::new()
    } else {
        format!(" (did you mean '{}'?)", longer.join("', '"))
    }
}

/// One entry turned into a model, or `None` (with a warning) when its input
/// or output price is missing or unusable.
fn read_entry(map: &Mapping, raw: &RawValue, book: &PriceBook, out: &mut Import) -> Option<Model> {
    let who = format!("'{}' → '{}'", map.name, map.id);
    let Ok(fields) = serde_json::from_str::<HashMap<String, &RawValue>>(raw.get()) else {
        out.warnings.push(format!(
            "{who}: the entry is not a JSON object of prices; not imported"
        ));
        return None;
    };
    let mut price = |key: &str| match per_million(fields.get(key).copied()) {
        Ok(p) => p,
        Err(found) => {
            out.warnings.push(format!(
                "{who}: `{key}` must be a USD price per token, found {found}; ignored"
            ));
            None
        }
    };
    let input = price("input_cost_per_token");
    let output = price("output_cost_per_token");
    let cache_write = price("cache_creation_input_token_cost");
    let cache_read = price("cache_read_input_token_cost");
    let cache_write_1h = price("cache_creation_input_token_cost_above_1hr");
    let long_context = LongContext {
        input: price("input_cost_per_token_above_200k_tokens"),
        output: price("output_cost_per_token_above_200k_tokens"),
        cache_write: price("cache_creation_input_token_cost_above_200k_tokens"),
        cache_write_1h: price("cache_creation_input_token_cost_above_1hr_above_200k_tokens"),
        cache_read: price("cache_read_input_token_cost_above_200k_tokens"),
    };
    let (Some(input), Some(output)) = (input, output) else {
        out.warnings.push(format!(
            "{who}: the entry has no usable input and output price per token; '{}' not imported",
            map.id
        ));
        return None;
    };
    check_provider(&who, &fields, out);
    let mut model = Model {
        name: None,
        input,
        output,
        cache_write,
        cache_read,
        cache_write_1h: one_hour(&who, input, cache_write_1h, book, out),
        long_context: (long_context != LongContext::default()).then_some(long_context),
        litellm: Some(map.name.clone()),
        batch: None,
        inference_geo_us: extra::geo_us(&who, &fields, out),
    };
    model.batch = extra::batch(&who, &fields, &model, book, out);
    check_cache(&who, &model, book, out);
    check_artefacts(&who, &model, out);
    if model.long_context.is_some() {
        out.notes.push(format!(
            "{who}: long-context prices (above 200k input tokens) imported as the model's `long_context`"
        ));
    }
    if fields.keys().any(|k| {
        k == "tiered_pricing"
            || (k.contains("_above_")
                && (k.ends_with("_tokens") || k.ends_with("_tokens_batches"))
                && !k.ends_with("_above_200k_tokens"))
    }) {
        out.notes.push(format!(
            "{who}: the entry also lists long-context prices (above a token threshold); only the base prices are imported"
        ));
    }
    Some(model)
}

/// The one-hour cache write price to keep (§8): LiteLLM's own figure,
/// or `None` — the book derives it — when the figure is exactly input × the
/// book's `cache_write_1h_multiplier`, so a written scenario carries no
/// redundant line.
fn one_hour(
    who: &str,
    input: Decimal,
    given: Option<Decimal>,
    book: &PriceBook,
    out: &mut Import,
) -> Option<Decimal> {
    let derived = input * book.cache_write_1h_multiplier;
    match given {
        Some(p) if p == derived => None,
        Some(p) => {
            out.notes.push(format!(
                "{who}: 1-hour cache write {} per million, not the book's {} × input ({}); imported as the model's `cache_write_1h`",
                plain(p),
                plain(book.cache_write_1h_multiplier),
                plain(derived)
            ));
            Some(p)
        }
        None => None,
    }
}

/// A price per token from its JSON text, as a price per million tokens.
/// `Ok(None)` when absent or null; `Err` names what was found instead.
fn per_million(raw: Option<&RawValue>) -> Result<Option<Decimal>, String> {
    let Some(raw) = raw else { return Ok(None) };
    let text = raw.get().trim();
    if text == "null" {
        return Ok(None);
    }
    let is_number = text.starts_with(|c: char| c == '-' || c.is_ascii_digit());
    let per_token = if is_number { parse_decimal(text) } else { None };
    let Some(per_token) = per_token else {
        return Err(format!("'{text}'"));
    };
    let million = per_token
        .checked_mul(Decimal::from(1_000_000))
        .map(|d| d.normalize());
    match million {
        Some(d) if d >= Decimal::ZERO && d <= Decimal::from(MAX_PRICE) => Ok(Some(d)),
        _ => Err(format!(
            "'{text}' (expected 0 to {} per million tokens)",
            MAX_PRICE
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    #[test]
    fn per_token_prices_become_exact_per_million() {
        for (text, want) in [
            ("3e-06", "3"),
            ("1.5e-05", "15"),
            ("3.75e-06", "3.75"),
            ("3e-07", "0.3"),
            ("2.5E-7", "0.25"),
            ("0.000003", "3"),
            ("0", "0"),
        ] {
            let r = raw(text);
            assert_eq!(per_million(Some(&r)), Ok(Some(d(want))), "{text}");
        }
        assert_eq!(per_million(None), Ok(None));
        assert_eq!(per_million(Some(&raw("null"))), Ok(None));
        assert!(per_million(Some(&raw("\"3e-06\""))).is_err());
        assert!(per_million(Some(&raw("-1e-06"))).is_err());
        assert!(per_million(Some(&raw("5"))).is_err());
    }

    #[test]
    fn mappings_split_on_commas_and_reject_bad_pairs() {
        let m = parse_mappings(&["sonnet=claude-sonnet-4-5, fable=claude-fable-5".into()]).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[1].id.as_str(), m[1].name.as_str()),
            ("fable", "claude-fable-5")
        );
        assert!(parse_mappings(&["sonnet".into()]).is_err());
        assert!(parse_mappings(&["Sonnet=x".into()]).is_err());
        assert!(parse_mappings(&["a=x,a=y".into()]).is_err());
        assert!(parse_mappings(&["a=".into()]).is_err());
    }
}
