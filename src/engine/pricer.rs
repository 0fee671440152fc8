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

use super::priced::Priced;
use super::{FastPricer, Shared};
use crate::money::Overflow;
use crate::scenario::{Offer, Scenario};

/// Prices many variants of offers against one scenario: the fast exact
/// engine ([`FastPricer`], which keeps each API plan's list cost), or the
/// reference engine for a variant whose figures leave its exact range.
pub struct Pricer<'a> {
    fast: FastPricer<'a>,
}

impl<'a> Pricer<'a> {
    pub fn new(s: &'a Scenario, shared: &'a Shared) -> Self {
        Pricer {
            fast: FastPricer::new(s, shared),
        }
    }

    /// Price `o` against the scenario's planned demand.
    pub fn price(&mut self, o: &Offer) -> Result<Priced, Overflow> {
        let shared = self.fast.shared;
        self.price_with_demand(o, &shared.demand.total)
    }

    /// Price `o` against another demand curve D(m) (one entry per month of
    /// the horizon), e.g. a stressed one. The API side does not depend on
    /// seat demand and stays as planned.
    pub fn price_with_demand(&mut self, o: &Offer, demand: &[u64]) -> Result<Priced, Overflow> {
        match self.fast.price(o, demand)?.and_then(|t| t.priced()) {
            Some(p) => Ok(p),
            None => {
                let (s, shared) = (self.fast.s, self.fast.shared);
                super::reference::price_with_demand(s, o, shared, demand)
            }
        }
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
