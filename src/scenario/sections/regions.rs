//! `[[region]]`: each region's head count, funnel, go-live and ramp, the
//! terms it requires and its uncertainty.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{pct_range, read_currency, read_terms};

use crate::reader::{Ctx, Fields};
use crate::scenario::limits::{MAX_COUNT, MAX_MONTHS};
use crate::scenario::model::*;

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
