//! Risk under uncertainty (SPEC.md §7): every offer priced on the same
//! draws of adoption, ramp and API volume, and what those totals say.
//!
//! [`run`] draws the scenario [`Uncertainty::draws`] times ([`draw`]: the
//! generator, the order and the quantisation), writes each draw into a copy
//! of the scenario, and prices every offer on it exactly as §3 does — the
//! fast engine on that draw's [`Shared`] (demand, growth, API plans) — so
//! the differences between offers are never noise (common random numbers).
//! Draws are split over threads in contiguous runs and gathered in draw
//! order: the figures are the same on one thread or many.
//!
//! [`Risk`] holds one offer's figures; [`minimise`] finds the seat count or
//! API commit with the lowest mean or P90. docs/risk.md says how each
//! figure is computed and how a negotiator reads it.

pub mod draw;
pub mod minimise;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::{FastPricer, Shared, fast, reference};
use crate::money::{Exact, Overflow, round_cents};
use crate::scenario::{Offer, Scenario, Uncertainty};

/// What one draw cost one offer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sample {
    pub total: Decimal,
    pub seat_cost: Decimal,
    pub api_cost: Decimal,
    pub unused_api_commit: Decimal,
    pub true_up_cost: Decimal,
    pub idle_cost: Decimal,
}

/// One offer's figures over the draws (money exact until the report rounds
/// it to cents; probabilities in percent, two decimals).
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub draws: u32,
    pub seed: u64,
    /// Σ totals / draws.
    pub mean: Decimal,
    /// Nearest-rank quantiles of the draw totals.
    pub p10: Decimal,
    pub p50: Decimal,
    pub p90: Decimal,
    /// Share of draws in which this offer is the cheapest (ties shared).
    pub prob_cheapest: Decimal,
    pub prob_unused_api_commit: Decimal,
    pub expected_unused_api_commit: Decimal,
    pub prob_true_up: Decimal,
    pub expected_true_up_cost: Decimal,
    pub expected_idle_cost: Decimal,
    /// Share of draws above the deal's walk-away total (None without one).
    pub prob_over_walk_away: Option<Decimal>,
    /// Every draw's total, sorted: the histogram's data.
    pub totals: Vec<Decimal>,
}

/// How many threads pricing draws uses by default: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Every offer's risk figures, in file order (None without `[uncertainty]`).
pub fn run(s: &Scenario) -> Result<Option<Vec<Risk>>, Overflow> {
    run_with_threads(s, default_threads())
}

/// [`run`] on `threads` threads (the figures do not depend on it).
pub fn run_with_threads(s: &Scenario, threads: usize) -> Result<Option<Vec<Risk>>, Overflow> {
    let Some(u) = &s.uncertainty else {
        return Ok(None);
    };
    let offers = s.resolved_offers();
    let samples = samples(s, u, &offers, threads)?;
    Ok(Some(figures(s, u, offers.len(), &samples)?))
}

/// Every draw's [`Sample`] of every offer: `out[draw][offer]`.
pub fn samples(
    s: &Scenario,
    u: &Uncertainty,
    offers: &[Offer],
    threads: usize,
) -> Result<Vec<Vec<Sample>>, Overflow> {
    per_draw(s, u, threads, |work, shared| {
        let mut pricer = FastPricer::new(work, shared);
        offers
            .iter()
            .map(|o| sample(&mut pricer, o))
            .collect::<Result<Vec<_>, _>>()
    })
}

/// `f` on every draw's scenario and [`Shared`], in draw order, the draws
/// split over `threads` threads in contiguous runs.
pub fn per_draw<T: Send>(
    s: &Scenario,
    u: &Uncertainty,
    threads: usize,
    f: impl Fn(&Scenario, &Shared) -> Result<T, Overflow> + Sync,
) -> Result<Vec<T>, Overflow> {
    let n = u.draws;
    let threads = threads.clamp(1, n.max(1) as usize) as u32;
    let chunk = n.div_ceil(threads);
    let run = |first: u32, last: u32| -> Result<Vec<T>, Overflow> {
        let mut drawer = draw::Drawer::new(s, u, first);
        let mut work = s.clone();
        let mut out = Vec::with_capacity((last - first) as usize);
        for _ in first..last {
            drawer.next_draw().apply(s, &mut work);
            let shared = Shared::of(&work)?;
            out.push(f(&work, &shared)?);
        }
        Ok(out)
    };
    if threads == 1 {
        return run(0, n);
    }
    let parts: Vec<Result<Vec<T>, Overflow>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (first, last) = ((t * chunk).min(n), ((t + 1) * chunk).min(n));
                let run = &run;
                scope.spawn(move || run(first, last))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(Overflow("a risk draw"))))
            .collect()
    });
    let mut out = Vec::with_capacity(n as usize);
    for p in parts {
        out.extend(p?);
    }
    Ok(out)
}

/// One offer priced on one draw: the fast exact engine, or the reference
/// for figures beyond its exact range.
pub fn sample(p: &mut FastPricer<'_>, o: &Offer) -> Result<Sample, Overflow> {
    let shared = p.shared;
    if let Some(t) = p.price(o, &shared.demand.total)?
        && let (Some(seat), Some(true_up), Some(idle)) = (
            fast::decimal(t.seat_cost, t.scale),
            fast::decimal(t.true_up_cost, t.scale),
            fast::decimal(t.idle_cost, t.scale),
        )
    {
        return Ok(Sample {
            total: t.total,
            seat_cost: seat,
            api_cost: t.api_cost,
            unused_api_commit: t.api_unused_commit,
            true_up_cost: true_up,
            idle_cost: idle,
        });
    }
    let out = reference::evaluate_offer(p.s, o, shared)?;
    let mut true_up = Decimal::ZERO;
    for m in &out.months {
        let billed = Decimal::from(m.seats.billed_excess);
        true_up = true_up.add_x(billed.mul_x(m.seats.true_up_price, "true-up")?, "true-up")?;
    }
    Ok(Sample {
        total: out.total,
        seat_cost: out.seat_cost,
        api_cost: out.api_cost,
        unused_api_commit: out.api_unused_commit,
        true_up_cost: true_up,
        idle_cost: out.idle_cost,
    })
}

/// The figures of every offer from the draws' samples.
pub fn figures(
    s: &Scenario,
    u: &Uncertainty,
    offers: usize,
    samples: &[Vec<Sample>],
) -> Result<Vec<Risk>, Overflow> {
    let cheapest = cheapest_shares(offers, samples);
    (0..offers)
        .map(|i| {
            let column: Vec<Sample> = samples.iter().map(|d| d[i]).collect();
            offer_figures(s, u, &column, cheapest[i])
        })
        .collect()
}

/// Per offer, the share of draws in which it is cheapest, in percent: a
/// draw where `k` offers tie for the lowest total gives each `1/k`, summed
/// as one exact fraction before the one rounding to two decimals.
fn cheapest_shares(offers: usize, samples: &[Vec<Sample>]) -> Vec<Decimal> {
    // ties[i][k-1]: draws in which offer i ties with k−1 others for cheapest.
    let mut ties = vec![vec![0u64; offers]; offers];
    for d in samples {
        let Some(min) = d.iter().map(|x| x.total).min() else {
            continue;
        };
        let k = d.iter().filter(|x| x.total == min).count();
        for (i, x) in d.iter().enumerate() {
            if x.total == min {
                ties[i][k - 1] += 1;
            }
        }
    }
    let n = samples.len() as u64;
    ties.iter()
        .map(|row| {
            // Σ_k count_k / k over n, as one exact fraction over lcm(k).
            let l = row
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .fold(1u128, |l, (k, _)| lcm(l, k as u128 + 1));
            let num: u128 = row
                .iter()
                .enumerate()
                .map(|(k, c)| u128::from(*c) * (l / (k as u128 + 1)))
                .sum();
            ratio_pct(num, l.saturating_mul(u128::from(n)))
        })
        .collect()
}

fn lcm(a: u128, b: u128) -> u128 {
    let (mut x, mut y) = (a, b);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    (a / x).saturating_mul(b)
}

/// `num / den · 100`, half away from zero to two decimals (0 when den is 0).
fn ratio_pct(num: u128, den: u128) -> Decimal {
    match (
        Decimal::from_u128(num),
        Decimal::from_u128(den).filter(|d| !d.is_zero()),
    ) {
        (Some(n), Some(d)) => n
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(d))
            .map_or(Decimal::ZERO, round_cents),
        _ => Decimal::ZERO,
    }
}

/// `count / n` in percent, two decimals.
fn share_pct(count: usize, n: usize) -> Decimal {
    ratio_pct(count as u128, n as u128)
}

/// The nearest-rank `p`-th percentile of sorted `v`: the value at rank
/// ⌈p·n/100⌉ (at least 1).
pub fn nearest_rank(v: &[Decimal], p: u32) -> Decimal {
    let n = v.len();
    if n == 0 {
        return Decimal::ZERO;
    }
    let rank = (p as usize * n).div_ceil(100).max(1);
    v[rank.min(n) - 1]
}

/// Σ xs / n, exactly as `rust_decimal` divides (a sum of cents over the
/// draws; the report rounds it to cents).
fn mean(xs: impl Iterator<Item = Decimal>, n: usize) -> Result<Decimal, Overflow> {
    let mut sum = Decimal::ZERO;
    for x in xs {
        sum = sum.add_x(x, "a risk mean")?;
    }
    if n == 0 {
        return Ok(Decimal::ZERO);
    }
    sum.div_x(Decimal::from(n as u64), "a risk mean")
}

fn offer_figures(
    s: &Scenario,
    u: &Uncertainty,
    column: &[Sample],
    prob_cheapest: Decimal,
) -> Result<Risk, Overflow> {
    let n = column.len();
    let mut totals: Vec<Decimal> = column.iter().map(|x| x.total).collect();
    totals.sort();
    let count = |f: &dyn Fn(&Sample) -> bool| column.iter().filter(|x| f(x)).count();
    Ok(Risk {
        draws: u.draws,
        seed: u.seed,
        mean: mean(column.iter().map(|x| x.total), n)?,
        p10: nearest_rank(&totals, 10),
        p50: nearest_rank(&totals, 50),
        p90: nearest_rank(&totals, 90),
        prob_cheapest,
        prob_unused_api_commit: share_pct(count(&|x| x.unused_api_commit > Decimal::ZERO), n),
        expected_unused_api_commit: mean(column.iter().map(|x| x.unused_api_commit), n)?,
        prob_true_up: share_pct(count(&|x| x.true_up_cost > Decimal::ZERO), n),
        expected_true_up_cost: mean(column.iter().map(|x| x.true_up_cost), n)?,
        expected_idle_cost: mean(column.iter().map(|x| x.idle_cost), n)?,
        prob_over_walk_away: s
            .deal
            .walk_away_total
            .map(|w| share_pct(count(&|x| x.total > w), n)),
        totals,
    })
}
