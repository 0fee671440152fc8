//! A `[pricebook.model.<id>]` table: a model's prices per million tokens,
//! its batch and long-context prices, and the multipliers it overrides.

use rust_decimal::Decimal;

use crate::pricebook::{Batch, LongContext, MAX_PRICE, Model, PriceBook};
use crate::reader::Fields;

/// The fields of a `[pricebook.model.ID]` (docs/format.md#pricebook-model).
pub const MODEL: &[&str] = &[
    "name",
    "input",
    "output",
    "cache_write",
    "cache_read",
    "cache_write_1h",
    "long_context",
    "batch",
    "inference_geo_us",
    "litellm",
];
const LONG_CONTEXT: &[&str] = &[
    "input",
    "output",
    "cache_write",
    "cache_write_1h",
    "cache_read",
];

impl PriceBook {
    pub(super) fn apply_model(&mut self, id: &str, f: &Fields<'_, '_>) -> Vec<&'static str> {
        let mut changed = Vec::new();
        let pos = match self.models.iter().position(|(m, _)| m == id) {
            Some(p) => p,
            None => {
                for key in ["input", "output"] {
                    if !f.has(key) {
                        f.missing(key, "the price per million tokens of a new model");
                    }
                }
                self.models.push((
                    id.to_string(),
                    Model {
                        name: None,
                        input: Decimal::ZERO,
                        output: Decimal::ZERO,
                        cache_write: None,
                        cache_read: None,
                        cache_write_1h: None,
                        long_context: None,
                        litellm: None,
                        batch: None,
                        inference_geo_us: None,
                    },
                ));
                self.models.len() - 1
            }
        };
        let model = &mut self.models[pos].1;
        let price = |key: &str| {
            f.decimal(
                key,
                Decimal::ZERO,
                Decimal::from(MAX_PRICE),
                "a price per million tokens",
            )
        };
        if let Some(s) = f.string("name") {
            model.name = Some(s.value);
        }
        if let Some(s) = f.string("litellm") {
            model.litellm = Some(s.value);
        }
        if let Some(v) = price("input") {
            model.input = v.value;
            changed.push("input");
        }
        if let Some(v) = price("output") {
            model.output = v.value;
            changed.push("output");
        }
        if let Some(v) = price("cache_write") {
            model.cache_write = Some(v.value);
            changed.push("cache_write");
        }
        if let Some(v) = price("cache_read") {
            model.cache_read = Some(v.value);
            changed.push("cache_read");
        }
        if let Some(v) = price("cache_write_1h") {
            model.cache_write_1h = Some(v.value);
            changed.push("cache_write_1h");
        }
        if let Some(v) = f.decimal(
            "inference_geo_us",
            Decimal::ONE,
            Decimal::from(10),
            "the price multiplier of US-only inference",
        ) {
            model.inference_geo_us = Some(v.value);
            changed.push("inference_geo_us");
        }
        if let Some((span, t)) = f.table("batch") {
            let what = format!("`batch` of {}", f.what());
            let bf = Fields::new(f.ctx(), t, &what, LONG_CONTEXT, span);
            let b = model.batch.get_or_insert_with(Batch::default);
            for (key, slot) in [
                ("input", &mut b.input),
                ("output", &mut b.output),
                ("cache_write", &mut b.cache_write),
                ("cache_write_1h", &mut b.cache_write_1h),
                ("cache_read", &mut b.cache_read),
            ] {
                if let Some(v) = bf.decimal(
                    key,
                    Decimal::ZERO,
                    Decimal::from(MAX_PRICE),
                    "a price per million tokens",
                ) {
                    *slot = Some(v.value);
                    changed.push(batch_key(key));
                }
            }
        }
        if let Some((span, t)) = f.table("long_context") {
            let what = format!("`long_context` of {}", f.what());
            let lf = Fields::new(f.ctx(), t, &what, LONG_CONTEXT, span);
            let lc = model.long_context.get_or_insert_with(LongContext::default);
            for (key, slot) in [
                ("input", &mut lc.input),
                ("output", &mut lc.output),
                ("cache_write", &mut lc.cache_write),
                ("cache_write_1h", &mut lc.cache_write_1h),
                ("cache_read", &mut lc.cache_read),
            ] {
                if let Some(v) = lf.decimal(
                    key,
                    Decimal::ZERO,
                    Decimal::from(MAX_PRICE),
                    "a price per million tokens",
                ) {
                    *slot = Some(v.value);
                    changed.push(long_key(key));
                }
            }
        }
        changed
    }
}

/// The dotted key of a long-context price, for `overridden`.
fn long_key(key: &str) -> &'static str {
    match key {
        "input" => "long_context.input",
        "output" => "long_context.output",
        "cache_write" => "long_context.cache_write",
        "cache_write_1h" => "long_context.cache_write_1h",
        _ => "long_context.cache_read",
    }
}

/// The dotted key of a batch price, for `overridden`.
fn batch_key(key: &str) -> &'static str {
    match key {
        "input" => "batch.input",
        "output" => "batch.output",
        "cache_write" => "batch.cache_write",
        "cache_write_1h" => "batch.cache_write_1h",
        _ => "batch.cache_read",
    }
}
