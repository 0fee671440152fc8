//! What US data residency costs on the API side: the workloads an offer's
//! plan runs global although a region requires `us_residency`, and what
//! running them US-only (`inference_geo = "us"`, each model's
//! `inference_geo_us` multiplier) would add at list price over the horizon.

use rust_decimal::Decimal;

use super::api::{api_months, growth_factors};
use crate::money::{Exact, Overflow};
use crate::scenario::{ApiPlan, Scenario, Workload};

/// The term a region names to require US data residency.
pub const US_RESIDENCY: &str = "us_residency";

/// The US-only side of an offer's API plan.
#[derive(Debug, Clone, PartialEq)]
pub struct UsOnly {
    /// Workloads that run (partly) global and could run US-only: every
    /// model on their route sells US-only inference.
    pub global: Vec<String>,
    /// Workloads that run global on a model that sells no US-only
    /// inference.
    pub cannot: Vec<String>,
    /// What running every `global` workload US-only adds to the plan's list
    /// cost over the horizon.
    pub extra: Decimal,
}

/// The regions that require US data residency, in file order.
pub fn requiring(s: &Scenario) -> Vec<&str> {
    s.regions
        .iter()
        .filter(|r| r.requires.iter().any(|t| t == US_RESIDENCY))
        .map(|r| r.id.as_str())
        .collect()
}

fn can_run_us(s: &Scenario, plan: &ApiPlan, w: &Workload) -> bool {
    plan.for_workload(w).0.iter().all(|(id, share)| {
        share.is_zero()
            || s.pricebook
                .model(id)
                .is_some_and(|m| m.inference_geo_us.is_some())
    })
}

/// The US-only side of `plan` over `horizon` months.
pub fn us_only(s: &Scenario, plan: &ApiPlan, horizon: u32) -> Result<UsOnly, Overflow> {
    let mut global = Vec::new();
    let mut cannot = Vec::new();
    let mut moved: Vec<Workload> = Vec::new();
    let mut kept: Vec<Workload> = Vec::new();
    for w in &s.workloads {
        if plan.geo_us_for(w) == Decimal::ONE {
            continue;
        }
        if !can_run_us(s, plan, w) {
            cannot.push(w.name.clone());
            continue;
        }
        global.push(w.name.clone());
        kept.push(w.clone());
        let mut us = w.clone();
        us.inference_geo_us = Decimal::ONE;
        moved.push(us);
    }
    let mut us_plan = plan.clone();
    us_plan.all.inference_geo_us = None;
    for (_, p) in &mut us_plan.workloads {
        p.inference_geo_us = None;
    }
    let factors = |ws: &[Workload]| -> Result<Vec<Vec<Decimal>>, Overflow> {
        ws.iter().map(|w| growth_factors(w, horizon)).collect()
    };
    let now = api_months(&s.pricebook, &kept, plan, &factors(&kept)?, horizon)?;
    let then = api_months(&s.pricebook, &moved, &us_plan, &factors(&moved)?, horizon)?;
    let mut extra = Decimal::ZERO;
    for (a, b) in now.iter().zip(&then) {
        extra = extra.add_x(b.sub_x(*a, "US-only cost")?, "US-only cost")?;
    }
    Ok(UsOnly {
        global,
        cannot,
        extra,
    })
}
