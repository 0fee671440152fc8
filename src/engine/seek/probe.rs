//! The search behind goal seek: the offer priced at points of the lever's
//! grid, remembered, and bisected.
//!
//! Positions run on a *rising* scale: for a lever whose total rises the
//! position is the grid value itself; for the API discount (total falls) it
//! is counted down from the top, so one search serves both and "largest
//! position within the target" means "concede the most". A total that
//! leaves exact arithmetic (a lever pushed to an absurd height) counts as
//! above every target.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::Lever;
use crate::engine::Shared;
use crate::engine::pricer::Pricer;
use crate::money::{Overflow, format_money, plain};
use crate::scenario::{Offer, Scenario, SeatPlan};

/// Where a seek landed: the lever's value and the stretch of values (low,
/// high) that all give the same total.
pub(super) struct Found {
    pub at: Decimal,
    pub same_total: (Decimal, Decimal),
}

pub(super) struct Probe<'a> {
    pricer: Pricer<'a>,
    shared: &'a Shared,
    base: &'a Offer,
    lever: Lever,
    max: i64,
    /// Totals priced so far by position; None beyond exact arithmetic.
    seen: BTreeMap<i64, Option<Decimal>>,
}

impl<'a> Probe<'a> {
    pub fn new(s: &'a Scenario, shared: &'a Shared, base: &'a Offer, lever: Lever) -> Self {
        Probe {
            pricer: Pricer::new(s, shared),
            shared,
            base,
            lever,
            max: lever.max_units(),
            seen: BTreeMap::new(),
        }
    }

    /// Grid units at a position, or the position of grid units (the map is
    /// its own inverse).
    fn flip(&self, x: i64) -> i64 {
        if self.lever.rises() { x } else { self.max - x }
    }

    /// The lever's value at a position.
    fn value_at(&self, r: i64) -> Decimal {
        Decimal::new(self.flip(r), self.lever.scale())
    }

    fn total(&mut self, r: i64) -> Option<Decimal> {
        if let Some(t) = self.seen.get(&r) {
            return *t;
        }
        let o = self.lever.set(self.base, self.value_at(r));
        let t = self.pricer.price(&o).ok().map(|p| p.total);
        self.seen.insert(r, t);
        t
    }

    fn fits(&mut self, r: i64, target: Decimal) -> bool {
        self.total(r).is_some_and(|t| t <= target)
    }

    /// The largest position whose total is within `target`, with the
    /// stretch of equal totals below it; None when no position fits.
    pub fn search(&mut self, target: Decimal) -> Option<Found> {
        let candidates = self.candidates();
        let i = candidates.iter().rposition(|&c| self.fits(c, target))?;
        let mut lo = candidates[i];
        if let Some(&hi) = candidates.get(i + 1) {
            let mut hi = hi;
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if self.fits(mid, target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
        }
        let start = self.flat_start(lo);
        let (a, b) = (self.value_at(start), self.value_at(lo));
        Some(Found {
            at: b,
            same_total: (a.min(b), a.max(b)),
        })
    }

    /// Positions to price before bisecting: both ends of the grid, the
    /// offer's own value and, for seats, where a month's demand meets the
    /// commit (the only places the seat total can turn).
    fn candidates(&self) -> Vec<i64> {
        let mut c = vec![0, self.max];
        let scale = Decimal::from(10i64.pow(self.lever.scale()));
        if let Some(v) = self.lever.value(self.base) {
            let units = i64::try_from((v * scale).round()).unwrap_or(0);
            c.push(self.flip(units.clamp(0, self.max)));
        }
        if self.lever == Lever::Seats {
            c.extend(seat_turns(self.base, &self.shared.demand.total));
        }
        c.retain(|&x| (0..=self.max).contains(&x));
        c.sort_unstable();
        c.dedup();
        c
    }

    /// The smallest position at or below `r` with the same total as `r`.
    fn flat_start(&mut self, r: i64) -> i64 {
        let here = self.total(r);
        if r == 0 || self.total(r - 1) != here {
            return r;
        }
        let below = self
            .seen
            .range(..r)
            .rev()
            .find(|(_, t)| **t != here)
            .map(|(k, _)| *k);
        let mut lo = match below {
            Some(k) => k,
            None if self.total(0) == here => return 0,
            None => 0,
        };
        let mut hi = r - 1;
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.total(mid) == here {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }

    /// The lowest total priced and the lever's value there.
    pub fn lowest(&self) -> Result<(Decimal, Decimal), Overflow> {
        self.seen
            .iter()
            .filter_map(|(r, t)| t.map(|t| (t, *r)))
            .min_by_key(|(t, _)| *t)
            .map(|(t, r)| (t, self.value_at(r)))
            .ok_or(Overflow("the offer's total"))
    }

    /// Why the lever cannot bring the total lower, when a clause says so.
    pub fn stuck_reason(&self) -> Option<String> {
        let totals: Vec<Decimal> = self.seen.values().flatten().copied().collect();
        let flat = totals.windows(2).all(|w| w[0] == w[1]);
        let o = self.base;
        match self.lever {
            Lever::ApiDiscount if o.api_commit.is_zero() => {
                Some("the discount applies only under an API commit and the offer has none".into())
            }
            Lever::ApiDiscount => Some(format!(
                "even at 100 % off, its API commit of {} a year is paid in full",
                format_money(o.api_commit)
            )),
            Lever::Uplift if flat => Some(match o.uplift_cap_pct {
                Some(cap) => format!("its uplift cap of {} % holds the price", plain(cap)),
                None => "no anniversary falls inside a term within the horizon".into(),
            }),
            _ if flat => Some(format!(
                "its total does not move with the {}",
                self.lever.label()
            )),
            _ => None,
        }
    }
}

/// Final-step seat counts at which some month's commit meets its demand on
/// the offer's tier, and at which a ramp step reaches 0 seats.
fn seat_turns(o: &Offer, demand: &[u64]) -> Vec<i64> {
    let Some(plan) = &o.seats else {
        return Vec::new();
    };
    let top = i128::from(plan_top(plan));
    let mut out = Vec::new();
    for (m, d) in demand.iter().enumerate() {
        let tier_demand = i128::from(d.saturating_sub(o.team_seats));
        let base = match plan {
            SeatPlan::Fixed(_) => Some(top),
            SeatPlan::Ramp(_) => plan_step(plan, m as u32),
        };
        if let Some(b) = base {
            out.push(tier_demand + top - b);
        }
    }
    if let SeatPlan::Ramp(steps) = plan {
        out.extend(steps.iter().map(|s| top - i128::from(s.seats)));
    }
    out.into_iter()
        .filter_map(|x| i64::try_from(x).ok())
        .collect()
}

fn plan_top(plan: &SeatPlan) -> u64 {
    match plan {
        SeatPlan::Fixed(n) => *n,
        SeatPlan::Ramp(steps) => steps.last().map_or(0, |s| s.seats),
    }
}

/// The ramp step in force at month `m`, if one has started.
fn plan_step(plan: &SeatPlan, m: u32) -> Option<i128> {
    match plan {
        SeatPlan::Fixed(n) => Some(i128::from(*n)),
        SeatPlan::Ramp(steps) => steps
            .iter()
            .take_while(|s| s.month <= m)
            .last()
            .map(|s| i128::from(s.seats)),
    }
}
