//! An offer's fields as the TOML values the writer puts in the file, in the
//! order a new offer is written, and which of them differ between two specs.
//!
//! To save a new offer field: add it to [`fields`] at the place a new offer
//! should show it; [`diff`], placement and the writer follow.

use rust_decimal::Decimal;
use toml_edit::{Array, InlineTable, Value};

use super::decimal;
use crate::scenario::model::{OfferSpec, PlanParts, SeatPlan};

/// A string as a TOML basic string.
pub fn text(s: &str) -> Value {
    Value::from(s)
}

/// A value's TOML text without its spacing and comment, for comparing.
pub fn bare(v: &Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string()
}

/// The keys of an offer's own table in the order a new offer is written.
pub fn offer_order() -> Vec<&'static str> {
    fields(&OfferSpec::default())
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

/// The keys of a plan table (`[offer.api]`, a workload's own) in order.
pub use crate::scenario::model::PLAN_KEYS as PLAN_ORDER;

/// The fields whose TOML form differs between two lists of the same keys:
/// each with its new value (None: the line goes).
pub fn changed(
    old: Vec<(&'static str, Option<Value>)>,
    new: Vec<(&'static str, Option<Value>)>,
) -> Vec<(&'static str, Option<Value>)> {
    let text = |v: &Option<Value>| v.as_ref().map(bare);
    old.into_iter()
        .zip(new)
        .filter(|((_, a), (_, b))| text(a) != text(b))
        .map(|((key, _), (_, b))| (key, b))
        .collect()
}

/// The scalar fields whose TOML form differs between two specs.
pub fn diff(old: &OfferSpec, new: &OfferSpec) -> Vec<(&'static str, Option<Value>)> {
    changed(fields(old), fields(new))
}

/// A plan's route, cache hit and batch as TOML values (None: not set).
pub fn plan_fields(p: &PlanParts) -> Vec<(&'static str, Option<Value>)> {
    let route = p.route.as_ref().map(|r| {
        let mut t = InlineTable::new();
        for (id, share) in r {
            t.insert(id, decimal(*share));
        }
        Value::InlineTable(t)
    });
    vec![
        (PLAN_ORDER[0], route),
        (PLAN_ORDER[1], p.cache_hit.map(decimal)),
        (PLAN_ORDER[2], p.batch.map(decimal)),
        (PLAN_ORDER[3], p.cache_1h.map(decimal)),
        (PLAN_ORDER[4], p.long_context.map(decimal)),
        (PLAN_ORDER[5], p.inference_geo_us.map(geo)),
    ]
}

/// `inference_geo` as written: "us" for all of the volume, "global" for
/// none, else the US-only share.
pub fn geo(share: Decimal) -> Value {
    if share == Decimal::ONE {
        Value::from("us")
    } else if share.is_zero() {
        Value::from("global")
    } else {
        decimal(share)
    }
}

fn seat_fields(seats: &Option<SeatPlan>) -> [(&'static str, Option<Value>); 2] {
    match seats {
        Some(SeatPlan::Fixed(n)) => [
            ("seats", Some(decimal(Decimal::from(*n)))),
            ("seat_ramp", None),
        ],
        Some(SeatPlan::Ramp(steps)) => {
            let mut arr = Array::new();
            for s in steps {
                let mut t = InlineTable::new();
                t.insert("month", decimal(Decimal::from(s.month)));
                t.insert("seats", decimal(Decimal::from(s.seats)));
                arr.push(Value::InlineTable(t));
            }
            [("seats", None), ("seat_ramp", Some(Value::Array(arr)))]
        }
        None => [("seats", None), ("seat_ramp", None)],
    }
}

/// Every scalar field of an offer as its TOML value (None: not set here),
/// in the order a new offer is written.
pub fn fields(o: &OfferSpec) -> Vec<(&'static str, Option<Value>)> {
    let dec = |d: &Option<Decimal>| d.map(decimal);
    let int = |n: Option<u64>| n.map(|n| decimal(Decimal::from(n)));
    let mut out = vec![
        ("name", Some(text(&o.name))),
        ("by", o.by.map(|b| text(b.as_str()))),
        ("based_on", o.based_on.as_deref().map(text)),
        ("tier", o.tier.as_deref().map(text)),
    ];
    out.extend(seat_fields(&o.seats));
    out.extend([
        ("team_seats", int(o.team_seats)),
        ("team_price", dec(&o.team_price)),
        ("seat_price", dec(&o.seat_price)),
        ("billing", o.billing.map(|b| text(b.as_str()))),
        ("term_months", int(o.term_months.map(u64::from))),
        ("uplift_pct", dec(&o.uplift_pct)),
        ("uplift_cap_pct", dec(&o.uplift_cap_pct)),
        ("renewal_cap_pct", dec(&o.renewal_cap_pct)),
        ("true_up", o.true_up.map(|t| text(t.as_str()))),
        ("true_up_ratchet", o.true_up_ratchet.map(Value::from)),
        ("true_up_rate_pct", dec(&o.true_up_rate_pct)),
        ("true_up_cap_pct", dec(&o.true_up_cap_pct)),
        (
            "downsize_at_anniversary",
            o.downsize_at_anniversary.map(Value::from),
        ),
        ("api_commit", dec(&o.api_commit)),
        ("api_discount_pct", dec(&o.api_discount_pct)),
        (
            "terms",
            o.terms
                .as_ref()
                .map(|t| Value::Array(t.iter().map(|s| s.as_str()).collect())),
        ),
    ]);
    out
}
