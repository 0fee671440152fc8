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

use rust_decimal::Decimal;

use super::{Shared, api, seats};
use crate::money::{Exact, Overflow};
use crate::scenario::{Offer, Scenario};

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

/// Price `o` against the scenario's planned demand.
pub fn price_offer(s: &Scenario, o: &Offer, shared: &Shared) -> Result<Priced, Overflow> {
    price_with_demand(s, o, shared, &shared.demand.total)
}

/// Price `o` against another demand curve D(m) (one entry per month of the
/// horizon), e.g. a stressed one. The API side does not depend on seat
/// demand and stays as planned.
pub fn price_with_demand(
    s: &Scenario,
    o: &Offer,
    shared: &Shared,
    demand: &[u64],
) -> Result<Priced, Overflow> {
    let inputs = seats::SeatInputs {
        book: &s.pricebook,
        demand,
        buffer_pct: s.deal.buffer_pct,
        renewal_uplift_pct: s.deal.renewal_uplift_pct,
    };
    let months = seats::seat_schedule(o, &inputs)?;
    let api_list = api::api_months(
        &s.pricebook,
        &s.workloads,
        &o.api,
        &shared.factors,
        shared.horizon,
    )?;
    let mut seat_cost = Decimal::ZERO;
    let mut api_cost = Decimal::ZERO;
    for (seat_year, list_year) in months.chunks(12).zip(api_list.chunks(12)) {
        for m in seat_year {
            seat_cost = seat_cost.add_x(m.seat_cost, "a year's seat cost")?;
        }
        let list = list_year
            .iter()
            .try_fold(Decimal::ZERO, |acc, x| acc.add_x(*x, "a year's API list"))?;
        let n = seat_year.len() as u32;
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
