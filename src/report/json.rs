//! The JSON report of SPEC.md §4: money and percentages as strings with two
//! decimals, in the contract's field order, with further fields after them.

use serde_json::{Value, json};

use crate::engine::{Evaluation, Outcome};
use crate::money::two_places;
use crate::scenario::Scenario;

/// The §4 report as a JSON value.
pub fn report(s: &Scenario, ev: &Evaluation) -> Value {
    let reference = ev
        .outcomes
        .get(ev.reference)
        .map(|o| o.offer.name.clone())
        .unwrap_or_default();
    json!({
        "deal": s.deal.name,
        "currency": s.deal.currency,
        "horizon_months": ev.horizon,
        "reference": reference,
        "offers": ev.outcomes.iter().map(offer).collect::<Vec<_>>(),
        "funnel": funnel(ev),
        "pricebook_as_of": s.pricebook.as_of.map(|d| d.to_string()),
    })
}

fn offer(o: &Outcome) -> Value {
    json!({
        "name": o.offer.name,
        "seat_cost": two_places(o.seat_cost),
        "api_cost": two_places(o.api_cost),
        "total": two_places(o.total),
        "savings": two_places(o.savings),
        "savings_pct": two_places(o.savings_pct),
        "billed_seat_months": o.billed_seat_months,
        "demand_seat_months": o.demand_seat_months,
        "idle_seat_months": o.idle_seat_months,
        "idle_cost": two_places(o.idle_cost),
        "unserved_seat_months": o.unserved_seat_months,
        "api_list": two_places(o.api_list),
        "api_unused_commit": two_places(o.api_unused_commit),
        "api_baseline": two_places(o.api_baseline),
        "api_savings_pct": two_places(o.api_savings_pct),
        "years": o.years.iter().map(|y| json!({
            "year": y.year,
            "seat_cost": two_places(y.seat_cost),
            "api_cost": two_places(y.api_cost),
            "total": two_places(y.total),
            "months": y.months,
            "seat_price": two_places(y.price),
            "api_list": two_places(y.api_list),
            "api_unused_commit": two_places(y.api_unused_commit),
        })).collect::<Vec<_>>(),
        "missing_terms": o.missing_terms,
        "warnings": o.warnings,
        "by": o.offer.by.as_str(),
        "based_on": o.offer.based_on,
        "regions": o.regions.iter().map(|r| json!({
            "region": r.id,
            "currency": r.currency,
            "seat_cost": two_places(r.seat_cost),
            "bill": two_places(r.local),
        })).collect::<Vec<_>>(),
    })
}

fn funnel(ev: &Evaluation) -> Value {
    let row = |r: &crate::engine::funnel::FunnelRow| {
        json!({
            "region": r.id,
            "headcount": r.headcount,
            "provisioned": r.provisioned,
            "mau": r.mau,
            "wau": r.wau,
            "dau": r.dau,
            "dormant": r.dormant,
            "usage_sized_commit": r.usage_sized_commit,
        })
    };
    json!({
        "regions": ev.funnel.regions.iter().map(row).collect::<Vec<_>>(),
        "total": row(&ev.funnel.total),
    })
}

/// Write the report, pretty-printed, with a final newline.
pub fn write(out: &mut impl std::io::Write, s: &Scenario, ev: &Evaluation) -> std::io::Result<()> {
    write_value(out, &report(s, ev))
}

/// Write `value` pretty-printed with a final newline, every character that
/// could drive a terminal written as a `\uXXXX` escape: serde_json escapes
/// C0 controls only, and would pass DEL, C1 controls and bidi overrides from
/// the file through raw. The escapes decode to the same strings.
pub fn write_value(out: &mut impl std::io::Write, value: &Value) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        // Below DEL serde_json has escaped what is in strings and the rest
        // is the layout's newlines; above, every such character is inside a
        // string, where an escape means the same.
        if c >= '\u{7f}' && crate::diag::is_unsafe(c) {
            safe.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            safe.push(c);
        }
    }
    writeln!(out, "{safe}")
}
