//! `dealbench export --format csv`: one file, one row per offer and month,
//! for a spreadsheet or a BI tool.
//!
//! The offer's name is a column, so every offer shares one header. Numbers
//! are plain numbers a spreadsheet reads as numbers: seat counts whole,
//! money and prices with two decimals, no thousands separators, no currency
//! sign (the deal currency is in the `currency` column). The month's
//! `api_cost` is its share of the contract year's API payment, spread so
//! the rows of an offer add up to its total to the cent (see
//! [`schedule::schedule`](super::schedule::schedule)).
//!
//! Text cells come from the scenario file and a spreadsheet would run one
//! that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a
//! formula; such a cell gets a leading `'`, and control characters in text
//! are replaced so the file is also safe to print ([`neutralise`]).

use std::io::{self, Write};

use rust_decimal::Decimal;

use super::schedule::schedule;
use crate::diag::sanitize;
use crate::engine::Evaluation;
use crate::money::two_places;
use crate::scenario::Scenario;

/// The header, in column order.
pub const COLUMNS: [&str; 24] = [
    "offer",
    "by",
    "currency",
    "month",
    "date",
    "demand",
    "tier_demand",
    "commit",
    "billed_excess",
    "unserved",
    "team_seats",
    "billed_seats",
    "idle_seats",
    "seat_price",
    "true_up_price",
    "team_price",
    "seat_cost",
    "idle_cost",
    "api_list",
    "api_baseline",
    "api_cost",
    "total",
    "cumulative_total",
    "event",
];

/// A text cell safe to open in a spreadsheet and to print on a terminal:
/// one that would start a formula gets a leading single quote, and control
/// characters (escape sequences, line breaks, bidi overrides) are replaced.
pub fn neutralise(text: &str) -> String {
    let quote = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        "'"
    } else {
        ""
    };
    format!("{quote}{}", sanitize(text))
}

/// Write every offer's months as CSV.
pub fn write(out: &mut impl Write, s: &Scenario, ev: &Evaluation) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS).map_err(io::Error::other)?;
    for o in &ev.outcomes {
        let name = neutralise(&o.offer.name);
        let currency = neutralise(&s.deal.currency);
        let mut running = Decimal::ZERO;
        for r in schedule(s, o) {
            running += r.total;
            let count = |n: u64| n.to_string();
            let record = [
                name.clone(),
                o.offer.by.as_str().to_string(),
                currency.clone(),
                r.month.to_string(),
                r.date,
                count(r.demand),
                count(r.tier_demand),
                count(r.commit),
                count(r.billed_excess),
                count(r.unserved),
                count(r.team_seats),
                count(r.billed_seats),
                count(r.idle_seats),
                two_places(r.seat_price),
                two_places(r.true_up_price),
                two_places(r.team_price),
                two_places(r.seat_cost),
                two_places(r.idle_cost),
                two_places(r.api_list),
                two_places(r.api_baseline),
                two_places(r.api_cost),
                two_places(r.total),
                two_places(running),
                r.event.unwrap_or_default().to_string(),
            ];
            w.write_record(&record).map_err(io::Error::other)?;
        }
    }
    w.flush()
}
