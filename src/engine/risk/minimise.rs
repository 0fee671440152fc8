//! The commit to sign (SPEC.md §7): the whole seat count, or the whole-unit
//! yearly API commit, that gives one offer the lowest mean (or P90) total
//! over the draws.
//!
//! Each draw is drawn once and kept as what the lever does not move: for
//! seats, the draw's demand curve and the offer's API payment; for the API
//! commit, the offer's seat cost and each contract year's API list cost.
//! A lever value is then priced on every draw by the §3 rules (seat
//! schedule, or max(commit, discounted use) per year) and the figure taken
//! over the draws exactly as [`super::figures`] takes it.
//!
//! The lever's range runs from the fewest seats that leave no more demand
//! unserved than the offer's own count (0 for the API commit) to the value
//! above which every draw only pays more (the highest demand of any draw; the commit that covers the largest
//! year's discounted use of any draw). When range × draws is small the
//! whole range is priced (`exhaustive`); otherwise 257 evenly spaced values
//! are priced and the best one refined value by value by bisection on the
//! slope, which finds the exact minimum of a mean that is convex in the
//! lever (docs/risk.md says when it is). Ties go to the fewest seats and
//! to the largest API commit (the most one can promise at no extra cost).
//! The search itself is [`search`] (`minimise/search.rs`).

use rust_decimal::Decimal;

mod search;

pub use search::search;

use super::{Risk, Sample, nearest_rank, per_draw};
use crate::engine::fast::{OfferPrices, decimal};
use crate::engine::pricer::price_with_demand;
use crate::engine::seek::{Lever, SeekError, applicable, resolve_index};
use crate::engine::{FastPricer, Shared, api, reference};
use crate::money::{Exact, Overflow};
use crate::scenario::{Offer, Scenario};

/// The figure to minimise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Mean,
    P90,
}

impl Figure {
    pub fn name(self) -> &'static str {
        match self {
            Figure::Mean => "mean",
            Figure::P90 => "p90",
        }
    }

    pub fn parse(t: &str) -> Option<Figure> {
        match t.trim().to_ascii_lowercase().as_str() {
            "mean" => Some(Figure::Mean),
            "p90" => Some(Figure::P90),
            _ => None,
        }
    }

    /// The figure of `r`.
    pub fn of(self, r: &Risk) -> Decimal {
        match self {
            Figure::Mean => r.mean,
            Figure::P90 => r.p90,
        }
    }
}

/// The answer: the lever's value and the offer's figures there and now.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    pub offer: usize,
    pub offer_name: String,
    pub lever: Lever,
    pub figure: Figure,
    pub value: Decimal,
    pub current_value: Decimal,
    /// The offer's figures with the lever at `value` (the other offers as
    /// they are), and as the file has it.
    pub at: Risk,
    pub current: Risk,
    /// Whether every value of the range was priced.
    pub exhaustive: bool,
    pub moved: Offer,
}

impl Minimum {
    /// What the answer saves on the minimised figure against the offer's own
    /// value.
    pub fn saving(&self) -> Decimal {
        self.figure.of(&self.current) - self.figure.of(&self.at)
    }
}

/// How many lever values × draws are priced exhaustively at most.
pub const EXHAUSTIVE_WORK: u64 = 300_000;

/// The lever value of offer `offer` minimising `figure` over the draws.
pub fn minimise(
    s: &Scenario,
    offer: usize,
    lever: Lever,
    figure: Figure,
    threads: usize,
) -> Result<Minimum, SeekError> {
    minimise_with(s, offer, lever, figure, threads, EXHAUSTIVE_WORK)
}

/// [`minimise`] with the exhaustive bound given (tests use 0 to exercise
/// the search).
pub fn minimise_with(
    s: &Scenario,
    offer: usize,
    lever: Lever,
    figure: Figure,
    threads: usize,
    exhaustive_work: u64,
) -> Result<Minimum, SeekError> {
    let base = resolve_index(s, offer)?;
    let refuse = |reason: &str| SeekError::NotApplicable {
        offer: base.name.clone(),
        lever,
        reason: reason.to_string(),
    };
    if !matches!(lever, Lever::Seats | Lever::ApiCommit) {
        return Err(refuse(
            "only the seat count and the API commit can be minimised",
        ));
    }
    let Some(u) = &s.uncertainty else {
        return Err(refuse(
            "the file has no [uncertainty] table to draw from (docs/risk.md)",
        ));
    };
    let current_value = applicable(&base, lever)?;
    let objective = Objective::new(s, &base, lever, figure, threads)?;
    let top = objective.top();
    let low = objective.lowest_serving(top, current_value)?;
    let work = ((top - low) as u64 + 1).saturating_mul(u64::from(u.draws));
    let prefer_high = lever == Lever::ApiCommit;
    let (best, exhaustive) = search(low, top, prefer_high, work <= exhaustive_work, |v| {
        objective.eval(v).map(|(f, _)| f)
    })?;
    let value = Decimal::from(best);
    let moved = lever.set(&base, value);
    let mut offers = s.resolved_offers();
    let current = super::figures(s, u, offers.len(), &super::samples(s, u, &offers, threads)?)?;
    offers[offer] = moved.clone();
    let at = super::figures(s, u, offers.len(), &super::samples(s, u, &offers, threads)?)?;
    Ok(Minimum {
        offer,
        offer_name: base.name.clone(),
        lever,
        figure,
        value,
        current_value,
        at: at[offer].clone(),
        current: current[offer].clone(),
        exhaustive,
        moved,
    })
}

/// What one draw keeps for the lever.
enum Kept {
    /// Demand D(m), and the offer's API payment on the draw.
    Seats(Vec<u64>, Decimal),
    /// The offer's seat cost, and each contract year's (list, months).
    Commit(Decimal, Vec<(Decimal, u32)>),
}

struct Objective<'a> {
    s: &'a Scenario,
    shared: Shared,
    base: &'a Offer,
    lever: Lever,
    figure: Figure,
    threads: usize,
    draws: Vec<Kept>,
}

impl<'a> Objective<'a> {
    fn new(
        s: &'a Scenario,
        base: &'a Offer,
        lever: Lever,
        figure: Figure,
        threads: usize,
    ) -> Result<Self, Overflow> {
        let Some(u) = &s.uncertainty else {
            return Err(Overflow("the risk draws"));
        };
        let draws = per_draw(s, u, threads, |work, shared| {
            let mut p = FastPricer::new(work, shared);
            if lever == Lever::Seats {
                let Sample { api_cost, .. } = super::sample(&mut p, base)?;
                return Ok(Kept::Seats(shared.demand.total.clone(), api_cost));
            }
            if let Some(t) = p.price(base, &shared.demand.total)?
                && let Some(seat) = crate::engine::fast::decimal(t.seat_cost, t.scale)
            {
                let years = p
                    .years
                    .iter()
                    .map(|y| (Decimal::from_i128_with_scale(y.api_list_cents, 2), y.months))
                    .collect();
                return Ok(Kept::Commit(seat, years));
            }
            let out = reference::evaluate_offer(work, base, shared)?;
            let years = out.years.iter().map(|y| (y.api_list, y.months)).collect();
            Ok(Kept::Commit(out.seat_cost, years))
        })?;
        Ok(Objective {
            s,
            shared: Shared::of(s)?,
            base,
            lever,
            figure,
            threads,
            draws,
        })
    }

    /// The fewest seats that leave no more demand unserved over the draws
    /// than the offer's own count does (0 for the API commit, which serves
    /// no seats): a `fixed` or capped true-up would otherwise make "commit
    /// nothing and leave everyone without a seat" the cheapest answer.
    fn lowest_serving(&self, top: i64, current: Decimal) -> Result<i64, Overflow> {
        if self.lever != Lever::Seats {
            return Ok(0);
        }
        let own = i64::try_from(current.trunc()).unwrap_or(top);
        let allowed = self.eval(own)?.1;
        let (mut lo, mut hi) = (0i64, top.max(0));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.eval(mid)?.1 <= allowed {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Ok(lo)
    }

    /// The top of the range: beyond it every draw only pays more.
    fn top(&self) -> i64 {
        let mut top = 0i64;
        for d in &self.draws {
            match d {
                Kept::Seats(demand, _) => {
                    let peak = demand.iter().copied().max().unwrap_or(0);
                    top = top.max(i64::try_from(peak).unwrap_or(i64::MAX));
                }
                Kept::Commit(_, years) => {
                    for (list, months) in years {
                        // A year's use at a full year's rate; past the
                        // arithmetic's range, no top short of the largest.
                        let per_year = api::discounted_use(*list, self.base.api_discount_pct)
                            .ok()
                            .and_then(|d| d.checked_mul(Decimal::from(12)))
                            .map(|d| (d / Decimal::from((*months).max(1))).ceil());
                        top = top.max(
                            per_year
                                .and_then(|y| i64::try_from(y).ok())
                                .unwrap_or(i64::MAX),
                        );
                    }
                }
            }
        }
        if let Some(crate::scenario::SeatPlan::Ramp(steps)) = &self.base.seats
            && self.lever == Lever::Seats
        {
            let last = steps.last().map_or(0, |s| s.seats);
            let low = steps.iter().map(|s| s.seats).min().unwrap_or(0);
            top = top.saturating_add(i64::try_from(last - low).unwrap_or(0));
        }
        let (_, max) = self.lever.range();
        top.min(i64::try_from(max.trunc()).unwrap_or(i64::MAX))
    }

    /// The figure with the lever at `v` (mean as the exact sum: the same
    /// order as the mean) and the unserved seat-months over all draws.
    fn eval(&self, v: i64) -> Result<(Decimal, u64), Overflow> {
        let moved = self.lever.set(self.base, Decimal::from(v));
        let n = self.draws.len();
        let threads = self.threads.clamp(1, n.max(1));
        let chunk = n.div_ceil(threads).max(1);
        let parts: Vec<Result<Vec<(Decimal, u64)>, Overflow>> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .draws
                .chunks(chunk)
                .map(|part| {
                    let moved = &moved;
                    scope.spawn(move || self.totals(moved, part))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err(Overflow("a risk draw"))))
                .collect()
        });
        let mut all = Vec::with_capacity(n);
        let mut unserved = 0u64;
        for p in parts {
            for (t, u) in p? {
                all.push(t);
                unserved = unserved.saturating_add(u);
            }
        }
        let figure = match self.figure {
            Figure::Mean => all
                .iter()
                .try_fold(Decimal::ZERO, |a, t| a.add_x(*t, "a risk mean"))?,
            Figure::P90 => {
                all.sort();
                nearest_rank(&all, 90)
            }
        };
        Ok((figure, unserved))
    }

    /// Each draw's total and unserved seat-months with the lever moved.
    fn totals(&self, moved: &Offer, part: &[Kept]) -> Result<Vec<(Decimal, u64)>, Overflow> {
        let horizon = self.shared.horizon;
        let mut fast = FastPricer::new(self.s, &self.shared);
        let prices = OfferPrices::of(self.s, moved, horizon)?;
        let has_prices = prices.is_some();
        if let Some(p) = prices {
            fast.prices = p;
        }
        let mut out = Vec::with_capacity(part.len());
        for d in part {
            out.push(match d {
                Kept::Seats(demand, api) => {
                    let t = if has_prices {
                        fast.price_again(moved, demand)?
                    } else {
                        None
                    };
                    let (seat, unserved) =
                        match t.and_then(|t| Some((decimal(t.seat_cost, t.scale)?, t))) {
                            Some((seat, t)) => (seat, t.unserved_seat_months),
                            None => {
                                let p = price_with_demand(self.s, moved, &self.shared, demand)?;
                                (p.seat_cost, p.unserved_seat_months)
                            }
                        };
                    (seat.add_x(*api, "a total")?, unserved)
                }
                Kept::Commit(seat, years) => {
                    let mut paid = Decimal::ZERO;
                    for (list, months) in years {
                        let y = api::api_year(
                            *list,
                            *months,
                            moved.api_commit,
                            moved.api_discount_pct,
                        )?;
                        paid = paid.add_x(y.paid, "a total")?;
                    }
                    (seat.add_x(paid, "a total")?, 0)
                }
            });
        }
        Ok(out)
    }
}
