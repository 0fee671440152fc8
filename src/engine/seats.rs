//! Seats month by month (SPEC.md §3, Price, Commit, True-up, Monthly billing,
//! Renewal, Seat cost): the price schedule with anniversaries and renewals,
//! the commit with seat ramps, ratchet, downsize and renewal re-sizing, and
//! the true-up that bills demand above the commit.

use rust_decimal::Decimal;

use crate::money::{Exact, Overflow, ceil_seats, pct, round_cents};
use crate::pricebook::PriceBook;
use crate::scenario::{Billing, Offer, SeatPlan, TrueUp};

/// What changed in a month, for the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The price rose by the (capped) uplift.
    Anniversary,
    /// The commit was lowered to usage at an anniversary.
    Downsize,
    /// A new term: the commit re-sized to usage, the price rose once.
    Renewal,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Anniversary => "anniversary",
            Event::Downsize => "downsize",
            Event::Renewal => "renewal",
        }
    }
}

/// The seat side of one month.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatMonth {
    /// D(m): seats the regions need.
    pub demand: u64,
    /// D_e(m): demand on the offer's tier, after Team seats.
    pub tier_demand: u64,
    /// C(m): committed seats (monthly billing: the seats billed).
    pub commit: u64,
    /// Added seats billed at the true-up price this month.
    pub billed_excess: u64,
    /// Demand beyond commit and billed excess.
    pub unserved: u64,
    /// p(m): price per committed seat.
    pub price: Decimal,
    /// Price per true-up seat.
    pub true_up_price: Decimal,
    /// Price per Team seat.
    pub team_price: Decimal,
    /// Seats billed: commit + billed excess + Team seats.
    pub billed_seats: u64,
    /// Seats billed beyond demand.
    pub idle: u64,
    pub seat_cost: Decimal,
    pub idle_cost: Decimal,
    pub event: Option<Event>,
}

/// p(m) and the Team price for every month, with the event that set them.
pub fn price_schedule(
    o: &Offer,
    book: &PriceBook,
    renewal_uplift_pct: Decimal,
    horizon: u32,
) -> Result<Vec<(Decimal, Decimal, Option<Event>)>, Overflow> {
    // p_0 is the seat price as written; only the monthly premium is rounded.
    let mut p = match o.billing {
        Billing::Monthly => {
            let premium = book
                .tier(&o.tier)
                .map_or(Decimal::ZERO, |t| t.monthly_premium_pct);
            round_cents(
                o.seat_price
                    .mul_x(Decimal::ONE + pct(premium), "the monthly price")?,
            )
        }
        Billing::Annual => o.seat_price,
    };
    let mut tp = o.team_price;
    let u = Decimal::ONE + pct(o.effective_uplift_pct());
    let r = Decimal::ONE
        + pct(o
            .renewal_cap_pct
            .map_or(renewal_uplift_pct, |c| c.min(renewal_uplift_pct)));
    let term = o.term_months.max(1);
    let mut out = Vec::with_capacity(horizon as usize);
    for m in 0..horizon {
        let into_term = m % term;
        let event = if m > 0 && into_term == 0 {
            Some((Event::Renewal, r))
        } else if into_term > 0 && into_term.is_multiple_of(12) {
            Some((Event::Anniversary, u))
        } else {
            None
        };
        if let Some((_, rise)) = event {
            p = round_cents(p.mul_x(rise, "the seat price")?);
            tp = round_cents(tp.mul_x(rise, "the Team price")?);
        }
        out.push((p, tp, event.map(|e| e.0)));
    }
    Ok(out)
}

/// Inputs the seat calculation needs besides the offer.
pub struct SeatInputs<'a> {
    pub book: &'a PriceBook,
    pub demand: &'a [u64],
    pub buffer_pct: Decimal,
    pub renewal_uplift_pct: Decimal,
}

/// The seat schedule of an offer over `demand.len()` months.
pub fn seat_schedule(o: &Offer, inp: &SeatInputs<'_>) -> Result<Vec<SeatMonth>, Overflow> {
    let horizon = u32::try_from(inp.demand.len()).unwrap_or(u32::MAX);
    let prices = price_schedule(o, inp.book, inp.renewal_uplift_pct, horizon)?;
    let tier_demand: Vec<u64> = inp
        .demand
        .iter()
        .map(|d| d.saturating_sub(o.team_seats))
        .collect();
    let plan = match o.billing {
        Billing::Monthly => monthly_billing(o, inp.book, &tier_demand),
        Billing::Annual => annual_commit(o, &tier_demand, inp.buffer_pct)?,
    };
    let mut out = Vec::with_capacity(inp.demand.len());
    for (m, &demand) in inp.demand.iter().enumerate() {
        let (price, team_price, price_event) = prices[m];
        let (commit, billed_excess, unserved, resize) = plan[m];
        let true_up_price = round_cents(price.mul_x(pct(o.true_up_rate_pct), "the true-up price")?);
        let billed_seats = commit + billed_excess + o.team_seats;
        let idle = billed_seats.saturating_sub(demand);
        let seat_cost = Decimal::from(commit)
            .mul_x(price, "the seat cost")?
            .add_x(
                Decimal::from(billed_excess).mul_x(true_up_price, "the true-up cost")?,
                "the seat cost",
            )?
            .add_x(
                Decimal::from(o.team_seats).mul_x(team_price, "the Team cost")?,
                "the seat cost",
            )?;
        out.push(SeatMonth {
            demand,
            tier_demand: tier_demand[m],
            commit,
            billed_excess,
            unserved,
            price,
            true_up_price,
            team_price,
            billed_seats,
            idle,
            seat_cost,
            idle_cost: Decimal::from(idle).mul_x(price, "the idle cost")?,
            event: resize.or(price_event),
        });
    }
    Ok(out)
}

/// (commit, billed excess, unserved, re-size event) per month.
type CommitRow = (u64, u64, u64, Option<Event>);

fn monthly_billing(o: &Offer, book: &PriceBook, tier_demand: &[u64]) -> Vec<CommitRow> {
    let min = book.tier(&o.tier).map_or(0, |t| t.min_seats);
    tier_demand
        .iter()
        .map(|&d| (d.max(min), 0, 0, None))
        .collect()
}

/// The re-sized commit ⌈D_e(m) · (1 + buffer)⌉.
pub fn usage_sized(demand: u64, buffer_pct: Decimal) -> Result<u64, Overflow> {
    ceil_seats(Decimal::from(demand).mul_x(Decimal::ONE + pct(buffer_pct), "a re-sized commit")?)
}

fn annual_commit(o: &Offer, de: &[u64], buffer_pct: Decimal) -> Result<Vec<CommitRow>, Overflow> {
    let horizon = de.len();
    let term = o.term_months.max(1) as usize;
    let plan = o.seats.clone().unwrap_or(SeatPlan::Fixed(0));
    let len = o.true_up.period_months() as usize;
    let mut out: Vec<CommitRow> = Vec::with_capacity(horizon);
    let mut base_override: Option<u64> = None;
    let mut floor = 0u64;
    let mut start = 0usize;
    while start < horizon {
        let end = (start + term).min(horizon);
        let mut event_at_start = None;
        if start > 0 {
            base_override = Some(usage_sized(de[start], buffer_pct)?);
            floor = 0;
            event_at_start = Some(Event::Renewal);
        }
        let mut ps = start;
        while ps < end {
            let pe = (ps + len).min(end);
            let base = |m: usize, ovr: Option<u64>| ovr.unwrap_or_else(|| plan.base_at(m as u32));
            let mut event = if ps == start { event_at_start } else { None };
            if o.downsize_at_anniversary && ps > start && (ps - start).is_multiple_of(12) {
                let target = usage_sized(de[ps], buffer_pct)?;
                if target < base(ps, base_override) + floor {
                    base_override = Some(target);
                    floor = 0;
                    event = Some(Event::Downsize);
                }
            }
            let commits: Vec<u64> = (ps..pe).map(|m| base(m, base_override) + floor).collect();
            let excess: Vec<u64> = (ps..pe)
                .map(|m| de[m].saturating_sub(commits[m - ps]))
                .collect();
            let cap = match o.true_up_cap_pct {
                Some(c) => floor_seats(Decimal::from(commits[0]).mul_x(pct(c), "the true-up cap")?),
                None => u64::MAX,
            };
            let billed: Vec<u64> = match o.true_up {
                TrueUp::Fixed => vec![0; pe - ps],
                TrueUp::Monthly => excess.iter().map(|&e| e.min(cap)).collect(),
                TrueUp::Quarterly | TrueUp::AnnualPeak => {
                    let peak = excess.iter().copied().max().unwrap_or(0).min(cap);
                    vec![peak; pe - ps]
                }
            };
            for i in 0..pe - ps {
                let ev = if i == 0 { event } else { None };
                out.push((
                    commits[i],
                    billed[i],
                    excess[i] - billed[i].min(excess[i]),
                    ev,
                ));
            }
            if o.true_up_ratchet {
                floor += billed.first().copied().unwrap_or(0);
            }
            ps = pe;
        }
        start = end;
    }
    Ok(out)
}

/// ⌊x⌋ as seats, clamped at 0.
fn floor_seats(x: Decimal) -> u64 {
    u64::try_from(x.floor().max(Decimal::ZERO)).unwrap_or(u64::MAX)
}
