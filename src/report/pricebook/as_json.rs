//! The book as JSON, key for key the TOML `[pricebook]` table, prices as
//! exact decimal strings.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::money::plain;
use crate::pricebook::{Model, PriceBook, Prices, Tier};

/// The book as JSON: the TOML table's keys, prices and percentages as exact
/// decimal strings, seat counts as numbers; every model's `cache_write` and
/// `cache_read` are the prices in force, and `derived` lists those computed
/// from the multipliers; `overridden` lists the figures the scenario set.
pub fn json(book: &PriceBook) -> Value {
    let tiers: Map<String, Value> = book
        .tiers
        .iter()
        .map(|(id, t)| (id.clone(), tier_json(t)))
        .collect();
    let models: Map<String, Value> = book
        .models
        .iter()
        .map(|(id, m)| (id.clone(), model_json(book, m)))
        .collect();
    let families: Map<String, Value> = book
        .families
        .iter()
        .map(|(f, v)| (f.clone(), Value::from(v.as_str())))
        .collect();
    json!({
        "edition": book.edition,
        "newer_edition": crate::pricebook::edition::newer_than(&book.edition),
        "family": families,
        "as_of": book.as_of.map(|d| d.to_string()),
        "sources": book.sources,
        "cache_write_multiplier": plain(book.cache_write_multiplier),
        "cache_read_multiplier": plain(book.cache_read_multiplier),
        "cache_write_1h_multiplier": plain(book.cache_write_1h_multiplier),
        "batch_discount_pct": plain(book.batch_discount_pct),
        "tier": tiers,
        "model": models,
        "derived": derived_json_keys(book),
        "overridden": book.overridden.iter().collect::<Vec<_>>(),
    })
}

fn tier_json(t: &Tier) -> Value {
    json!({
        "name": t.name,
        "seat_price": plain(t.seat_price),
        "monthly_premium_pct": plain(t.monthly_premium_pct),
        "min_seats": t.min_seats,
        "illustrative": t.illustrative,
        "volume": t.volume.iter().map(|v| json!({
            "min_seats": v.min_seats,
            "discount_pct": plain(v.discount_pct),
        })).collect::<Vec<_>>(),
    })
}

fn model_json(book: &PriceBook, m: &Model) -> Value {
    json!({
        "name": m.name,
        "input": plain(m.input),
        "output": plain(m.output),
        "cache_write": plain(book.cache_write(m)),
        "cache_read": plain(book.cache_read(m)),
        "cache_write_1h": plain(book.cache_write_1h(m)),
        "long_context": prices_json(&book.long_context_prices(m)),
        "batch": book.batch_prices(m, &book.ordinary_prices(m), true).map(|p| prices_json(&p)),
        "inference_geo_us": m.inference_geo_us.map(plain),
        "litellm": m.litellm,
    })
}

/// The long-context prices in force (SPEC.md §8), each figure a string.
fn prices_json(p: &Prices) -> Value {
    json!({
        "input": plain(p.input),
        "output": plain(p.output),
        "cache_write": plain(p.cache_write),
        "cache_write_1h": plain(p.cache_write_1h),
        "cache_read": plain(p.cache_read),
    })
}

/// [`derived_keys`] and the one-hour cache write prices computed from
/// their multiplier (§8), for the JSON.
fn derived_json_keys(book: &PriceBook) -> Vec<String> {
    let mut out = derived_keys(book);
    for (id, m) in &book.models {
        if m.cache_write_1h.is_none() {
            out.push(format!("model.{id}.cache_write_1h"));
        }
    }
    out
}

/// Dotted keys of the cache prices computed from the multipliers.
pub fn derived_keys(book: &PriceBook) -> Vec<String> {
    let mut out = Vec::new();
    for (id, m) in &book.models {
        if m.cache_write.is_none() {
            out.push(format!("model.{id}.cache_write"));
        }
        if m.cache_read.is_none() {
            out.push(format!("model.{id}.cache_read"));
        }
    }
    out
}

/// Write the JSON, pretty-printed, with a final newline.
pub fn write_json(out: &mut impl Write, book: &PriceBook) -> io::Result<()> {
    crate::report::json::write_value(out, &json(book))
}
