//! Moving a lever a step, typing its exact value, resetting it to what the
//! offer inherits, and editing seat-ramp steps. Every edit writes the
//! offer's own fields ([`OfferSpec`]) and keeps the offer priceable.

use rust_decimal::Decimal;

use super::plan;
use super::{Ctx, Lever};
use crate::money::{format_count, parse_typed, plain};
use crate::scenario::{Billing, Offer, OfferSpec, RampStep, SeatPlan, TrueUp};

const MAX_SEATS: u64 = 10_000_000;
const MAX_MONTH: u32 = 600;

impl Lever {
    /// Move the lever by `steps` (negative moves down); `coarse` for Shift.
    pub fn step(self, spec: &mut OfferSpec, o: &Offer, c: Ctx<'_>, steps: i64, coarse: bool) {
        let (fine, big) = self.steps();
        let delta = if coarse { big } else { fine } * Decimal::from(steps);
        let up = steps > 0;
        match self {
            Lever::Seats => shift_seats(spec, o, delta),
            Lever::RampStep(i) => set_step_seats(spec, o, i, |n| add(n, delta)),
            Lever::SeatPrice => spec.seat_price = Some(clamp(o.seat_price + delta, 1_000_000)),
            Lever::TeamSeats => spec.team_seats = Some(add(o.team_seats, delta)),
            Lever::TeamPrice => spec.team_price = Some(clamp(o.team_price + delta, 1_000_000)),
            Lever::Term => spec.term_months = Some(months(Decimal::from(o.term_months) + delta)),
            Lever::Uplift => spec.uplift_pct = Some(clamp(o.uplift_pct + delta, 100)),
            Lever::UpliftCap => spec.uplift_cap_pct = step_cap(o.uplift_cap_pct, delta, 100),
            Lever::RenewalCap => spec.renewal_cap_pct = step_cap(o.renewal_cap_pct, delta, 100),
            Lever::TrueUpCap => spec.true_up_cap_pct = step_cap(o.true_up_cap_pct, delta, 1000),
            Lever::TrueUpRate => {
                spec.true_up_rate_pct = Some(clamp(o.true_up_rate_pct + delta, 1000))
            }
            Lever::ApiCommit => {
                spec.api_commit = Some(clamp(o.api_commit + delta, 1_000_000_000_000))
            }
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
                let models: Vec<String> = c
                    .scenario
                    .pricebook
                    .models
                    .iter()
                    .map(|(m, _)| m.clone())
                    .collect();
                plan::edit(spec, o, c, |p, (route, _, _)| {
                    p.route = Some(plan::step_share(&route, &models, i, delta))
                });
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

    /// Set the lever from typed text: a number (thousands separators and a
    /// currency or percent sign allowed), `none` for a cap, a choice's name,
    /// on/off.
    pub fn set_text(
        self,
        spec: &mut OfferSpec,
        o: &Offer,
        c: Ctx<'_>,
        text: &str,
    ) -> Result<(), String> {
        let t = text.trim().to_lowercase();
        let label = self.label(c.scenario).trim().to_string();
        let number = |max: i64| -> Result<Decimal, String> {
            let v = parse_typed(&t, &c.scenario.deal.currency)
                .map_err(|why| format!("{label}: {why}"))?;
            if v > Decimal::from(max) {
                return Err(format!(
                    "expected at most {} for {label}, found {}",
                    format_count(max),
                    plain(v)
                ));
            }
            Ok(v)
        };
        let cap = |max: i64| {
            if t == "none" || t.is_empty() {
                Ok(None)
            } else {
                number(max).map(Some)
            }
        };
        let flag = || match t.as_str() {
            "on" | "true" | "yes" | "1" => Ok(true),
            "off" | "false" | "no" | "0" => Ok(false),
            _ => Err(format!("expected on or off for {label}, found '{text}'")),
        };
        // Seats and months are whole: 1.5 is a slip to point out, not to cut.
        let whole = |max: i64| -> Result<u64, String> {
            let v = number(max)?;
            if v.fract().is_zero() {
                u64::try_from(v).map_err(|_| format!("expected a whole number for {label}"))
            } else {
                Err(format!(
                    "expected a whole number for {label}, found '{}'",
                    plain(v)
                ))
            }
        };
        match self {
            Lever::Seats => spec.seats = Some(SeatPlan::Fixed(whole(MAX_SEATS as i64)?)),
            Lever::RampStep(i) => {
                let n = whole(MAX_SEATS as i64)?;
                set_step_seats(spec, o, i, |_| n);
            }
            // Prices and commits are taken as typed: the engine is exact.
            Lever::SeatPrice => spec.seat_price = Some(number(1_000_000)?),
            Lever::TeamSeats => spec.team_seats = Some(whole(MAX_SEATS as i64)?),
            Lever::TeamPrice => spec.team_price = Some(number(1_000_000)?),
            Lever::Term => spec.term_months = Some(months(Decimal::from(whole(600)?)).max(1)),
            Lever::Uplift => spec.uplift_pct = Some(number(100)?),
            Lever::UpliftCap => spec.uplift_cap_pct = cap(100)?,
            Lever::RenewalCap => spec.renewal_cap_pct = cap(100)?,
            Lever::TrueUpCap => spec.true_up_cap_pct = cap(1000)?,
            Lever::TrueUpRate => spec.true_up_rate_pct = Some(number(1000)?),
            Lever::ApiCommit => spec.api_commit = Some(number(1_000_000_000_000)?),
            Lever::ApiDiscount => spec.api_discount_pct = Some(number(100)?),
            Lever::Ratchet => spec.true_up_ratchet = Some(flag()?),
            Lever::Downsize => spec.downsize_at_anniversary = Some(flag()?),
            Lever::TrueUp => {
                let want = t.replace([' ', '-'], "_");
                let mode = TrueUp::ALL.into_iter().find(|m| m.as_str() == want);
                spec.true_up = Some(mode.ok_or_else(|| {
                    format!("expected fixed, monthly, quarterly or annual_peak, found '{text}'")
                })?);
            }
            Lever::Billing => match t.as_str() {
                "annual" => set_billing(spec, o, Billing::Annual),
                "monthly" => set_billing(spec, o, Billing::Monthly),
                _ => return Err(format!("expected annual or monthly, found '{text}'")),
            },
            Lever::Tier => {
                let tiers = &c.scenario.pricebook.tiers;
                let found = tiers.iter().find(|(id, _)| *id == t);
                let ids: Vec<&str> = tiers.iter().map(|(id, _)| id.as_str()).collect();
                spec.tier = Some(found.map(|(id, _)| id.clone()).ok_or_else(|| {
                    format!("expected one of {}, found '{text}'", ids.join(", "))
                })?);
            }
            Lever::RouteShare(i) => {
                let want = number(100)? / Decimal::ONE_HUNDRED;
                let models: Vec<String> = c
                    .scenario
                    .pricebook
                    .models
                    .iter()
                    .map(|(m, _)| m.clone())
                    .collect();
                let now = plan::share_of(o, c, i);
                plan::edit(spec, o, c, |p, (route, _, _)| {
                    p.route = Some(plan::step_share(&route, &models, i, want - now))
                });
            }
            Lever::CacheHit => {
                let v = number(100)? / Decimal::ONE_HUNDRED;
                plan::edit(spec, o, c, |p, _| p.cache_hit = Some(v));
            }
            Lever::Batch => {
                let v = number(100)? / Decimal::ONE_HUNDRED;
                plan::edit(spec, o, c, |p, _| p.batch = Some(v));
            }
            Lever::Cache1h => {
                let v = number(100)? / Decimal::ONE_HUNDRED;
                plan::edit_shares(spec, o, c, |p, _| p.cache_1h = Some(v));
            }
            Lever::LongContext => {
                let v = number(100)? / Decimal::ONE_HUNDRED;
                plan::edit_shares(spec, o, c, |p, _| p.long_context = Some(v));
            }
            Lever::PlanFor | Lever::Terms => {
                return Err(format!("{label} is chosen with ←/→ or Enter, not typed"));
            }
        }
        Ok(())
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

/// `+`: add a ramp step after step `at` (or turn a fixed count into a ramp
/// of two steps, the second a year on); the new step starts with the same
/// seats, half way to the next step or six months later.
pub fn add_step(spec: &mut OfferSpec, o: &Offer, at: Option<usize>) {
    let mut steps = match &o.seats {
        Some(SeatPlan::Ramp(s)) => s.clone(),
        Some(SeatPlan::Fixed(n)) => vec![RampStep {
            month: 0,
            seats: *n,
        }],
        None => vec![RampStep { month: 0, seats: 0 }],
    };
    let i = at.unwrap_or(steps.len() - 1).min(steps.len() - 1);
    let month = match steps.get(i + 1) {
        Some(next) if next.month - steps[i].month >= 2 => {
            steps[i].month + (next.month - steps[i].month) / 2
        }
        Some(_) => return,
        None if matches!(o.seats, Some(SeatPlan::Fixed(_)) | None) => steps[i].month + 12,
        None => (steps[i].month + 6).min(MAX_MONTH),
    };
    if month <= steps[i].month {
        return;
    }
    steps.insert(
        i + 1,
        RampStep {
            month,
            seats: steps[i].seats,
        },
    );
    spec.seats = Some(SeatPlan::Ramp(steps));
}

/// `-`: remove ramp step `i`; a ramp of one step becomes a fixed count.
pub fn remove_step(spec: &mut OfferSpec, o: &Offer, i: usize) {
    let Some(SeatPlan::Ramp(steps)) = &o.seats else {
        return;
    };
    let mut steps = steps.clone();
    if i < steps.len() {
        steps.remove(i);
    }
    spec.seats = Some(match steps.as_slice() {
        [] => SeatPlan::Fixed(0),
        [only] => SeatPlan::Fixed(only.seats),
        _ => SeatPlan::Ramp(steps),
    });
}

/// `<` / `>`: move ramp step `i` a month earlier or later, staying strictly
/// between its neighbours (the first step may reach month 0).
pub fn move_step(spec: &mut OfferSpec, o: &Offer, i: usize, by: i64) {
    let Some(SeatPlan::Ramp(steps)) = &o.seats else {
        return;
    };
    let mut steps = steps.clone();
    let lo = if i == 0 {
        0
    } else {
        i64::from(steps[i - 1].month) + 1
    };
    let hi = steps
        .get(i + 1)
        .map_or(i64::from(MAX_MONTH), |n| i64::from(n.month) - 1);
    if let Some(step) = steps.get_mut(i) {
        step.month = u32::try_from((i64::from(step.month) + by).clamp(lo, hi.max(lo))).unwrap_or(0);
    }
    spec.seats = Some(SeatPlan::Ramp(steps));
}

fn set_step_seats(spec: &mut OfferSpec, o: &Offer, i: usize, f: impl FnOnce(u64) -> u64) {
    if let Some(SeatPlan::Ramp(steps)) = &o.seats {
        let mut steps = steps.clone();
        if let Some(s) = steps.get_mut(i) {
            s.seats = f(s.seats).min(MAX_SEATS);
        }
        spec.seats = Some(SeatPlan::Ramp(steps));
    }
}

fn add(n: u64, delta: Decimal) -> u64 {
    u64::try_from((Decimal::from(n) + delta).max(Decimal::ZERO))
        .unwrap_or(0)
        .min(MAX_SEATS)
}

/// Seats move by `delta`; on a ramp every step moves together, keeping its
/// shape (each step also has a lever of its own).
fn shift_seats(spec: &mut OfferSpec, o: &Offer, delta: Decimal) {
    spec.seats = Some(match &o.seats {
        Some(SeatPlan::Ramp(steps)) => SeatPlan::Ramp(
            steps
                .iter()
                .map(|s| RampStep {
                    month: s.month,
                    seats: add(s.seats, delta),
                })
                .collect(),
        ),
        Some(SeatPlan::Fixed(n)) => SeatPlan::Fixed(add(*n, delta)),
        None => SeatPlan::Fixed(add(0, delta)),
    });
}

fn set_billing(spec: &mut OfferSpec, o: &Offer, to: Billing) {
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

fn months(v: Decimal) -> u32 {
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
