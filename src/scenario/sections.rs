//! The tables of a scenario file besides the offers: `[deal]`, `[fx]`,
//! `[[region]]` with its funnel, `[[workload]]` with its route, `[stress]`
//! and `[[log]]`, each read with its place in the file kept for messages.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::load::{MAX_COUNT, MAX_MONTHS};
use super::model::*;
use super::reader::{Ctx, Fields, Sp};
use crate::diag::Span;
use crate::pricebook::PriceBook;

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
/// The fields of a `[[region]]` (docs/format.md#region).
pub const REGION: &[&str] = &[
    "id",
    "name",
    "currency",
    "headcount",
    "provisioned",
    "mau",
    "wau",
    "dau",
    "go_live",
    "target_wau",
    "ramp_months",
    "requires",
    "funnel_source",
    "funnel_as_of",
    "uncertainty_pct",
];
/// The fields of a `[[workload]]` (docs/format.md#workload).
pub const WORKLOAD: &[&str] = &[
    "name",
    "input_mtok",
    "output_mtok",
    "cacheable",
    "growth_pct",
    "route",
    "cache_hit",
    "batch",
    "cache_1h",
    "long_context",
    "inference_geo",
    "usage_source",
    "usage_as_of",
    "uncertainty_pct",
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

pub(crate) fn read_regions(
    ctx: &Ctx<'_>,
    top: &Fields<'_, '_>,
    deal: &Deal,
    fx: &[(String, Decimal)],
) -> Vec<Region> {
    let mut out: Vec<Region> = Vec::new();
    let tables = top.tables("region");
    if tables.is_empty() && !top.has("region") {
        top.missing("region", "at least one [[region]] with its seat funnel");
    }
    let mut ids: HashSet<String> = HashSet::with_capacity(tables.len());
    for (span, t) in tables {
        let mut f = Fields::new(ctx, t, "[[region]]", REGION, span);
        let Some(id) = f.required_string("id", "a short unique region id") else {
            continue;
        };
        f.rename(format!("[[region]] '{}'", id.value));
        if ids.contains(&id.value) {
            ctx.error(
                id.span.clone(),
                format!(
                    "duplicate region id: expected each [[region]] `id` once, found '{}' again",
                    id.value
                ),
            );
        }
        if let Some(r) = read_region(&f, id.value, deal, fx) {
            ids.insert(r.id.clone());
            out.push(r);
        }
    }
    out
}

fn read_region(
    f: &Fields<'_, '_>,
    id: String,
    deal: &Deal,
    fx: &[(String, Decimal)],
) -> Option<Region> {
    let count = |key: &str| {
        let v = f.whole(key, 0, MAX_COUNT, "a head count");
        if !f.has(key) {
            f.missing(key, "a head count (SPEC.md §1 funnel)");
        }
        v.map(|s| s.value)
    };
    let (headcount, provisioned, mau, wau, dau) = (
        count("headcount"),
        count("provisioned"),
        count("mau"),
        count("wau"),
        count("dau"),
    );
    let order = [
        ("headcount", headcount),
        ("provisioned", provisioned),
        ("mau", mau),
        ("wau", wau),
        ("dau", dau),
    ];
    for pair in order.windows(2) {
        if let [(hi_k, Some(hi)), (lo_k, Some(lo))] = pair
            && lo > hi
        {
            f.error(lo_k, format!(
                    "funnel out of order in {}: expected {lo_k} ≤ {hi_k} ({hi}), found {lo_k} = '{lo}'",
                    f.what()
                ));
        }
    }
    let currency = read_currency(f, "currency").map_or_else(|| deal.currency.clone(), |s| s.value);
    if currency != deal.currency && !fx.iter().any(|(c, _)| *c == currency) {
        f.error("currency", format!(
            "region currency '{currency}' has no rate: expected `{currency} = <units per {}>` in [fx]",
            deal.currency
        ));
    }
    let wau = wau.unwrap_or(0);
    let target_wau = f
        .whole("target_wau", 0, MAX_COUNT, "a head count")
        .map_or(wau, |s| s.value);
    if let (Some(h), true) = (headcount, f.has("target_wau"))
        && target_wau > h
    {
        f.error(
            "target_wau",
            format!(
                "`target_wau` in {} cannot exceed the headcount ({h}), found '{target_wau}'",
                f.what()
            ),
        );
    }
    let funnel_source = f.string("funnel_source").map(|s| s.value);
    Some(Region {
        name: f.string("name").map_or_else(|| id.clone(), |s| s.value),
        id,
        currency,
        headcount: headcount?,
        provisioned: provisioned?,
        mau: mau?,
        wau,
        dau: dau?,
        go_live: f.months("go_live", 0, MAX_MONTHS).map_or(0, |s| s.value),
        target_wau,
        ramp_months: f
            .months("ramp_months", 0, MAX_MONTHS)
            .map_or(0, |s| s.value),
        requires: read_terms(f, "requires"),
        funnel_source,
        funnel_as_of: f.date("funnel_as_of").map(|s| s.value),
        uncertainty_pct: pct_range(f, "uncertainty_pct", 100).map(|s| s.value),
    })
}

/// A route: model id → share, every id in the price book, shares summing to 1.
pub(crate) fn read_route(f: &Fields<'_, '_>, key: &str, book: &PriceBook) -> Option<Route> {
    let (span, t) = f.table(key)?;
    let ids = book.model_ids();
    let entries = t.entries();
    let mut route = Vec::new();
    let mut sum = Decimal::ZERO;
    for (model, kspan, _) in &entries {
        if !ids.contains(model) {
            let hint = crate::diag::suggest(model, &ids)
                .map(|s| format!(" (did you mean '{s}'?)"))
                .unwrap_or_default();
            f.ctx().error(kspan.clone(), format!(
                "unknown model '{model}' in `{key}` of {}: expected a price-book model id ({}){hint}",
                f.what(), ids.join(", ")
            ));
        }
    }
    let allowed: Vec<&str> = entries.iter().map(|(k, _, _)| *k).collect();
    let rf = Fields::new(
        f.ctx(),
        t,
        &format!("`{key}` of {}", f.what()),
        &allowed,
        span.clone(),
    );
    for (model, _, _) in &entries {
        let share = rf.decimal(model, Decimal::ZERO, Decimal::ONE, "a share")?;
        sum += share.value;
        route.push((model.to_string(), share.value));
    }
    if sum != Decimal::ONE {
        f.ctx().error(
            span,
            format!(
                "route shares in `{key}` of {} must sum to 1, found {}",
                f.what(),
                sum.normalize()
            ),
        );
        return None;
    }
    Some(route)
}

pub(crate) fn share(f: &Fields<'_, '_>, key: &str) -> Option<Decimal> {
    f.decimal(key, Decimal::ZERO, Decimal::ONE, "a share")
        .map(|s| s.value)
}

/// `inference_geo`: "us" (share 1), "global" (share 0) or the US-only
/// share of volume as a number (what a usage report measures).
pub(crate) fn inference_geo(f: &Fields<'_, '_>) -> Option<Sp<Decimal>> {
    let (span, node) = f.node("inference_geo")?;
    if node.is_str() {
        let c = f.choice("inference_geo", &["us", "global"])?;
        let value = if c.value == "us" {
            Decimal::ONE
        } else {
            Decimal::ZERO
        };
        return Some(Sp { value, span });
    }
    f.decimal(
        "inference_geo",
        Decimal::ZERO,
        Decimal::ONE,
        "\"us\", \"global\" or the share of volume run US-only",
    )
}

/// Every model a route sends volume to must sell US-only inference when
/// the plan runs any of it US-only (Opus 4.6, Sonnet 4.6 and later).
pub(crate) fn check_geo(
    ctx: &Ctx<'_>,
    book: &PriceBook,
    route: &[(String, Decimal)],
    geo: Decimal,
    span: Span,
    what: &str,
) {
    if geo.is_zero() {
        return;
    }
    for (id, share) in route {
        let Some(m) = book.model(id) else { continue };
        if m.inference_geo_us.is_none() && !share.is_zero() {
            ctx.error(
                span.clone(),
                format!(
                    "{what} runs on model '{id}' with `inference_geo` US-only, but the price book's '{id}' sells no US-only inference (Opus 4.6, Sonnet 4.6 and later do, on the {} edition or newer): expected `inference_geo = \"global\"` or a route without '{id}'",
                    crate::pricebook::edition::latest()
                ),
            );
        }
    }
}

pub(crate) fn read_workloads(
    ctx: &Ctx<'_>,
    top: &Fields<'_, '_>,
    book: &PriceBook,
) -> (Vec<Workload>, Vec<Span>) {
    let mut out: Vec<Workload> = Vec::new();
    let mut spans = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    for (span, t) in top.tables("workload") {
        let mut f = Fields::new(ctx, t, "[[workload]]", WORKLOAD, span);
        let Some(name) = f.required_string("name", "the workload's name") else {
            continue;
        };
        f.rename(format!("[[workload]] '{}'", name.value));
        if !names.insert(name.value.clone()) {
            ctx.error(
                name.span.clone(),
                format!(
                    "duplicate workload name: expected each name once, found '{}' again",
                    name.value
                ),
            );
        }
        let mtok = |key: &str| {
            if !f.has(key) {
                f.missing(key, "million tokens per month today");
            }
            f.decimal(
                key,
                Decimal::ZERO,
                Decimal::from(1_000_000_000),
                "million tokens per month",
            )
            .map(|s| s.value)
        };
        let (input, output) = (mtok("input_mtok"), mtok("output_mtok"));
        let growth = f.decimal(
            "growth_pct",
            Decimal::from(-100),
            Decimal::from(100),
            "a number of percent per month",
        );
        spans.push(
            growth
                .as_ref()
                .map_or_else(|| f.at.clone(), |g| g.span.clone()),
        );
        let route = if f.has("route") {
            read_route(&f, "route", book)
        } else {
            Some(vec![("opus".into(), Decimal::ONE)])
        };
        let geo = inference_geo(&f);
        if let (Some(g), Some(r)) = (&geo, &route) {
            check_geo(ctx, book, r, g.value, g.span.clone(), f.what());
        }
        out.push(Workload {
            name: name.value,
            input_mtok: input.unwrap_or_default(),
            output_mtok: output.unwrap_or_default(),
            cacheable: share(&f, "cacheable").unwrap_or_default(),
            growth_pct: growth.map_or(Decimal::ZERO, |s| s.value),
            route: route.unwrap_or_default(),
            cache_hit: share(&f, "cache_hit").unwrap_or_default(),
            batch: share(&f, "batch").unwrap_or_default(),
            cache_1h: share(&f, "cache_1h").unwrap_or_default(),
            long_context: share(&f, "long_context").unwrap_or_default(),
            inference_geo_us: geo.map_or(Decimal::ZERO, |g| g.value),
            usage_source: f.string("usage_source").map(|s| s.value),
            usage_as_of: f.date("usage_as_of").map(|s| s.value),
            uncertainty_pct: pct_range(&f, "uncertainty_pct", 100).map(|s| s.value),
        });
    }
    (out, spans)
}

/// Workload volumes must stay within exact arithmetic over the horizon.
pub(crate) fn check_growth(ctx: &Ctx<'_>, s: &Scenario, spans: &[Span]) {
    let months = s.horizon();
    let limit = Decimal::from(1_000_000_000_000i64);
    for (w, span) in s.workloads.iter().zip(spans) {
        let factor = Decimal::ONE + w.growth_pct / Decimal::ONE_HUNDRED;
        let mut v = w.input_mtok.max(w.output_mtok).max(Decimal::ONE);
        for _ in 1..months {
            match v.checked_mul(factor) {
                Some(n) if n <= limit => v = n,
                _ => {
                    ctx.error(span.clone(), format!(
                        "[[workload]] '{}' grows {} % a month and passes 10^12 million tokens a month within the {months}-month horizon: expected a growth the arithmetic can carry exactly",
                        w.name, w.growth_pct.normalize()
                    ));
                    break;
                }
            }
        }
    }
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
