//! The seat schedule in whole numbers (SPEC.md §3, Commit, True-up,
//! Monthly billing, Renewal, Seat cost): the same rules, in the same order,
//! as [`crate::engine::seats::seat_schedule`], written into a reused buffer.
//!
//! The two percentages applied to a seat count — the re-size buffer
//! (⌈D_e · (1 + buffer)⌉) and the true-up cap (⌊C · cap⌋) — are exact
//! integer products whenever the reference's `Decimal` product is exact
//! (it fits the mantissa); otherwise the reference's own function is used.

use rust_decimal::Decimal;

use super::{MANTISSA_MAX, OfferPrices, SeatRow};
use crate::engine::seats::{Event, usage_sized};
use crate::money::{Exact, Overflow, pct};
use crate::pricebook::PriceBook;
use crate::scenario::{Billing, Offer, SeatPlan, TrueUp};

/// What the schedule needs besides the offer and its prices.
pub struct Inputs<'a> {
    pub book: &'a PriceBook,
    pub demand: &'a [u64],
    pub buffer_pct: Decimal,
}

/// `n · f` rounded by `round` (floor or ceiling of units), exact when the
/// product fits the mantissa; None otherwise.
fn scaled(n: u64, f: Decimal, ceil: bool) -> Option<u64> {
    let m = f.mantissa();
    if m < 0 {
        return None;
    }
    let prod = i128::from(n).checked_mul(m)?;
    if prod > MANTISSA_MAX {
        return None;
    }
    let unit = 10i128.checked_pow(f.scale())?;
    let q = if ceil {
        (prod + unit - 1) / unit
    } else {
        prod / unit
    };
    u64::try_from(q).ok()
}

/// The re-sized commit ⌈D_e · (1 + buffer)⌉, as [`usage_sized`].
fn resized(de: u64, factor: Decimal, buffer_pct: Decimal) -> Result<u64, Overflow> {
    match scaled(de, factor, true) {
        Some(x) => Ok(x),
        None => usage_sized(de, buffer_pct),
    }
}

/// The true-up cap ⌊C · cap / 100⌋, as the reference computes it.
fn cap_of(commit: u64, cap: Decimal) -> Result<u64, Overflow> {
    match scaled(commit, cap, false) {
        Some(x) => Ok(x),
        None => {
            let x = Decimal::from(commit).mul_x(cap, "the true-up cap")?;
            Ok(u64::try_from(x.floor().max(Decimal::ZERO)).unwrap_or(u64::MAX))
        }
    }
}

/// Write the seat schedule of `o` into `rows` (one row a month of
/// `inp.demand`). Returns false when a cost leaves the exact range.
pub fn schedule(
    o: &Offer,
    inp: &Inputs<'_>,
    prices: &OfferPrices,
    rows: &mut Vec<SeatRow>,
) -> Result<bool, Overflow> {
    rows.clear();
    let team = o.team_seats;
    rows.extend(
        inp.demand
            .iter()
            .zip(&prices.months)
            .map(|(&d, &(p, ev))| SeatRow {
                demand: d,
                tier_demand: d.saturating_sub(team),
                price: p,
                event: ev,
                ..SeatRow::default()
            }),
    );
    match o.billing {
        Billing::Monthly => {
            let min = inp.book.tier(&o.tier).map_or(0, |t| t.min_seats);
            for r in rows.iter_mut() {
                r.commit = r.tier_demand.max(min);
            }
        }
        Billing::Annual => annual(o, inp, rows)?,
    }
    for r in rows.iter_mut() {
        let [p, tup, tp] = prices.rows[r.price as usize];
        r.billed_seats = r.commit + r.billed_excess + team;
        r.idle = r.billed_seats.saturating_sub(r.demand);
        let cost = i128::from(r.commit)
            .checked_mul(p)
            .zip(i128::from(r.billed_excess).checked_mul(tup))
            .zip(i128::from(team).checked_mul(tp))
            .and_then(|((a, b), c)| a.checked_add(b)?.checked_add(c));
        let idle = i128::from(r.idle).checked_mul(p);
        match (cost, idle) {
            (Some(c), Some(i)) if c <= MANTISSA_MAX && i <= MANTISSA_MAX => {
                r.cost = c;
                r.idle_cost = i;
            }
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// Commit, true-up and re-sizing of an annual offer, term by term and
/// period by period (the reference's `annual_commit`).
fn annual(o: &Offer, inp: &Inputs<'_>, rows: &mut [SeatRow]) -> Result<(), Overflow> {
    let horizon = rows.len();
    let term = o.term_months.max(1) as usize;
    let fixed = SeatPlan::Fixed(0);
    let plan = o.seats.as_ref().unwrap_or(&fixed);
    let len = o.true_up.period_months() as usize;
    let factor = Decimal::ONE + pct(inp.buffer_pct);
    let cap = o.true_up_cap_pct.map(pct);
    let mut base_override: Option<u64> = None;
    let mut floor = 0u64;
    let mut start = 0usize;
    while start < horizon {
        let end = (start + term).min(horizon);
        let mut event_at_start = None;
        if start > 0 {
            base_override = Some(resized(rows[start].tier_demand, factor, inp.buffer_pct)?);
            floor = 0;
            event_at_start = Some(Event::Renewal);
        }
        let mut ps = start;
        while ps < end {
            let pe = (ps + len).min(end);
            let base = |m: usize, ovr: Option<u64>| ovr.unwrap_or_else(|| plan.base_at(m as u32));
            let mut event = if ps == start { event_at_start } else { None };
            if o.downsize_at_anniversary && ps > start && (ps - start).is_multiple_of(12) {
                let target = resized(rows[ps].tier_demand, factor, inp.buffer_pct)?;
                if target < base(ps, base_override) + floor {
                    base_override = Some(target);
                    floor = 0;
                    event = Some(Event::Downsize);
                }
            }
            for (m, r) in rows.iter_mut().enumerate().take(pe).skip(ps) {
                r.commit = base(m, base_override) + floor;
            }
            let period_cap = match cap {
                Some(c) => cap_of(rows[ps].commit, c)?,
                None => u64::MAX,
            };
            let period = &mut rows[ps..pe];
            let excess = |r: &SeatRow| r.tier_demand.saturating_sub(r.commit);
            match o.true_up {
                TrueUp::Fixed => {}
                TrueUp::Monthly => {
                    for r in period.iter_mut() {
                        r.billed_excess = excess(r).min(period_cap);
                    }
                }
                TrueUp::Quarterly | TrueUp::AnnualPeak => {
                    let peak = period.iter().map(excess).max().unwrap_or(0).min(period_cap);
                    for r in period.iter_mut() {
                        r.billed_excess = peak;
                    }
                }
            }
            for (i, r) in period.iter_mut().enumerate() {
                let e = excess(r);
                r.unserved = e - r.billed_excess.min(e);
                if let (0, Some(ev)) = (i, event) {
                    r.event = Some(ev);
                }
            }
            if o.true_up_ratchet {
                floor += period.first().map_or(0, |r| r.billed_excess);
            }
            ps = pe;
        }
        start = end;
    }
    Ok(())
}
