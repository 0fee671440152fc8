//! The fast exact engine: every offer priced in whole numbers.
//!
//! The reference engine ([`super::reference`]) prices in `rust_decimal`,
//! where most of the time goes into rescaling. This one prices the same
//! rules (SPEC.md §3) in `i128` counts of `10^-scale` units, where `scale` is
//! the largest number of decimals among the offer's prices: each seat price,
//! true-up price and Team price is written exactly as such a count, so every
//! seat cost, sum and total is an exact integer.
//!
//! **Why it gives the reference's figures, to the last digit.** A `Decimal`
//! multiplication or addition is exact when its result fits the 96-bit
//! mantissa; only beyond that does `rust_decimal` round. Every amount summed
//! here is non-negative, so when the largest one — the offer's total — fits
//! 96 bits at `scale`, every intermediate of the reference did too, and the
//! two agree exactly. When it does not (a file with absurd figures), or when
//! a count does not fit an `i128`, the offer is priced by the reference,
//! which then gives its own rounding or its own overflow error. The
//! property tests in `tests/fast_engine.rs` hold the two engines to the same
//! figures on arbitrary valid scenarios.
//!
//! What does not depend on the offer is computed once per scenario in
//! [`Shared`]: demand, growth factors, the baseline, and the region-share
//! weights ([`shares::Shares`]), and each API plan's list cost per month,
//! once per plan ([`PlanCache`]), reused by every offer on that plan.
//! The seat schedule is written into a buffer the pricer keeps, so pricing
//! an offer allocates nothing per month.

pub mod commit;
pub mod shares;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rust_decimal::Decimal;

use super::seats::{Event, SeatMonth};
use super::{Shared, api, priced::Priced, seats};
use crate::money::{Exact, Overflow, pct, round_cents};
use crate::scenario::{ApiPlan, Offer, Scenario};

/// The largest mantissa of a `Decimal`: amounts above it (at their scale)
/// would be rounded by the reference, so the fast path hands them over.
pub const MANTISSA_MAX: i128 = (1i128 << 96) - 1;

/// `d` as a count of `10^-scale` units (None when it does not fit or has
/// more decimals than `scale`).
pub fn units(d: Decimal, scale: u32) -> Option<i128> {
    let s = d.scale();
    if s > scale {
        return None;
    }
    d.mantissa().checked_mul(10i128.checked_pow(scale - s)?)
}

/// A count of `10^-scale` units as a `Decimal` (None beyond its mantissa).
pub fn decimal(u: i128, scale: u32) -> Option<Decimal> {
    (u.abs() <= MANTISSA_MAX && scale <= 28).then(|| Decimal::from_i128_with_scale(u, scale))
}

/// One month's seat side, in whole numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeatRow {
    pub demand: u64,
    pub tier_demand: u64,
    pub commit: u64,
    pub billed_excess: u64,
    pub unserved: u64,
    pub billed_seats: u64,
    pub idle: u64,
    /// Index into [`OfferPrices::rows`] of the month's prices.
    pub price: u32,
    /// The month's seat cost in units.
    pub cost: i128,
    /// The month's idle cost in units.
    pub idle_cost: i128,
    pub event: Option<Event>,
}

/// The distinct prices of an offer over the horizon, in units of
/// `10^-scale`, with the `Decimal`s they came from.
#[derive(Debug, Clone, Default)]
pub struct OfferPrices {
    pub scale: u32,
    /// (seat price, true-up price, Team price) as units.
    pub rows: Vec<[i128; 3]>,
    /// The same prices as the reference computes them.
    pub decimals: Vec<[Decimal; 3]>,
    /// Per month: index into `rows` and the price event.
    pub months: Vec<(u32, Option<Event>)>,
}

impl OfferPrices {
    /// The offer's price schedule (the reference's own rounding, computed
    /// once per offer), or None when a price does not fit units.
    pub fn of(s: &Scenario, o: &Offer, horizon: u32) -> Result<Option<OfferPrices>, Overflow> {
        let schedule = seats::price_schedule(o, &s.pricebook, s.deal.renewal_uplift_pct, horizon)?;
        let rate = pct(o.true_up_rate_pct);
        let mut out = OfferPrices::default();
        let mut last: Option<(Decimal, Decimal)> = None;
        for (p, tp, event) in schedule {
            if last != Some((p, tp)) {
                let tup = round_cents(p.mul_x(rate, "the true-up price")?);
                out.decimals.push([p, tup, tp]);
                last = Some((p, tp));
            }
            out.months.push((out.decimals.len() as u32 - 1, event));
        }
        let scale = out
            .decimals
            .iter()
            .flatten()
            .map(|d| d.scale())
            .max()
            .unwrap_or(0)
            .max(2);
        out.scale = scale;
        for row in &out.decimals {
            let mut u = [0i128; 3];
            for (slot, d) in u.iter_mut().zip(row) {
                match units(*d, scale) {
                    Some(x) if (0..=MANTISSA_MAX).contains(&x) => *slot = x,
                    _ => return Ok(None),
                }
            }
            out.rows.push(u);
        }
        Ok(Some(out))
    }
}

/// An offer's contract years in the fast path: seat cost in units, API in
/// the reference's own `Decimal`s.
#[derive(Debug, Clone, PartialEq)]
pub struct FastYear {
    pub months: u32,
    pub seat_cost: i128,
    pub api_list_cents: i128,
    pub api: api::ApiYear,
}

/// An offer priced by the fast path: the totals and, in the pricer's
/// buffer, the seat schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct FastPriced {
    pub scale: u32,
    pub seat_cost: i128,
    pub idle_cost: i128,
    pub api_cost: Decimal,
    pub api_list: Decimal,
    pub api_unused_commit: Decimal,
    pub total: Decimal,
    pub billed_seat_months: u64,
    pub demand_seat_months: u64,
    pub idle_seat_months: u64,
    pub unserved_seat_months: u64,
    /// Seat cost of the months with billed excess above the commit (the
    /// true-up part of the bill), in units.
    pub true_up_cost: i128,
}

/// Each API plan's list cost per month in cents, computed once per
/// scenario and shared by every pricer (and thread) that prices on it.
#[derive(Debug, Default)]
pub struct PlanCache(Mutex<HashMap<ApiPlan, Arc<[i128]>>>);

impl PlanCache {
    /// The plan's monthly list cost, computed by the reference's own API
    /// functions (one Decimal product a workload-month) on first use.
    pub fn months(
        &self,
        s: &Scenario,
        shared: &Shared,
        plan: &ApiPlan,
    ) -> Result<Arc<[i128]>, Overflow> {
        if let Ok(cache) = self.0.lock()
            && let Some(m) = cache.get(plan)
        {
            return Ok(m.clone());
        }
        let months = api::api_months(
            &s.pricebook,
            &s.workloads,
            plan,
            &shared.factors,
            shared.horizon,
        )?;
        let cents: Arc<[i128]> = months
            .iter()
            .map(|d| units(*d, 2).ok_or(Overflow("API list")))
            .collect::<Result<Vec<_>, _>>()?
            .into();
        if let Ok(mut cache) = self.0.lock() {
            cache.insert(plan.clone(), cents.clone());
        }
        Ok(cents)
    }
}

/// Prices many offers (and variants of offers) against one scenario in
/// whole numbers; each API plan's monthly list cost is computed once.
pub struct FastPricer<'a> {
    pub s: &'a Scenario,
    pub shared: &'a Shared,
    /// The plan of the last offer priced and its list cost per month.
    plan: Option<(ApiPlan, Arc<[i128]>)>,
    /// The last offer's seat schedule.
    pub rows: Vec<SeatRow>,
    /// The last offer's years.
    pub years: Vec<FastYear>,
    /// The last offer's prices.
    pub prices: OfferPrices,
}

impl<'a> FastPricer<'a> {
    pub fn new(s: &'a Scenario, shared: &'a Shared) -> Self {
        FastPricer {
            s,
            shared,
            plan: None,
            rows: Vec::new(),
            years: Vec::new(),
            prices: OfferPrices::default(),
        }
    }

    /// Price `o` against demand D(m) (one entry a month): None when a
    /// figure leaves the fast path's exact range (the caller then asks the
    /// reference engine).
    pub fn price(&mut self, o: &Offer, demand: &[u64]) -> Result<Option<FastPriced>, Overflow> {
        let horizon = demand.len() as u32;
        let Some(prices) = OfferPrices::of(self.s, o, horizon)? else {
            return Ok(None);
        };
        self.prices = prices;
        self.price_again(o, demand)
    }

    /// Price `o` again on another demand curve with the prices of the last
    /// [`price`](Self::price) call, which must have been for an offer with
    /// the same price levers (seat price, Team price, billing, term,
    /// uplift and caps, true-up rate).
    pub fn price_again(
        &mut self,
        o: &Offer,
        demand: &[u64],
    ) -> Result<Option<FastPriced>, Overflow> {
        let inputs = commit::Inputs {
            book: &self.s.pricebook,
            demand,
            buffer_pct: self.s.deal.buffer_pct,
        };
        if !commit::schedule(o, &inputs, &self.prices, &mut self.rows)? {
            return Ok(None);
        }
        let list = self.plan_months(&o.api)?;
        let scale = self.prices.scale;
        let mut t = FastPriced {
            scale,
            seat_cost: 0,
            idle_cost: 0,
            api_cost: Decimal::ZERO,
            api_list: Decimal::ZERO,
            api_unused_commit: Decimal::ZERO,
            total: Decimal::ZERO,
            billed_seat_months: 0,
            demand_seat_months: 0,
            idle_seat_months: 0,
            unserved_seat_months: 0,
            true_up_cost: 0,
        };
        self.years.clear();
        let mut list_total = 0i128;
        for (y, chunk) in self.rows.chunks(12).enumerate() {
            let mut seat = 0i128;
            let mut year_list = 0i128;
            for (i, r) in chunk.iter().enumerate() {
                seat += r.cost;
                t.idle_cost += r.idle_cost;
                t.billed_seat_months += r.billed_seats;
                t.demand_seat_months += r.demand;
                t.idle_seat_months += r.idle;
                t.unserved_seat_months += r.unserved;
                if r.billed_excess > 0 {
                    t.true_up_cost +=
                        i128::from(r.billed_excess) * self.prices.rows[r.price as usize][1];
                }
                year_list += list[y * 12 + i];
            }
            if seat > MANTISSA_MAX || year_list > MANTISSA_MAX {
                return Ok(None);
            }
            let list_d = Decimal::from_i128_with_scale(year_list, 2);
            let a = api::api_year(list_d, chunk.len() as u32, o.api_commit, o.api_discount_pct)?;
            t.seat_cost += seat;
            list_total += year_list;
            self.years.push(FastYear {
                months: chunk.len() as u32,
                seat_cost: seat,
                api_list_cents: year_list,
                api: a,
            });
        }
        if t.seat_cost > MANTISSA_MAX || t.idle_cost > MANTISSA_MAX || list_total > MANTISSA_MAX {
            return Ok(None);
        }
        // The API side in the reference's own Decimals (a few per year).
        let mut paid = Decimal::ZERO;
        let mut unused = Decimal::ZERO;
        for y in &self.years {
            let year_total = decimal(y.seat_cost, scale)
                .and_then(|seat| seat.checked_add(y.api.paid))
                .filter(|tot| exact_sum(*tot, y.seat_cost, scale, y.api.paid));
            if year_total.is_none() {
                return Ok(None);
            }
            paid = paid.add_x(y.api.paid, "a total")?;
            unused = unused.add_x(y.api.unused, "a total")?;
        }
        t.api_cost = paid;
        t.api_unused_commit = unused;
        t.api_list = Decimal::from_i128_with_scale(list_total, 2);
        let Some(seat) = decimal(t.seat_cost, scale) else {
            return Ok(None);
        };
        match seat.checked_add(paid) {
            Some(total) if exact_sum(total, t.seat_cost, scale, paid) => t.total = total,
            _ => return Ok(None),
        }
        Ok(Some(t))
    }

    /// The plan's list cost per month in cents (from the scenario's
    /// [`PlanCache`]; the last plan is kept at hand).
    pub fn plan_months(&mut self, plan: &ApiPlan) -> Result<Arc<[i128]>, Overflow> {
        if let Some((p, m)) = &self.plan
            && p == plan
        {
            return Ok(m.clone());
        }
        let m = self.shared.plans.months(self.s, self.shared, plan)?;
        self.plan = Some((plan.clone(), m.clone()));
        Ok(m)
    }

    /// The seat schedule of the last offer priced, as the reference writes
    /// it.
    pub fn seat_months(&self) -> Option<Vec<SeatMonth>> {
        let scale = self.prices.scale;
        self.rows
            .iter()
            .map(|r| {
                let [price, true_up_price, team_price] = self.prices.decimals[r.price as usize];
                Some(SeatMonth {
                    demand: r.demand,
                    tier_demand: r.tier_demand,
                    commit: r.commit,
                    billed_excess: r.billed_excess,
                    unserved: r.unserved,
                    price,
                    true_up_price,
                    team_price,
                    billed_seats: r.billed_seats,
                    idle: r.idle,
                    seat_cost: decimal(r.cost, scale)?,
                    idle_cost: decimal(r.idle_cost, scale)?,
                    event: r.event,
                })
            })
            .collect()
    }
}

/// Whether `total` (the Decimal sum of `seat` units and `paid`) is exact:
/// the reference rounds a sum only when it leaves the mantissa.
fn exact_sum(total: Decimal, seat: i128, scale: u32, paid: Decimal) -> bool {
    let s = scale.max(paid.scale());
    match (units(paid, s), seat.checked_mul(10i128.pow(s - scale))) {
        (Some(p), Some(st)) => p
            .checked_add(st)
            .is_some_and(|sum| sum <= MANTISSA_MAX && units(total, s) == Some(sum)),
        _ => false,
    }
}

impl FastPriced {
    /// The totals as the reference's [`Priced`].
    pub fn priced(&self) -> Option<Priced> {
        Some(Priced {
            seat_cost: decimal(self.seat_cost, self.scale)?,
            api_cost: self.api_cost,
            total: self.total,
            billed_seat_months: self.billed_seat_months,
            demand_seat_months: self.demand_seat_months,
            idle_seat_months: self.idle_seat_months,
            unserved_seat_months: self.unserved_seat_months,
        })
    }
}
