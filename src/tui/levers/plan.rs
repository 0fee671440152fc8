//! The API plan levers: which plan is edited (every workload, or one
//! workload's own), the share of each price-book model in its route — kept
//! summing to exactly 1 as one moves — its cache-hit and batch shares, and
//! (when the scenario uses them) its one-hour cache and long-context shares.
//!
//! An offer inherits `[offer.api]` whole; the first plan lever moved on an
//! offer gives it its own copy, which it then changes field by field.

use rust_decimal::Decimal;

use super::Ctx;
use crate::scenario::{ApiPlan, Offer, OfferSpec, PlanParts, Route};

/// The name of the plan being edited.
pub fn target_name(c: Ctx<'_>) -> String {
    match c.plan.and_then(|i| c.scenario.workloads.get(i)) {
        Some(w) => crate::diag::sanitize(&w.name),
        None => "every workload".into(),
    }
}

/// The chosen plan's (route, cache hit, batch) as priced. For the offer-wide
/// plan, a field the offer does not set shows the workloads' common value
/// (the first workload's when they differ; [`varies`] tells).
pub fn parts(o: &Offer, c: Ctx<'_>) -> (Route, Decimal, Decimal) {
    let workloads = &c.scenario.workloads;
    match c.plan.and_then(|i| workloads.get(i)) {
        Some(w) => o.api.for_workload(w),
        None => workloads
            .first()
            .map(|w| {
                let (r, h, b) = o.api.for_workload(w);
                let all = &o.api.all;
                (
                    all.route.clone().unwrap_or(r),
                    all.cache_hit.unwrap_or(h),
                    all.batch.unwrap_or(b),
                )
            })
            .unwrap_or_default(),
    }
}

/// The chosen plan's (cache_1h, long_context) shares (§8) as priced, read
/// like [`parts`].
pub fn shares(o: &Offer, c: Ctx<'_>) -> (Decimal, Decimal) {
    let workloads = &c.scenario.workloads;
    match c.plan.and_then(|i| workloads.get(i)) {
        Some(w) => o.api.shares_for(w),
        None => workloads
            .first()
            .map(|w| {
                let (h, l) = o.api.shares_for(w);
                let all = &o.api.all;
                (all.cache_1h.unwrap_or(h), all.long_context.unwrap_or(l))
            })
            .unwrap_or_default(),
    }
}

/// True when the scenario uses the §8 shares: a workload runs with one, or
/// an offer's plan sets one. Their levers are listed only then.
pub fn uses_shares(s: &crate::scenario::Scenario) -> bool {
    let zero = (Decimal::ZERO, Decimal::ZERO);
    let sets = |p: &PlanParts| p.cache_1h.is_some() || p.long_context.is_some();
    s.workloads
        .iter()
        .any(|w| (w.cache_1h, w.long_context) != zero)
        || s.offers
            .iter()
            .filter_map(|o| o.api.as_ref())
            .any(|a| sets(&a.all) || a.workloads.iter().any(|(_, p)| sets(p)))
}

/// True when the offer-wide plan leaves this field to workloads that differ.
pub fn varies(o: &Offer, c: Ctx<'_>, field: &str) -> bool {
    if c.plan.is_some() {
        return false;
    }
    let values: Vec<String> = c
        .scenario
        .workloads
        .iter()
        .map(|w| {
            let (r, h, b) = o.api.for_workload(w);
            let (one_hour, long) = o.api.shares_for(w);
            match field {
                "route" => format!("{r:?}"),
                "cache_hit" => h.normalize().to_string(),
                "cache_1h" => one_hour.normalize().to_string(),
                "long_context" => long.normalize().to_string(),
                _ => b.normalize().to_string(),
            }
        })
        .collect();
    values.windows(2).any(|p| p[0] != p[1])
}

/// The share of price-book model `i` in the chosen plan's route.
pub fn share_of(o: &Offer, c: Ctx<'_>, i: usize) -> Decimal {
    let Some((id, _)) = c.scenario.pricebook.models.get(i) else {
        return Decimal::ZERO;
    };
    parts(o, c)
        .0
        .iter()
        .find(|(m, _)| m == id)
        .map_or(Decimal::ZERO, |(_, s)| *s)
}

/// Change the chosen plan's own fields with `f`, which also receives the
/// plan as priced now. The offer gets its own copy of `[offer.api]` first.
pub fn edit(
    spec: &mut OfferSpec,
    o: &Offer,
    c: Ctx<'_>,
    f: impl FnOnce(&mut PlanParts, (Route, Decimal, Decimal)),
) {
    let current = parts(o, c);
    edit_own(spec, o, c, |p| f(p, current));
}

/// Like [`edit`], with the chosen plan's §8 shares as priced now.
pub fn edit_shares(
    spec: &mut OfferSpec,
    o: &Offer,
    c: Ctx<'_>,
    f: impl FnOnce(&mut PlanParts, (Decimal, Decimal)),
) {
    let current = shares(o, c);
    edit_own(spec, o, c, |p| f(p, current));
}

fn edit_own(spec: &mut OfferSpec, o: &Offer, c: Ctx<'_>, f: impl FnOnce(&mut PlanParts)) {
    let api = spec.api.get_or_insert_with(|| o.api.clone());
    let target = match c.plan.and_then(|i| c.scenario.workloads.get(i)) {
        None => &mut api.all,
        Some(w) => {
            if !api.workloads.iter().any(|(n, _)| *n == w.name) {
                api.workloads.push((w.name.clone(), PlanParts::default()));
            }
            match api.workloads.iter_mut().find(|(n, _)| *n == w.name) {
                Some((_, p)) => p,
                None => return,
            }
        }
    };
    f(target);
}

/// Move the chosen plan's share of price-book model `i` by `delta`, the
/// other models making room ([`step_share`]).
pub fn shift_share(spec: &mut OfferSpec, o: &Offer, c: Ctx<'_>, i: usize, delta: Decimal) {
    let models: Vec<String> = c
        .scenario
        .pricebook
        .models
        .iter()
        .map(|(m, _)| m.clone())
        .collect();
    edit(spec, o, c, |p, (route, _, _)| {
        p.route = Some(step_share(&route, &models, i, delta))
    });
}

/// Move model `i`'s share of `route` by `delta` (clamped to 0..1), taking
/// the difference from — or giving it to — the other models, largest share
/// first, so the shares still sum to exactly 1. Models at 0 drop out.
pub fn step_share(route: &Route, models: &[String], i: usize, delta: Decimal) -> Route {
    let mut shares: Vec<Decimal> = models
        .iter()
        .map(|id| {
            route
                .iter()
                .find(|(m, _)| m == id)
                .map_or(Decimal::ZERO, |(_, s)| *s)
        })
        .collect();
    if i >= shares.len() || shares.len() < 2 {
        return route.clone();
    }
    let target = (shares[i] + delta).clamp(Decimal::ZERO, Decimal::ONE);
    let mut rest = target - shares[i];
    shares[i] = target;
    let mut others: Vec<usize> = (0..shares.len()).filter(|&j| j != i).collect();
    others.sort_by(|&a, &b| shares[b].cmp(&shares[a]).then(a.cmp(&b)));
    for j in others {
        if rest.is_zero() {
            break;
        }
        let take = if rest > Decimal::ZERO {
            rest.min(shares[j])
        } else {
            rest.max(shares[j] - Decimal::ONE)
        };
        shares[j] -= take;
        rest -= take;
    }
    models
        .iter()
        .zip(shares)
        .filter(|(_, s)| !s.is_zero())
        .map(|(m, s)| (m.clone(), s.normalize()))
        .collect()
}

/// The plan fields an offer inherits from its parent (or the empty plan).
pub fn inherited(parent: Option<&Offer>) -> ApiPlan {
    parent.map(|p| p.api.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn models() -> Vec<String> {
        vec!["opus".into(), "sonnet".into(), "haiku".into()]
    }

    #[test]
    fn raising_one_share_takes_from_the_largest_other() {
        let r = vec![
            ("opus".into(), d("0.15")),
            ("sonnet".into(), d("0.6")),
            ("haiku".into(), d("0.25")),
        ];
        let out = step_share(&r, &models(), 0, d("0.05"));
        assert_eq!(
            out,
            vec![
                ("opus".into(), d("0.2")),
                ("sonnet".into(), d("0.55")),
                ("haiku".into(), d("0.25"))
            ]
        );
    }

    #[test]
    fn lowering_the_only_model_gives_to_the_next() {
        let r = vec![("opus".into(), Decimal::ONE)];
        let out = step_share(&r, &models(), 0, d("-0.01"));
        assert_eq!(
            out,
            vec![("opus".into(), d("0.99")), ("sonnet".into(), d("0.01"))]
        );
        let sum: Decimal = out.iter().map(|(_, s)| *s).sum();
        assert_eq!(sum, Decimal::ONE);
    }

    #[test]
    fn a_share_cannot_pass_one() {
        let r = vec![("opus".into(), d("0.98")), ("haiku".into(), d("0.02"))];
        let out = step_share(&r, &models(), 0, d("0.05"));
        assert_eq!(out, vec![("opus".into(), Decimal::ONE)]);
    }
}
