//! The LiteLLM fields beyond the base, cache and long-context prices:
//! `alias_of` entries (`claude-opus-latest` → `claude-opus-5-5`), a model's
//! own batch prices (`*_batches`), the US-only inference multiplier
//! (`provider_specific_entry.us`) and a cloud provider's regional-endpoint
//! uplift (`regional_endpoint_uplift_multiplier`, Bedrock and Vertex).

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::value::RawValue;

use super::{Import, per_million};
use crate::money::{parse_decimal, plain};
use crate::pricebook::{Batch, Model, PriceBook};

/// How many `alias_of` steps are followed before the chain is refused.
const MAX_ALIAS_STEPS: usize = 8;

/// The entry `name` stands for: itself, or the end of its `alias_of`
/// chain. `Err` says why the chain cannot be followed.
pub(super) fn resolve_alias<'e>(
    name: &str,
    entries: &'e HashMap<String, &'e RawValue>,
) -> Result<(String, &'e RawValue), String> {
    let mut seen = vec![name.to_string()];
    let mut current = name.to_string();
    loop {
        let Some(raw) = entries.get(&current) else {
            return Err(format!(
                "'{}' is an alias of '{current}', which is not in the file",
                seen[seen.len().saturating_sub(2)]
            ));
        };
        let target = serde_json::from_str::<HashMap<String, &RawValue>>(raw.get())
            .ok()
            .and_then(|f| f.get("alias_of").copied())
            .and_then(|r| serde_json::from_str::<String>(r.get()).ok());
        let Some(target) = target else {
            return Ok((current, raw));
        };
        if seen.contains(&target) || seen.len() > MAX_ALIAS_STEPS {
            seen.push(target);
            return Err(format!(
                "the `alias_of` chain {} does not end at a priced entry",
                seen.join(" → ")
            ));
        }
        seen.push(target.clone());
        current = target;
    }
}

/// The model's own batch prices: each `*_batches` price that is not
/// exactly the ordinary price less the book's batch discount (those the
/// book derives). None when every listed one follows the discount.
pub(super) fn batch(
    who: &str,
    fields: &HashMap<String, &RawValue>,
    m: &Model,
    book: &PriceBook,
    out: &mut Import,
) -> Option<Batch> {
    let off = Decimal::ONE - book.batch_discount_pct / Decimal::ONE_HUNDRED;
    let ordinary = book.ordinary_prices(m);
    let own = |key: &str, base: Decimal| {
        let given = per_million(fields.get(key).copied()).ok().flatten()?;
        (given != base * off).then_some(given)
    };
    let b = Batch {
        input: own("input_cost_per_token_batches", ordinary.input),
        output: own("output_cost_per_token_batches", ordinary.output),
        cache_write: own(
            "cache_creation_input_token_cost_batches",
            ordinary.cache_write,
        ),
        cache_write_1h: None,
        cache_read: own("cache_read_input_token_cost_batches", ordinary.cache_read),
    };
    if b == Batch::default() {
        if fields.contains_key("input_cost_per_token_batches") {
            out.notes.push(format!(
                "{who}: batch prices are the book's {} % discount; left for the book to derive",
                plain(book.batch_discount_pct)
            ));
        }
        return None;
    }
    out.notes.push(format!(
        "{who}: batch prices of its own, not the book's {} % discount; imported as the model's `batch`",
        plain(book.batch_discount_pct)
    ));
    Some(b)
}

/// The US-only inference multiplier: Anthropic's `provider_specific_entry.us`
/// (`inference_geo = "us"`), else a cloud provider's
/// `regional_endpoint_uplift_multiplier` (its regional endpoints), noted
/// with the provider.
pub(super) fn geo_us(
    who: &str,
    fields: &HashMap<String, &RawValue>,
    out: &mut Import,
) -> Option<Decimal> {
    let number = |raw: &RawValue| {
        let text = raw.get().trim();
        parse_decimal(text).filter(|d| *d >= Decimal::ONE && *d <= Decimal::from(10))
    };
    let us = fields
        .get("provider_specific_entry")
        .and_then(|raw| serde_json::from_str::<HashMap<String, &RawValue>>(raw.get()).ok())
        .and_then(|p| p.get("us").copied())
        .and_then(number);
    if let Some(us) = us {
        out.notes.push(format!(
            "{who}: US-only inference (`inference_geo = \"us\"`) costs {} × the prices; imported as the model's `inference_geo_us`",
            plain(us)
        ));
        return Some(us);
    }
    let uplift = fields
        .get("regional_endpoint_uplift_multiplier")
        .copied()
        .and_then(number)?;
    let provider = fields
        .get("litellm_provider")
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
        .unwrap_or_else(|| "an unnamed provider".to_string());
    out.notes.push(format!(
        "{who}: '{provider}' charges {} × on its regional endpoints (`regional_endpoint_uplift_multiplier`); imported as the model's `inference_geo_us`, the price of keeping inference in one region",
        plain(uplift)
    ));
    Some(uplift)
}
