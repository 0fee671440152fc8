//! An offer priced to its totals alone, for the tools that price many
//! variants of one offer: goal seek (one lever moved step by step), drivers
//! (one lever group at a time) and stress (demand above or below plan).
//!
//! [`price_offer`] runs the same seat schedule and API functions as
//! [`evaluate_offer`](super::evaluate_offer) and sums them the same way
//! (contract years of twelve months from the deal start, each paying its
//! seat cost plus max(commit, discounted use)), but skips what only the
//! report needs: regional bills, warnings, missing terms. Its total is the
//! report's total to the cent; a test holds every example to that.
//!
//! A [`Pricer`] keeps each API plan's yearly list cost, so pricing a
//! hundred variants of an offer costs little more than its seat schedules.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Shared, api, seats};
use crate::money::{Exact, Overflow};
use crate::scenario::{ApiPlan, Offer, Scenario};

/// What an offer costs over the horizon, without the report's extras.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub seat_cost: Decimal,
    pub api_cost: Decimal,
    /// Seat cost + API cost: the figure every comparison uses.
    pub total: Decimal,
    pub billed_seat_months: u64,
    pub demand_seat_months: u64,
    pub idle_seat_months: u64,
    pub unserved_seat_months: u64,
}

/// Prices many variants of offers against one scenario. Each API plan's
/// list cost per contract year is computed once and reused: the API side
/// is most of the work, and most variants (another seat count, price,
/// clause or commit) keep their plan.
pub struct Pricer<'a> {
    s: &'a Scenario,
    shared: &'a Shared,
    /// (plan, list cost and month count of each contract year).
    plans: Vec<(ApiPlan, Vec<(Decimal, u32)>)>,
    /// Where each plan is in `plans`: a report's drivers look up one plan
    /// per step, and a file of 30,000 offers with as many plans made the
    /// scan quadratic.
    seen: HashMap<ApiPlan, usize>,
}

impl<'a> Pricer<'a> {
    pub fn new(s: &'a Scenario, shared: &'a Shared) -> Self {
        Pricer {
            s,
            shared,
            plans: Vec::new(),
            seen: HashMap::new(),
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
        let i = match self.seen.get(plan) {
            Some(&i) => i,
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
                self.seen.insert(plan.clone(), self.plans.len() - 1);
                self.plans.len() - 1
            }
        };
        Ok(&self.plans[i].1)
    }
}

/// Price `o` against the scenario's planned demand.
pub fn price_offer(s: &Scenario, o: &Offer, shared: &Shared) -> Result<Priced, Overflow> {
    Pricer::new(s, shared).price(o)
}

/// Price `o` against another demand curve (see [`Pricer::price_with_demand`]).
pub fn price_with_demand(
    s: &Scenario,
    o: &Offer,
    shared: &Shared,
    demand: &[u64],
) -> Result<Priced, Overflow> {
    Pricer::new(s, shared).price_with_demand(o, demand)
}
