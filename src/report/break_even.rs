//! The reference offer's break-even seat price against each counter-offer
//! (goal seek on its seat price), computed once for the JSON export and the
//! brief.

use crate::engine::Evaluation;
use crate::engine::seek::{self, Lever, SeekError, SeekResult, Target};
use crate::scenario::Scenario;

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
