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
pub mod fast;
pub mod funnel;
pub mod priced;
pub mod pricer;
pub mod reference;
pub mod regional;
pub mod residency;
pub mod risk;
pub mod seats;
pub mod seek;
pub mod stress;
pub mod warnings;

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::money::{Exact, Overflow, round_cents};
use crate::scenario::{Offer, Scenario, terms};
pub use demand::Demand;
pub use fast::FastPricer;
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
    /// The region's id and currency, shared with [`Shared::names`]: a
    /// bill is made for every region each time an offer is priced.
    pub id: Arc<str>,
    pub currency: Arc<str>,
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

/// What the offers share: demand and workload growth over the horizon, and
/// each API plan's list cost once it has been priced.
#[derive(Debug)]
pub struct Shared {
    pub horizon: u32,
    pub demand: Demand,
    pub factors: Vec<Vec<Decimal>>,
    /// The all-Opus API baseline per month.
    pub baseline: Vec<Decimal>,
    /// The baseline over the horizon.
    pub baseline_total: Decimal,
    /// Each month's regional split, offer-independent.
    pub shares: fast::shares::Shares,
    /// Each region's `[fx]` rate from the deal currency (1 when it has none).
    pub fx: Vec<Decimal>,
    /// Each API plan priced so far: its list cost per month in cents.
    pub plans: fast::PlanCache,
    /// The terms the deal and its regions require, in file order.
    pub required: Vec<String>,
    /// Each region's id and currency, for its bills.
    pub names: Vec<(Arc<str>, Arc<str>)>,
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
        let baseline_total = baseline
            .iter()
            .try_fold(Decimal::ZERO, |acc, m| acc.add_x(*m, "the API baseline"))?;
        let demand = Demand::of(s, horizon);
        Ok(Shared {
            fx: s
                .regions
                .iter()
                .map(|r| s.fx_rate(&r.currency).unwrap_or(Decimal::ONE))
                .collect(),
            horizon,
            shares: fast::shares::Shares::of(s, &demand),
            demand,
            factors,
            baseline,
            baseline_total,
            plans: fast::PlanCache::default(),
            required: terms::required(s),
            names: s
                .regions
                .iter()
                .map(|r| (Arc::from(r.id.as_str()), Arc::from(r.currency.as_str())))
                .collect(),
        })
    }
}

/// Price every offer of `s` and compare them with the reference.
pub fn evaluate(s: &Scenario) -> Result<Evaluation, Overflow> {
    evaluate_on(s, &Shared::of(s)?)
}

/// Price every offer of `s` on its already computed [`Shared`] part (the
/// workbench keeps it between lever moves).
pub fn evaluate_on(s: &Scenario, shared: &Shared) -> Result<Evaluation, Overflow> {
    let offers = s.resolved_offers();
    let mut pricer = FastPricer::new(s, shared);
    let mut outcomes = offers
        .iter()
        .map(|o| evaluate_with(&mut pricer, o))
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
    evaluate_with(&mut FastPricer::new(s, shared), o)
}

/// Price one resolved offer with a pricer that keeps its API plans across
/// offers: the fast exact path, or the reference engine for an offer whose
/// figures leave the fast path's range.
pub fn evaluate_with(p: &mut FastPricer<'_>, o: &Offer) -> Result<Outcome, Overflow> {
    let (s, shared) = (p.s, p.shared);
    let Some(mut out) = fast_outcome(p, o)? else {
        return reference::evaluate_offer(s, o, shared);
    };
    let scale = p.prices.scale;
    let rows = &p.rows;
    out.regions = match shared.shares.bills(|m| rows[m].cost, scale, &shared.fx) {
        Some(bills) => shared
            .names
            .iter()
            .zip(bills)
            .zip(&shared.fx)
            .map(|(((id, currency), (own, local)), &fx)| RegionBill {
                id: Arc::clone(id),
                currency: Arc::clone(currency),
                seat_cost: Decimal::from_i128_with_scale(own, 2),
                local: Decimal::from_i128_with_scale(local, 2),
                fx,
            })
            .collect(),
        None => reference::region_bills(s, shared, &out.months)?,
    };
    let year1 = out.months.first().map_or(o.seat_price, |m| m.seats.price);
    out.regional_quotes = regional::quote_checks(s, o, year1)?;
    out.missing_terms = terms::missing_of(&shared.required, o);
    out.warnings = warnings::of(s, &out)?;
    Ok(out)
}

/// The fast path's outcome without the regional split, terms and warnings.
fn fast_outcome(p: &mut FastPricer<'_>, o: &Offer) -> Result<Option<Outcome>, Overflow> {
    let shared = p.shared;
    let Some(t) = p.price(o, &shared.demand.total)? else {
        return Ok(None);
    };
    let Some(seat_months) = p.seat_months() else {
        return Ok(None);
    };
    let scale = t.scale;
    let list = p.plan_months(&o.api)?;
    let months: Vec<Month> = seat_months
        .into_iter()
        .zip(list.iter().zip(&shared.baseline))
        .enumerate()
        .map(|(m, (seats, (&cents, &api_baseline)))| Month {
            month: m as u32,
            seats,
            api_list: Decimal::from_i128_with_scale(cents, 2),
            api_baseline,
        })
        .collect();
    let mut years = Vec::with_capacity(p.years.len());
    for (y, fy) in p.years.iter().enumerate() {
        let Some(seat_cost) = fast::decimal(fy.seat_cost, scale) else {
            return Ok(None);
        };
        years.push(Year {
            year: y as u32 + 1,
            months: fy.months,
            price: months.get(y * 12).map_or(Decimal::ZERO, |m| m.seats.price),
            seat_cost,
            api_list: Decimal::from_i128_with_scale(fy.api_list_cents, 2),
            api_cost: fy.api.paid,
            api_unused_commit: fy.api.unused,
            total: seat_cost.add_x(fy.api.paid, "a year's total")?,
        });
    }
    let (Some(seat_cost), Some(idle_cost)) = (
        fast::decimal(t.seat_cost, scale),
        fast::decimal(t.idle_cost, scale),
    ) else {
        return Ok(None);
    };
    Ok(Some(Outcome {
        offer: o.clone(),
        months,
        years,
        seat_cost,
        api_cost: t.api_cost,
        total: t.total,
        savings: Decimal::ZERO,
        savings_pct: Decimal::ZERO,
        billed_seat_months: t.billed_seat_months,
        demand_seat_months: t.demand_seat_months,
        idle_seat_months: t.idle_seat_months,
        idle_cost,
        unserved_seat_months: t.unserved_seat_months,
        api_list: t.api_list,
        api_unused_commit: t.api_unused_commit,
        api_savings_pct: percent_of(
            shared.baseline_total.sub_x(t.api_cost, "API savings")?,
            shared.baseline_total,
        )?,
        api_baseline: shared.baseline_total,
        regions: Vec::new(),
        regional_quotes: Vec::new(),
        missing_terms: Vec::new(),
        warnings: Vec::new(),
    }))
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
