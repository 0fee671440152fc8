//! `dealbench export --format json`. The figures every export shares are
//! computed in [`super::schedule`] (each offer's months) and
//! [`super::break_even`] (the reference's break-even seat prices).
//!
//! The JSON export is the §4 report (with its drivers, stress and
//! consolidation) plus `schedules` (per offer, per month), `break_even`,
//! `talking_points` and the negotiation `log` (oldest first).

use serde_json::{Value, json};

use super::break_even::BreakEven;
use super::markdown::Brief;
use super::markdown::points::talking_points;
use super::schedule::schedule;
use crate::engine::{Evaluation, Outcome};
use crate::money::two_places;
use crate::scenario::Scenario;

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
