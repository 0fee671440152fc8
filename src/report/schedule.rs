//! Each offer's months as every export lists them (JSON, CSV, the
//! workbook), and the contract months as dates.
//!
//! A month's `api_cost` is its share of the contract year's API payment, in
//! proportion to its list cost (evenly in a year without use), rounded to
//! cents with the year's last month taking the remainder, so the months of
//! every offer add up to its total to the cent.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use crate::engine::Outcome;
use crate::money::round_cents;
use crate::scenario::Scenario;

/// `YYYY-MM` of contract month `m` counted from the deal start.
pub fn month_date(start: NaiveDate, m: u32) -> String {
    start
        .checked_add_months(Months::new(m))
        .map_or_else(|| format!("month {m}"), |d| d.format("%Y-%m").to_string())
}

/// One month of an offer as the exports list it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleRow {
    pub month: u32,
    pub date: String,
    pub demand: u64,
    pub tier_demand: u64,
    pub commit: u64,
    pub billed_excess: u64,
    pub unserved: u64,
    pub team_seats: u64,
    pub billed_seats: u64,
    pub idle_seats: u64,
    pub seat_price: Decimal,
    pub true_up_price: Decimal,
    pub team_price: Decimal,
    pub seat_cost: Decimal,
    pub idle_cost: Decimal,
    pub api_list: Decimal,
    pub api_baseline: Decimal,
    /// The month's share of its contract year's API payment.
    pub api_cost: Decimal,
    /// seat_cost + api_cost.
    pub total: Decimal,
    pub event: Option<&'static str>,
}

/// The offer's months, with the API payment spread exactly over them.
pub fn schedule(s: &Scenario, o: &Outcome) -> Vec<ScheduleRow> {
    let mut rows = Vec::with_capacity(o.months.len());
    for (chunk, year) in o.months.chunks(12).zip(&o.years) {
        let lists: Vec<Decimal> = chunk.iter().map(|m| m.api_list).collect();
        let shares = allocate(year.api_cost, &lists);
        for (m, api_cost) in chunk.iter().zip(shares) {
            let st = &m.seats;
            rows.push(ScheduleRow {
                month: m.month,
                date: month_date(s.deal.start, m.month),
                demand: st.demand,
                tier_demand: st.tier_demand,
                commit: st.commit,
                billed_excess: st.billed_excess,
                unserved: st.unserved,
                team_seats: o.offer.team_seats,
                billed_seats: st.billed_seats,
                idle_seats: st.idle,
                seat_price: st.price,
                true_up_price: st.true_up_price,
                team_price: st.team_price,
                seat_cost: st.seat_cost,
                idle_cost: st.idle_cost,
                api_list: m.api_list,
                api_baseline: m.api_baseline,
                api_cost,
                total: st.seat_cost + api_cost,
                event: st.event.map(|e| e.as_str()),
            });
        }
    }
    rows
}

/// `amount` split over months in proportion to `weights` (evenly when they
/// are all 0), each share in cents and the last taking the remainder.
fn allocate(amount: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    let n = weights.len();
    let sum: Decimal = weights.iter().copied().sum();
    let mut out = Vec::with_capacity(n);
    let mut given = Decimal::ZERO;
    for (i, w) in weights.iter().enumerate() {
        let share = if i + 1 == n {
            amount - given
        } else if sum.is_zero() {
            round_cents(amount / Decimal::from(n as u64))
        } else {
            round_cents(amount * *w / sum)
        };
        given += share;
        out.push(share);
    }
    out
}
