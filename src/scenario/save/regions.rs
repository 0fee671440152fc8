//! A region's and a workload's fields as the TOML values a save writes,
//! with the value each key means when the table leaves it out (SPEC.md §1
//! defaults). To save a new region or workload field: add it to
//! [`region_fields`] or [`workload_fields`] at the place a new table
//! should show it, with its default.

use rust_decimal::Decimal;
use toml_edit::{Array, Value};

use super::decimal;
use super::fields::{PLAN_ORDER, geo, plan_fields, text};
use super::rows::RowFields;
use crate::scenario::model::{Deal, PlanParts, Region, Workload};

fn count(n: u64) -> Value {
    decimal(Decimal::from(n))
}

/// A date as a TOML local date.
pub fn date(d: chrono::NaiveDate) -> Value {
    d.to_string()
        .parse::<toml_edit::Datetime>()
        .map_or_else(|_| Value::from(d.to_string()), Value::from)
}

/// A list of terms (None when empty: no line).
pub fn terms(list: &[String]) -> Option<Value> {
    (!list.is_empty()).then(|| Value::Array(list.iter().map(String::as_str).collect::<Array>()))
}

/// A `[[region]]` table's fields; its currency defaults to the deal's.
pub fn region_fields(r: &Region, deal: &Deal) -> RowFields {
    let values = vec![
        ("id", Some(text(&r.id))),
        ("name", Some(text(&r.name))),
        ("currency", Some(text(&r.currency))),
        ("headcount", Some(count(r.headcount))),
        ("provisioned", Some(count(r.provisioned))),
        ("mau", Some(count(r.mau))),
        ("wau", Some(count(r.wau))),
        ("dau", Some(count(r.dau))),
        ("go_live", Some(count(u64::from(r.go_live)))),
        ("target_wau", Some(count(r.target_wau))),
        ("ramp_months", Some(count(u64::from(r.ramp_months)))),
        ("requires", terms(&r.requires)),
        ("funnel_source", r.funnel_source.as_deref().map(text)),
        ("funnel_as_of", r.funnel_as_of.map(date)),
        ("uncertainty_pct", r.uncertainty_pct.map(decimal)),
    ];
    let defaults = vec![
        ("name", Some(text(&r.id))),
        ("currency", Some(text(&deal.currency))),
        ("go_live", Some(count(0))),
        ("target_wau", Some(count(r.wau))),
        ("ramp_months", Some(count(0))),
    ];
    RowFields { values, defaults }
}

/// A `[[workload]]` table's fields; its plan keys are written like an
/// offer's plan ([`plan_fields`]).
pub fn workload_fields(w: &Workload) -> RowFields {
    let plan = PlanParts {
        route: Some(w.route.clone()),
        cache_hit: Some(w.cache_hit),
        batch: Some(w.batch),
        cache_1h: Some(w.cache_1h),
        long_context: Some(w.long_context),
        inference_geo_us: Some(w.inference_geo_us),
    };
    let mut values = vec![
        ("name", Some(text(&w.name))),
        ("input_mtok", Some(decimal(w.input_mtok))),
        ("output_mtok", Some(decimal(w.output_mtok))),
        ("cacheable", Some(decimal(w.cacheable))),
        ("growth_pct", Some(decimal(w.growth_pct))),
    ];
    values.extend(plan_fields(&plan));
    values.extend([
        ("usage_source", w.usage_source.as_deref().map(text)),
        ("usage_as_of", w.usage_as_of.map(date)),
        ("uncertainty_pct", w.uncertainty_pct.map(decimal)),
    ]);
    let zero = || Some(decimal(Decimal::ZERO));
    let today = PlanParts {
        route: Some(vec![("opus".into(), Decimal::ONE)]),
        ..PlanParts::default()
    };
    let mut defaults = vec![("cacheable", zero()), ("growth_pct", zero())];
    defaults.extend(plan_fields(&today).into_iter().take(1));
    defaults.extend(PLAN_ORDER[1..5].iter().map(|k| (*k, zero())));
    defaults.push((PLAN_ORDER[5], Some(geo(Decimal::ZERO))));
    RowFields { values, defaults }
}
