//! What the import says about an entry rather than guess: a provider other
//! than Anthropic's own price list, cache prices that break the book's
//! multipliers, figures that look like binary-float artefacts.

use std::collections::HashMap;

use serde_json::value::RawValue;

use super::{ANTHROPIC, Import, PLAUSIBLE_SCALE};
use crate::money::plain;
use crate::pricebook::{Model, PriceBook};

pub(super) fn check_provider(who: &str, fields: &HashMap<String, &RawValue>, out: &mut Import) {
    let provider = fields
        .get("litellm_provider")
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok());
    match provider.as_deref() {
        Some(ANTHROPIC) => {}
        Some(other) => out.warnings.push(format!(
            "{who}: the entry is priced by '{other}', not Anthropic's own API list; imported as given — check it is the price you negotiate against"
        )),
        None => out.warnings.push(format!(
            "{who}: the entry names no `litellm_provider`, so it may not be Anthropic's own API list; imported as given"
        )),
    }
}

/// Warn when an explicit cache price breaks the book's multipliers, and note
/// a cache price the entry leaves to them.
pub(super) fn check_cache(who: &str, m: &Model, book: &PriceBook, out: &mut Import) {
    let checks = [
        ("cache write", m.cache_write, book.cache_write_multiplier),
        ("cache read", m.cache_read, book.cache_read_multiplier),
    ];
    for (what, price, multiplier) in checks {
        let expected = m.input * multiplier;
        match price {
            Some(p) if p != expected => {
                let ratio = p
                    .checked_div(m.input)
                    .map(|r| {
                        let shown = r.round_dp(4);
                        let approx = if shown == r { "" } else { "about " };
                        format!(" is {approx}{} × input,", plain(shown))
                    })
                    .unwrap_or_default();
                out.warnings.push(format!(
                    "{who}: {what} {} per million{ratio} not the book's {} × input ({}); imported as given, so the engine prices this model's {what}s at {}",
                    plain(p),
                    plain(multiplier),
                    plain(expected),
                    plain(p)
                ));
            }
            Some(_) => {}
            None => out.notes.push(format!(
                "{who}: the entry gives no {what} price; the book derives it as input × {} = {}",
                plain(multiplier),
                plain(expected)
            )),
        }
    }
}

pub(super) fn check_artefacts(who: &str, m: &Model, out: &mut Import) {
    let figures = [
        ("input", Some(m.input)),
        ("output", Some(m.output)),
        ("cache write", m.cache_write),
        ("cache read", m.cache_read),
    ];
    for (what, value) in figures {
        if let Some(v) = value.filter(|v| v.scale() > PLAUSIBLE_SCALE) {
            out.warnings.push(format!(
                "{who}: {what} {} per million looks like a binary-float artefact in the file; imported exactly as written — round it in the scenario if the list price is {}",
                plain(v),
                plain(v.round_dp(PLAUSIBLE_SCALE))
            ));
        }
    }
}
