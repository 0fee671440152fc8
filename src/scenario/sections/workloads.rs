//! `[[workload]]`: each workload's volumes, route over the price book's
//! models, cache and batch shares, US-only inference and growth (which must
//! stay within exact arithmetic over the horizon).

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::pct_range;
use crate::diag::Span;
use crate::pricebook::PriceBook;
use crate::reader::{Ctx, Fields, Sp};
use crate::scenario::model::*;

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
    for (w, span) in s.workloads.iter().zip(spans) {
        let start = w.input_mtok.max(w.output_mtok).max(Decimal::ONE);
        if grows_past_limit(start, w.growth_pct, months) {
            ctx.error(span.clone(), format!(
                "[[workload]] '{}' grows {} % a month and passes 10^12 million tokens a month within the {months}-month horizon: expected a growth the arithmetic can carry exactly",
                w.name, w.growth_pct.normalize()
            ));
        }
    }
}

/// Whether `start` million tokens a month, growing `growth_pct` a month,
/// pass 10^12 million tokens a month (or leave exact arithmetic) within
/// `months` months.
pub(crate) fn grows_past_limit(start: Decimal, growth_pct: Decimal, months: u32) -> bool {
    let limit = Decimal::from(1_000_000_000_000i64);
    let factor = Decimal::ONE + growth_pct / Decimal::ONE_HUNDRED;
    let mut v = start;
    for _ in 1..months {
        match v.checked_mul(factor) {
            Some(n) if n <= limit => v = n,
            _ => return true,
        }
    }
    false
}
