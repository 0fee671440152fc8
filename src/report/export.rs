//! `dealbench export --format json`, and the figures every export shares:
//! the month-by-month schedule of each offer and the reference offer's
//! break-even seat price against each counter-offer.
//!
//! The JSON export is the §4 report (with its drivers, stress and
//! consolidation) plus `schedules` (per offer, per month), `break_even`,
//! `talking_points` and the negotiation `log` (oldest first).
//! A month's `api_cost` is its share of the contract year's API payment, in
//! proportion to its list cost (evenly in a year without use), rounded to
//! cents with the year's last month taking the remainder, so the months of
//! every offer add up to its total to the cent.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::markdown::Brief;
use super::markdown::points::talking_points;
use crate::engine::seek::{self, Lever, SeekError, SeekResult, Target};
use crate::engine::{Evaluation, Outcome};
use crate::money::{round_cents, two_places};
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

/// The reference offer's seat price at which it costs what one
/// counter-offer costs.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakEven {
    /// Index (file order) and name of the counter-offer.
    pub counter: usize,
    pub counter_name: String,
    pub result: Result<SeekResult, SeekError>,
}

/// The reference's break-even seat price against every other offer.
pub fn break_evens(s: &Scenario, ev: &Evaluation) -> Vec<BreakEven> {
    ev.outcomes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != ev.reference)
        .map(|(i, o)| BreakEven {
            counter: i,
            counter_name: o.offer.name.clone(),
            result: seek::solve(s, ev.reference, Lever::SeatPrice, Target::Match(i)),
        })
        .collect()
}

fn log_json(s: &Scenario) -> Value {
    let entries: Vec<Value> = s
        .log_oldest_first()
        .into_iter()
        .map(|e| json!({ "at": e.at, "who": e.who, "text": e.text }))
        .collect();
    Value::Array(entries)
}

fn schedule_json(s: &Scenario, o: &Outcome) -> Value {
    let months: Vec<Value> = schedule(s, o)
        .iter()
        .map(|r| {
            json!({
                "month": r.month,
                "date": r.date,
                "demand": r.demand,
                "tier_demand": r.tier_demand,
                "commit": r.commit,
                "billed_excess": r.billed_excess,
                "unserved": r.unserved,
                "team_seats": r.team_seats,
                "billed_seats": r.billed_seats,
                "idle_seats": r.idle_seats,
                "seat_price": two_places(r.seat_price),
                "true_up_price": two_places(r.true_up_price),
                "team_price": two_places(r.team_price),
                "seat_cost": two_places(r.seat_cost),
                "idle_cost": two_places(r.idle_cost),
                "api_list": two_places(r.api_list),
                "api_baseline": two_places(r.api_baseline),
                "api_cost": two_places(r.api_cost),
                "total": two_places(r.total),
                "event": r.event,
            })
        })
        .collect();
    json!({ "offer": o.offer.name, "months": months })
}

fn break_even_json(b: &BreakEven) -> Value {
    match &b.result {
        Ok(r) => json!({
            "counter_offer": b.counter_name,
            "target": two_places(r.target),
            "seat_price": two_places(r.value),
            "total": two_places(r.total),
            "current_seat_price": two_places(r.current_value),
        }),
        Err(e) => json!({
            "counter_offer": b.counter_name,
            "seat_price": Value::Null,
            "reason": e.to_string(),
        }),
    }
}

/// The JSON export: the report plus schedules, break-even seat prices, the
/// brief's talking points and the negotiation log.
pub fn report(s: &Scenario, ev: &Evaluation) -> Value {
    let brief = Brief::of(s, ev);
    let mut out = super::json::report_with(s, ev, &brief.power);
    if let Value::Object(map) = &mut out {
        let schedules: Vec<Value> = ev.outcomes.iter().map(|o| schedule_json(s, o)).collect();
        map.insert("schedules".into(), Value::Array(schedules));
        let evens: Vec<Value> = brief.break_evens.iter().map(break_even_json).collect();
        map.insert("break_even".into(), Value::Array(evens));
        map.insert("talking_points".into(), json!(talking_points(&brief)));
        map.insert("log".into(), log_json(s));
    }
    out
}

/// Write the JSON export, pretty-printed, with a final newline.
/// Like the report, characters that could drive a terminal are written as
/// `\uXXXX` escapes.
pub fn write(out: &mut impl std::io::Write, s: &Scenario, ev: &Evaluation) -> std::io::Result<()> {
    super::json::write_value(out, &report(s, ev))
}
