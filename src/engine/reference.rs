//! Today's engine, kept as the reference: every figure in
//! `rust_decimal`, month by month, as SPEC.md §3 words it. The fast engine
//! ([`super::fast`]) must give exactly these figures (the property tests
//! in `tests/fast_engine.rs` hold it to them) and hands over to this one
//! for an offer whose figures leave its exact range; the benchmarks run it
//! beside the fast one as the named peer.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::priced::Priced;
use super::{
    Month, Outcome, RegionBill, SeatMonth, Shared, Year, api, percent_of, regional, seats, warnings,
};
use crate::money::{Exact, Overflow, round_cents};
use crate::scenario::{ApiPlan, Offer, Scenario, terms};

/// Every offer of `s` priced by the reference engine (savings against the
/// reference offer included).
pub fn evaluate(s: &Scenario) -> Result<Vec<Outcome>, Overflow> {
    let shared = Shared::of(s)?;
    let offers = s.resolved_offers();
    let mut outcomes = offers
        .iter()
        .map(|o| evaluate_offer(s, o, &shared))
        .collect::<Result<Vec<_>, _>>()?;
    super::apply_savings(&mut outcomes, crate::scenario::reference_among(&offers))?;
    Ok(outcomes)
}

/// Price one resolved offer (savings are left at 0: see [`evaluate`]).
pub fn evaluate_offer(s: &Scenario, o: &Offer, shared: &Shared) -> Result<Outcome, Overflow> {
    let inputs = seats::SeatInputs {
        book: &s.pricebook,
        demand: &shared.demand.total,
        buffer_pct: s.deal.buffer_pct,
        renewal_uplift_pct: s.deal.renewal_uplift_pct,
    };
    let seat_months = seats::seat_schedule(o, &inputs)?;
    let api = api::api_months(
        &s.pricebook,
        &s.workloads,
        &o.api,
        &shared.factors,
        shared.horizon,
    )?;
    let months: Vec<Month> = seat_months
        .into_iter()
        .zip(api.into_iter().zip(shared.baseline.iter().copied()))
        .enumerate()
        .map(|(m, (seats, (api_list, api_baseline)))| Month {
            month: m as u32,
            seats,
            api_list,
            api_baseline,
        })
        .collect();
    let years = years(o, &months)?;
    let mut out = totals(o.clone(), months, years)?;
    out.regions = region_bills(s, shared, &out.months)?;
    let year1 = out.months.first().map_or(o.seat_price, |m| m.seats.price);
    out.regional_quotes = regional::quote_checks(s, o, year1)?;
    out.missing_terms = terms::missing(s, o);
    out.warnings = warnings::of(s, &out)?;
    Ok(out)
}

fn years(o: &Offer, months: &[Month]) -> Result<Vec<Year>, Overflow> {
    months
        .chunks(12)
        .enumerate()
        .map(|(y, chunk)| {
            let mut seat_cost = Decimal::ZERO;
            let mut list = Decimal::ZERO;
            for m in chunk {
                seat_cost = seat_cost.add_x(m.seats.seat_cost, "a year's seat cost")?;
                list = list.add_x(m.api_list, "a year's API list")?;
            }
            let n = chunk.len() as u32;
            let a = api::api_year(list, n, o.api_commit, o.api_discount_pct)?;
            Ok(Year {
                year: y as u32 + 1,
                months: n,
                price: chunk.first().map_or(Decimal::ZERO, |m| m.seats.price),
                seat_cost,
                api_list: list,
                api_cost: a.paid,
                api_unused_commit: a.unused,
                total: seat_cost.add_x(a.paid, "a year's total")?,
            })
        })
        .collect()
}

fn totals(offer: Offer, months: Vec<Month>, years: Vec<Year>) -> Result<Outcome, Overflow> {
    let sum = |f: &dyn Fn(&Year) -> Decimal| -> Result<Decimal, Overflow> {
        years
            .iter()
            .try_fold(Decimal::ZERO, |acc, y| acc.add_x(f(y), "a total"))
    };
    let seat_cost = sum(&|y| y.seat_cost)?;
    let api_cost = sum(&|y| y.api_cost)?;
    let api_list = sum(&|y| y.api_list)?;
    let api_unused_commit = sum(&|y| y.api_unused_commit)?;
    let mut api_baseline = Decimal::ZERO;
    let mut idle_cost = Decimal::ZERO;
    for m in &months {
        api_baseline = api_baseline.add_x(m.api_baseline, "the API baseline")?;
        idle_cost = idle_cost.add_x(m.seats.idle_cost, "the idle cost")?;
    }
    let count = |f: &dyn Fn(&SeatMonth) -> u64| months.iter().map(|m| f(&m.seats)).sum::<u64>();
    Ok(Outcome {
        seat_cost,
        api_cost,
        total: seat_cost.add_x(api_cost, "the total")?,
        savings: Decimal::ZERO,
        savings_pct: Decimal::ZERO,
        billed_seat_months: count(&|s| s.billed_seats),
        demand_seat_months: count(&|s| s.demand),
        idle_seat_months: count(&|s| s.idle),
        idle_cost,
        unserved_seat_months: count(&|s| s.unserved),
        api_list,
        api_unused_commit,
        api_savings_pct: percent_of(api_baseline.sub_x(api_cost, "API savings")?, api_baseline)?,
        api_baseline,
        regions: Vec::new(),
        regional_quotes: Vec::new(),
        missing_terms: Vec::new(),
        warnings: Vec::new(),
        offer,
        months,
        years,
    })
}

/// Each region's share of the seat cost: d_r(m) / D(m), by headcount in a
/// month without demand, in Decimal (the fast engine's
/// [`super::fast::shares`] sums the same shares exactly).
pub fn region_bills(
    s: &Scenario,
    shared: &Shared,
    months: &[Month],
) -> Result<Vec<RegionBill>, Overflow> {
    let demand = &shared.demand;
    let headcount: u64 = s.regions.iter().map(|r| r.headcount).sum();
    // Per region, the months' cost × weight summed for each denominator,
    // divided once per denominator: a share is multiplied before it is
    // divided, so an exact share (one region, say) stays exact.
    let mut sums: Vec<Vec<(u64, Decimal)>> = vec![Vec::new(); s.regions.len()];
    for (m, month) in months.iter().enumerate() {
        let total = demand.total[m];
        let (den, weights): (u64, Vec<u64>) = if total > 0 {
            (total, demand.per_region.iter().map(|d| d[m]).collect())
        } else if headcount > 0 {
            (headcount, s.regions.iter().map(|r| r.headcount).collect())
        } else {
            (s.regions.len() as u64, vec![1; s.regions.len()])
        };
        if den == 0 {
            continue;
        }
        for (groups, w) in sums.iter_mut().zip(weights) {
            let part = month
                .seats
                .seat_cost
                .mul_x(Decimal::from(w), "a regional bill")?;
            match groups.iter_mut().find(|(d, _)| *d == den) {
                Some((_, acc)) => *acc = acc.add_x(part, "a regional bill")?,
                None => groups.push((den, part)),
            }
        }
    }
    let mut deal_cost = Vec::with_capacity(sums.len());
    for groups in sums {
        let mut cost = Decimal::ZERO;
        for (den, n) in groups {
            cost = cost.add_x(
                n.div_x(Decimal::from(den), "a regional share")?,
                "a regional bill",
            )?;
        }
        deal_cost.push(cost);
    }
    shared
        .names
        .iter()
        .zip(&shared.fx)
        .zip(deal_cost)
        .map(|(((id, currency), &fx), cost)| {
            Ok(RegionBill {
                id: Arc::clone(id),
                currency: Arc::clone(currency),
                seat_cost: round_cents(cost),
                local: round_cents(cost.mul_x(fx, "a regional bill")?),
                fx,
            })
        })
        .collect()
}

/// The reference engine's pricer of many variants of offers (today's
/// `Pricer`). Each API plan's
/// list cost per contract year is computed once and reused: the API side
/// is most of the work, and most variants (another seat count, price,
/// clause or commit) keep their plan.
pub struct RefPricer<'a> {
    s: &'a Scenario,
    shared: &'a Shared,
    /// (plan, list cost and month count of each contract year).
    plans: Vec<(ApiPlan, Vec<(Decimal, u32)>)>,
}

impl<'a> RefPricer<'a> {
    pub fn new(s: &'a Scenario, shared: &'a Shared) -> Self {
        RefPricer {
            s,
            shared,
            plans: Vec::new(),
        }
    }

    /// Price `o` against the scenario's planned demand.
    pub fn price(&mut self, o: &Offer) -> Result<Priced, Overflow> {
        let shared = self.shared;
        self.price_with_demand(o, &shared.demand.total)
    }

    /// Price `o` against another demand curve D(m) (one entry per month of
    /// the horizon), e.g. a stressed one. The API side does not depend on
    /// seat demand and stays as planned.
    pub fn price_with_demand(&mut self, o: &Offer, demand: &[u64]) -> Result<Priced, Overflow> {
        let s = self.s;
        let inputs = seats::SeatInputs {
            book: &s.pricebook,
            demand,
            buffer_pct: s.deal.buffer_pct,
            renewal_uplift_pct: s.deal.renewal_uplift_pct,
        };
        let months = seats::seat_schedule(o, &inputs)?;
        let mut seat_cost = Decimal::ZERO;
        for m in &months {
            seat_cost = seat_cost.add_x(m.seat_cost, "the seat cost")?;
        }
        let mut api_cost = Decimal::ZERO;
        for &(list, n) in self.api_years(&o.api)? {
            let year = api::api_year(list, n, o.api_commit, o.api_discount_pct)?;
            api_cost = api_cost.add_x(year.paid, "the API cost")?;
        }
        let count = |f: &dyn Fn(&seats::SeatMonth) -> u64| months.iter().map(f).sum::<u64>();
        Ok(Priced {
            total: seat_cost.add_x(api_cost, "the total")?,
            seat_cost,
            api_cost,
            billed_seat_months: count(&|m| m.billed_seats),
            demand_seat_months: count(&|m| m.demand),
            idle_seat_months: count(&|m| m.idle),
            unserved_seat_months: count(&|m| m.unserved),
        })
    }

    /// The plan's list cost per contract year, computed on first use.
    fn api_years(&mut self, plan: &ApiPlan) -> Result<&[(Decimal, u32)], Overflow> {
        let i = match self.plans.iter().position(|(p, _)| p == plan) {
            Some(i) => i,
            None => {
                let (s, shared) = (self.s, self.shared);
                let months = api::api_months(
                    &s.pricebook,
                    &s.workloads,
                    plan,
                    &shared.factors,
                    shared.horizon,
                )?;
                let years = months
                    .chunks(12)
                    .map(|y| {
                        let list = y
                            .iter()
                            .try_fold(Decimal::ZERO, |acc, x| acc.add_x(*x, "a year's API list"))?;
                        Ok((list, y.len() as u32))
                    })
                    .collect::<Result<Vec<_>, Overflow>>()?;
                self.plans.push((plan.clone(), years));
                self.plans.len() - 1
            }
        };
        Ok(&self.plans[i].1)
    }
}

/// Price `o` against another demand curve with the reference engine.
pub fn price_with_demand(
    s: &Scenario,
    o: &Offer,
    shared: &Shared,
    demand: &[u64],
) -> Result<Priced, Overflow> {
    RefPricer::new(s, shared).price_with_demand(o, demand)
}
