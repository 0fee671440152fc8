//! The pricing engine: pure, exact, month by month (SPEC.md §3).
//!
//! [`evaluate`] prices every offer of a scenario over the common horizon and
//! returns an [`Evaluation`]: one [`Outcome`] per offer (schedule, years,
//! idle seats, API, regional bills, missing terms, warnings), savings against
//! the reference offer and the seat funnel. No I/O, no terminal: the report,
//! the exports and the workbench all read these figures, so they can never
//! disagree. To add a figure, compute it here and give it a field.

pub mod api;
pub mod demand;
pub mod drivers;
pub mod funnel;
pub mod priced;
pub mod regional;
pub mod seats;
pub mod seek;
pub mod stress;
pub mod warnings;

use rust_decimal::Decimal;

use crate::money::{Exact, Overflow, round_cents};
use crate::scenario::{Offer, Scenario, terms};
pub use demand::Demand;
pub use funnel::Funnel;
pub use seats::{Event, SeatMonth};

/// One month of an offer: seats and API.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// Contract month, 0-based from the deal start.
    pub month: u32,
    pub seats: SeatMonth,
    /// The offer's API plan at list price this month.
    pub api_list: Decimal,
    /// Every workload on Opus, no caching, no batch.
    pub api_baseline: Decimal,
}

/// One contract year (12 months from the deal start; the last may be short).
#[derive(Debug, Clone, PartialEq)]
pub struct Year {
    /// 1-based.
    pub year: u32,
    pub months: u32,
    /// Seat price per seat-month at the year's first month.
    pub price: Decimal,
    pub seat_cost: Decimal,
    pub api_list: Decimal,
    /// API paid: commit or discounted use.
    pub api_cost: Decimal,
    pub api_unused_commit: Decimal,
    pub total: Decimal,
}

/// An offer's seat bill carried by one region (SPEC.md §3, regional share).
#[derive(Debug, Clone, PartialEq)]
pub struct RegionBill {
    pub id: String,
    pub currency: String,
    /// Over the horizon, in the deal currency.
    pub seat_cost: Decimal,
    /// Over the horizon, in the region's currency.
    pub local: Decimal,
    /// The region's share of month 0..H, for per-month bills.
    pub fx: Decimal,
}

/// Everything the negotiator sees about one offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub offer: Offer,
    pub months: Vec<Month>,
    pub years: Vec<Year>,
    pub seat_cost: Decimal,
    pub api_cost: Decimal,
    pub total: Decimal,
    /// Reference total − this total.
    pub savings: Decimal,
    /// Savings as % of the reference total, two decimals.
    pub savings_pct: Decimal,
    pub billed_seat_months: u64,
    pub demand_seat_months: u64,
    pub idle_seat_months: u64,
    pub idle_cost: Decimal,
    pub unserved_seat_months: u64,
    pub api_list: Decimal,
    pub api_unused_commit: Decimal,
    pub api_baseline: Decimal,
    /// (baseline − API cost) / baseline, two decimals.
    pub api_savings_pct: Decimal,
    pub regions: Vec<RegionBill>,
    /// The offer's regional quotes against its central rate converted.
    pub regional_quotes: Vec<regional::QuoteCheck>,
    pub missing_terms: Vec<String>,
    pub warnings: Vec<String>,
}

/// Every offer of a scenario priced over the common horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub horizon: u32,
    /// Index of the reference offer in `outcomes`.
    pub reference: usize,
    pub outcomes: Vec<Outcome>,
    pub funnel: Funnel,
    /// One consolidated agreement against regions signing alone, for each
    /// tier the offers use that has volume tiers.
    pub consolidation: Vec<regional::Consolidation>,
}

/// What the offers share: demand and workload growth over the horizon.
pub struct Shared {
    pub horizon: u32,
    pub demand: Demand,
    pub factors: Vec<Vec<Decimal>>,
    /// The all-Opus API baseline per month.
    pub baseline: Vec<Decimal>,
}

impl Shared {
    pub fn of(s: &Scenario) -> Result<Shared, Overflow> {
        let horizon = s.horizon();
        let factors = s
            .workloads
            .iter()
            .map(|w| api::growth_factors(w, horizon))
            .collect::<Result<Vec<_>, _>>()?;
        let baseline = api::baseline_months(&s.pricebook, &s.workloads, &factors, horizon)?;
        Ok(Shared {
            horizon,
            demand: Demand::of(s, horizon),
            factors,
            baseline,
        })
    }
}

/// Price every offer of `s` and compare them with the reference.
pub fn evaluate(s: &Scenario) -> Result<Evaluation, Overflow> {
    let shared = Shared::of(s)?;
    let offers = s.resolved_offers();
    let mut outcomes = offers
        .iter()
        .map(|o| evaluate_offer(s, o, &shared))
        .collect::<Result<Vec<_>, _>>()?;
    let reference = crate::scenario::reference_among(&offers);
    apply_savings(&mut outcomes, reference)?;
    let mut consolidation: Vec<regional::Consolidation> = Vec::new();
    for o in &offers {
        if !consolidation.iter().any(|c| c.tier == o.tier) {
            consolidation.extend(regional::consolidation(s, &o.tier, &shared.demand)?);
        }
    }
    Ok(Evaluation {
        horizon: shared.horizon,
        reference,
        outcomes,
        funnel: Funnel::of(s)?,
        consolidation,
    })
}

/// Savings of every outcome against outcome `reference`.
pub fn apply_savings(outcomes: &mut [Outcome], reference: usize) -> Result<(), Overflow> {
    let ref_total = outcomes.get(reference).map_or(Decimal::ZERO, |o| o.total);
    for o in outcomes {
        o.savings = ref_total.sub_x(o.total, "savings")?;
        o.savings_pct = percent_of(o.savings, ref_total)?;
    }
    Ok(())
}

/// `part / whole · 100` to two decimals, 0 when `whole` is 0.
pub fn percent_of(part: Decimal, whole: Decimal) -> Result<Decimal, Overflow> {
    if whole.is_zero() {
        return Ok(Decimal::ZERO);
    }
    Ok(round_cents(
        part.mul_x(Decimal::ONE_HUNDRED, "a percentage")?
            .div_x(whole, "a percentage")?,
    ))
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
    out.regions = region_bills(s, &shared.demand, &out.months)?;
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
/// month without demand.
fn region_bills(
    s: &Scenario,
    demand: &Demand,
    months: &[Month],
) -> Result<Vec<RegionBill>, Overflow> {
    let headcount: u64 = s.regions.iter().map(|r| r.headcount).sum();
    let mut deal_cost = vec![Decimal::ZERO; s.regions.len()];
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
        let per_seat = month
            .seats
            .seat_cost
            .div_x(Decimal::from(den), "a regional share")?;
        for (acc, w) in deal_cost.iter_mut().zip(weights) {
            *acc = acc.add_x(
                per_seat.mul_x(Decimal::from(w), "a regional bill")?,
                "a regional bill",
            )?;
        }
    }
    s.regions
        .iter()
        .zip(deal_cost)
        .map(|(r, cost)| {
            let fx = s.fx_rate(&r.currency).unwrap_or(Decimal::ONE);
            Ok(RegionBill {
                id: r.id.clone(),
                currency: r.currency.clone(),
                seat_cost: round_cents(cost),
                local: round_cents(cost.mul_x(fx, "a regional bill")?),
                fx,
            })
        })
        .collect()
}

impl Outcome {
    /// Each month's cost: its seat cost plus its share of the year's API
    /// payment (in proportion to the month's list cost; evenly when the
    /// year has no use). The months sum to the total, give or take the
    /// rounding of shares.
    pub fn monthly_costs(&self) -> Vec<Decimal> {
        let mut out = Vec::with_capacity(self.months.len());
        for (chunk, year) in self.months.chunks(12).zip(&self.years) {
            for m in chunk {
                // The share (at most 1) first: a month's cost is then at most
                // its year's total, which `evaluate` computed without overflow.
                let api = if year.api_list.is_zero() {
                    year.api_cost / Decimal::from(chunk.len().max(1) as u64)
                } else {
                    m.api_list
                        .checked_div(year.api_list)
                        .and_then(|share| year.api_cost.checked_mul(share))
                        .unwrap_or(year.api_cost)
                };
                out.push(m.seats.seat_cost.checked_add(api).unwrap_or(year.total));
            }
        }
        out
    }

    /// Total cost per working user-month: the total over the seat-months of
    /// demand (None when there is no demand).
    pub fn cost_per_working_user_month(&self) -> Option<Decimal> {
        (self.demand_seat_months > 0)
            .then(|| round_cents(self.total / Decimal::from(self.demand_seat_months)))
    }
}
