//! The tables of a scenario file besides the offers: `[deal]`, `[fx]`,
//! `[[region]]` with its funnel (`sections/regions.rs`), `[[workload]]` with
//! its route (`sections/workloads.rs`), `[stress]` and `[[log]]`, each read
//! with its place in the file kept for messages.

use rust_decimal::Decimal;

mod regions;
mod workloads;

pub use regions::REGION;
pub(crate) use regions::read_regions;
pub use workloads::WORKLOAD;
pub(crate) use workloads::{
    check_geo, check_growth, grows_past_limit, inference_geo, read_route, read_workloads, share,
};

use super::limits::MAX_MONTHS;
use super::model::*;
use crate::reader::{Ctx, Fields, Sp};

/// The fields of `[deal]` (docs/format.md#deal).
pub const DEAL: &[&str] = &[
    "name",
    "vendor",
    "currency",
    "start",
    "horizon_months",
    "buffer_pct",
    "renewal_uplift_pct",
    "requires",
    "target_total",
    "walk_away_total",
];
/// The fields of `[stress]` (docs/format.md#stress).
pub const STRESS: &[&str] = &["adoption_pct", "spike_pct"];
/// The fields of a `[[log]]` entry (docs/format.md#log).
pub const LOG: &[&str] = &["at", "who", "text"];

pub(crate) fn pct_range(f: &Fields<'_, '_>, key: &str, max: i64) -> Option<Sp<Decimal>> {
    f.decimal(
        key,
        Decimal::ZERO,
        Decimal::from(max),
        "a number of percent",
    )
}

pub(crate) fn read_deal(ctx: &Ctx<'_>, top: &Fields<'_, '_>) -> Option<Deal> {
    let Some((span, t)) = top.table("deal") else {
        if !top.has("deal") {
            top.missing("deal", "a [deal] table with name, currency and start");
        }
        return None;
    };
    let f = Fields::new(ctx, t, "[deal]", DEAL, span);
    let name = f.required_string("name", "the deal's name");
    let currency = read_currency(&f, "currency");
    if !f.has("currency") {
        f.missing(
            "currency",
            "the ISO 4217 code of the deal currency, e.g. \"USD\"",
        );
    }
    let start = f.date("start");
    if !f.has("start") {
        f.missing("start", "the first day of month 0, e.g. 2027-01-01");
    }
    if let Some(d) = &start {
        use chrono::Datelike;
        if !(1990..=2199).contains(&d.value.year()) {
            f.error(
                "start",
                format!(
                    "`start` in [deal] must be a date from 1990 to 2199, found '{}'",
                    d.value
                ),
            );
        }
    }
    let money = |key: &str| {
        f.decimal(
            key,
            Decimal::ZERO,
            Decimal::from(1_000_000_000_000_000i64),
            "an amount",
        )
    };
    let (target, walk_away) = (money("target_total"), money("walk_away_total"));
    if let (Some(t), Some(w)) = (&target, &walk_away)
        && w.value < t.value
    {
        f.error(
                "walk_away_total",
                format!(
                    "`walk_away_total` in [deal] is the total above which we walk away: expected at least the target_total ({}), found '{}'",
                    t.value, w.value
                ),
            );
    }
    Some(Deal {
        name: name.map(|s| s.value).unwrap_or_default(),
        vendor: f.string("vendor").map(|s| s.value),
        currency: currency.map(|s| s.value).unwrap_or_else(|| "USD".into()),
        start: start.map_or(chrono::NaiveDate::MIN, |s| s.value),
        horizon_months: f.months("horizon_months", 1, MAX_MONTHS).map(|s| s.value),
        buffer_pct: pct_range(&f, "buffer_pct", 100).map_or(Decimal::from(15), |s| s.value),
        renewal_uplift_pct: pct_range(&f, "renewal_uplift_pct", 100)
            .map_or(Decimal::ZERO, |s| s.value),
        requires: read_terms(&f, "requires"),
        target_total: target.map(|s| s.value),
        walk_away_total: walk_away.map(|s| s.value),
    })
}

fn read_currency(f: &Fields<'_, '_>, key: &str) -> Option<Sp<String>> {
    let s = f.string(key)?;
    if s.value.len() == 3 && s.value.chars().all(|c| c.is_ascii_uppercase()) {
        Some(s)
    } else {
        f.error(key, format!("`{key}` in {} must be an ISO 4217 code of three capital letters such as \"EUR\", found '{}'", f.what(), s.value));
        None
    }
}

/// A list of terms: non-empty strings without duplicates.
pub(crate) fn read_terms(f: &Fields<'_, '_>, key: &str) -> Vec<String> {
    let Some(list) = f.strings(key) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for t in list.value {
        let t = t.trim().to_string();
        if t.is_empty() {
            f.error(
                key,
                format!(
                    "`{key}` in {} must hold term names, found an empty string",
                    f.what()
                ),
            );
        } else if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

pub(crate) fn read_fx(
    ctx: &Ctx<'_>,
    top: &Fields<'_, '_>,
    deal_currency: &str,
) -> Vec<(String, Decimal)> {
    let Some((span, t)) = top.table("fx") else {
        return Vec::new();
    };
    let keys: Vec<String> = t.entries().iter().map(|(k, _, _)| k.to_string()).collect();
    let allowed: Vec<&str> = keys.iter().map(String::as_str).collect();
    let f = Fields::new(ctx, t, "[fx]", &allowed, span);
    let mut out = Vec::new();
    for code in &keys {
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            ctx.error(
                f.key_span(code).unwrap_or_else(|| f.at.clone()),
                format!("[fx] keys must be ISO 4217 codes such as EUR, found '{code}'"),
            );
            continue;
        }
        let min = Decimal::new(1, 6);
        if let Some(rate) = f.decimal(
            code,
            min,
            Decimal::from(1_000_000),
            "units of local currency per unit of the deal currency",
        ) {
            if code == deal_currency && rate.value != Decimal::ONE {
                f.error(
                    code,
                    format!(
                        "the rate of the deal currency {code} must be 1, found '{}'",
                        rate.value
                    ),
                );
            }
            out.push((code.clone(), rate.value));
        }
    }
    out
}

pub(crate) fn read_stress(ctx: &Ctx<'_>, top: &Fields<'_, '_>) -> Stress {
    let mut s = Stress::default();
    if let Some((span, t)) = top.table("stress") {
        let f = Fields::new(ctx, t, "[stress]", STRESS, span);
        if let Some(v) = pct_range(&f, "adoption_pct", 100) {
            s.adoption_pct = v.value;
        }
        if let Some(v) = pct_range(&f, "spike_pct", 1000) {
            s.spike_pct = v.value;
        }
    }
    s
}

pub(crate) fn read_log(ctx: &Ctx<'_>, top: &Fields<'_, '_>) -> Vec<LogEntry> {
    let mut out = Vec::new();
    for (span, t) in top.tables("log") {
        let f = Fields::new(ctx, t, "[[log]]", LOG, span);
        let at = f.date_time("at");
        if !f.has("at") {
            f.missing("at", "when it was said, e.g. 2027-01-14T15:32:00Z");
        }
        let who = f.required_string("who", "\"vendor\", \"us\" or a name");
        let text = f.required_string("text", "what was said or agreed");
        if let (Some(at), Some(who), Some(text)) = (at, who, text) {
            out.push(LogEntry {
                at: at.value,
                who: who.value,
                text: text.value,
            });
        }
    }
    out
}
