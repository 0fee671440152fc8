//! Moving a lever a step and resetting it to what the offer inherits.
//! Typing its exact value is [`super::typed`], the seat ramp's steps
//! [`super::ramp`]. Every edit writes the offer's own fields ([`OfferSpec`])
//! and keeps the offer priceable.

use rust_decimal::Decimal;

use super::plan;
use super::ramp::{MAX_MONTH, add, set_step_seats, shift_seats};
use super::{Ctx, Lever};
use crate::scenario::offers::{MAX_COMMIT, MAX_PRICE};
use crate::scenario::{Billing, Offer, OfferSpec, SeatPlan, TrueUp};

impl Lever {
    /// Move the lever by `steps` (negative moves down); `coarse` for Shift.
    pub fn step(self, spec: &mut OfferSpec, o: &Offer, c: Ctx<'_>, steps: i64, coarse: bool) {
        let (fine, big) = self.steps();
        let delta = if coarse { big } else { fine } * Decimal::from(steps);
        let up = steps > 0;
        match self {
            Lever::Seats => shift_seats(spec, o, delta),
            Lever::RampStep(i) => set_step_seats(spec, o, i, |n| add(n, delta)),
            Lever::SeatPrice => spec.seat_price = Some(clamp(o.seat_price + delta, MAX_PRICE)),
            Lever::TeamSeats => spec.team_seats = Some(add(o.team_seats, delta)),
            Lever::TeamPrice => spec.team_price = Some(clamp(o.team_price + delta, MAX_PRICE)),
            Lever::Term => spec.term_months = Some(months(Decimal::from(o.term_months) + delta)),
            Lever::Uplift => spec.uplift_pct = Some(clamp(o.uplift_pct + delta, 100)),
            Lever::UpliftCap => spec.uplift_cap_pct = step_cap(o.uplift_cap_pct, delta, 100),
            Lever::RenewalCap => spec.renewal_cap_pct = step_cap(o.renewal_cap_pct, delta, 100),
            Lever::TrueUpCap => spec.true_up_cap_pct = step_cap(o.true_up_cap_pct, delta, 1000),
            Lever::TrueUpRate => {
                spec.true_up_rate_pct = Some(clamp(o.true_up_rate_pct + delta, 1000))
            }
            Lever::ApiCommit => spec.api_commit = Some(clamp(o.api_commit + delta, MAX_COMMIT)),
            Lever::ApiDiscount => {
                spec.api_discount_pct = Some(clamp(o.api_discount_pct + delta, 100))
            }
            Lever::TrueUp => {
                let i = TrueUp::ALL
                    .iter()
                    .position(|t| *t == o.true_up)
                    .unwrap_or(0);
                spec.true_up = Some(TrueUp::ALL[cycle(i, TrueUp::ALL.len(), steps)]);
            }
            Lever::Tier => {
                let tiers = &c.scenario.pricebook.tiers;
                let i = tiers.iter().position(|(t, _)| *t == o.tier).unwrap_or(0);
                if let Some((t, _)) = tiers.get(cycle(i, tiers.len(), steps)) {
                    spec.tier = Some(t.clone());
                }
            }
            Lever::Ratchet => spec.true_up_ratchet = Some(up),
            Lever::Downsize => spec.downsize_at_anniversary = Some(up),
            Lever::Billing => set_billing(
                spec,
                o,
                if up {
                    Billing::Monthly
                } else {
                    Billing::Annual
                },
            ),
            Lever::RouteShare(i) => {
                plan::shift_share(spec, o, c, i, delta);
            }
            Lever::CacheHit => plan::edit(spec, o, c, |p, (_, h, _)| {
                p.cache_hit = Some(share(h + delta))
            }),
            Lever::Batch => plan::edit(spec, o, c, |p, (_, _, b)| p.batch = Some(share(b + delta))),
            Lever::Cache1h => {
                plan::edit_shares(spec, o, c, |p, (h, _)| p.cache_1h = Some(share(h + delta)))
            }
            Lever::LongContext => plan::edit_shares(spec, o, c, |p, (_, l)| {
                p.long_context = Some(share(l + delta))
            }),
            Lever::PlanFor | Lever::Terms => {}
        }
    }

    /// Back to the value the offer inherits: the field leaves the offer (and
    /// its line leaves the file on save). A plan field takes the parent's
    /// plan value; the offer's own `[offer.api]` goes when it matches the
    /// parent's again.
    pub fn reset(self, spec: &mut OfferSpec, parent: Option<&Offer>, c: Ctx<'_>) {
        match self {
            Lever::Seats | Lever::RampStep(_) => spec.seats = None,
            Lever::SeatPrice => spec.seat_price = None,
            Lever::Tier => spec.tier = None,
            Lever::TeamSeats => spec.team_seats = None,
            Lever::TeamPrice => spec.team_price = None,
            Lever::Term => spec.term_months = None,
            Lever::Uplift => spec.uplift_pct = None,
            Lever::UpliftCap => spec.uplift_cap_pct = None,
            Lever::RenewalCap => spec.renewal_cap_pct = None,
            Lever::TrueUp => spec.true_up = None,
            Lever::Ratchet => spec.true_up_ratchet = None,
            Lever::TrueUpRate => spec.true_up_rate_pct = None,
            Lever::TrueUpCap => spec.true_up_cap_pct = None,
            Lever::Downsize => spec.downsize_at_anniversary = None,
            Lever::Billing => spec.billing = None,
            Lever::ApiCommit => spec.api_commit = None,
            Lever::ApiDiscount => spec.api_discount_pct = None,
            Lever::Terms => spec.terms = None,
            Lever::PlanFor => spec.api = None,
            Lever::RouteShare(_)
            | Lever::CacheHit
            | Lever::Batch
            | Lever::Cache1h
            | Lever::LongContext => reset_plan(self, spec, parent, c),
        }
    }
}

fn reset_plan(lever: Lever, spec: &mut OfferSpec, parent: Option<&Offer>, c: Ctx<'_>) {
    let inherited = plan::inherited(parent);
    let Some(api) = spec.api.as_mut() else { return };
    let name = c
        .plan
        .and_then(|i| c.scenario.workloads.get(i))
        .map(|w| w.name.clone());
    let pick = |p: &crate::scenario::ApiPlan| match &name {
        None => Some(p.all.clone()),
        Some(n) => p
            .workloads
            .iter()
            .find(|(w, _)| w == n)
            .map(|(_, parts)| parts.clone()),
    };
    let from = pick(&inherited).unwrap_or_default();
    let target = match &name {
        None => Some(&mut api.all),
        Some(n) => api
            .workloads
            .iter_mut()
            .find(|(w, _)| w == n)
            .map(|(_, p)| p),
    };
    if let Some(t) = target {
        match lever {
            Lever::RouteShare(_) => t.route = from.route,
            Lever::CacheHit => t.cache_hit = from.cache_hit,
            Lever::Cache1h => t.cache_1h = from.cache_1h,
            Lever::LongContext => t.long_context = from.long_context,
            _ => t.batch = from.batch,
        }
    }
    api.workloads
        .retain(|(_, p)| *p != crate::scenario::PlanParts::default());
    if *api == inherited {
        spec.api = None;
    }
}

pub(super) fn set_billing(spec: &mut OfferSpec, o: &Offer, to: Billing) {
    spec.billing = Some(to);
    if to == Billing::Annual && o.seats.is_none() {
        spec.seats = Some(SeatPlan::Fixed(0));
    }
}

fn cycle(i: usize, n: usize, steps: i64) -> usize {
    if n == 0 {
        return 0;
    }
    (i as i64 + steps.signum()).rem_euclid(n as i64) as usize
}

fn clamp(v: Decimal, max: i64) -> Decimal {
    v.max(Decimal::ZERO).min(Decimal::from(max))
}

fn share(v: Decimal) -> Decimal {
    v.clamp(Decimal::ZERO, Decimal::ONE).normalize()
}

pub(super) fn months(v: Decimal) -> u32 {
    u32::try_from(v.trunc()).unwrap_or(1).clamp(1, MAX_MONTH)
}

/// A cap steps below 0 into "no cap", and up from "no cap" to 0.
fn step_cap(cur: Option<Decimal>, delta: Decimal, max: i64) -> Option<Decimal> {
    match cur {
        None if delta > Decimal::ZERO => Some(Decimal::ZERO),
        None => None,
        Some(c) if c + delta < Decimal::ZERO => None,
        Some(c) => Some(clamp(c + delta, max)),
    }
}
