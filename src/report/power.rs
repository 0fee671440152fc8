//! The negotiation figures every writer adds to the report — each offer's
//! drivers against the reference and the stress table — computed once and
//! shared by the text report, the JSON report and the exports.

use crate::engine::Evaluation;
use crate::engine::drivers::{self, Waterfall};
use crate::engine::stress::{self, Stress};
use crate::money::Overflow;
use crate::scenario::Scenario;

/// Drivers and stress for every offer, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Power {
    /// Each offer's walk from the reference (None for the reference).
    pub walks: Vec<Option<Waterfall>>,
    pub stress: Stress,
}

impl Power {
    /// Both analyses; an error when a figure leaves exact arithmetic (an
    /// intermediate offer can combine one offer's seats with another's
    /// prices).
    pub fn of(s: &Scenario, ev: &Evaluation) -> Result<Power, Overflow> {
        Ok(Power {
            walks: drivers::against_reference(s, ev)?,
            stress: stress::run(s)?,
        })
    }

    /// The walk from the reference to offer `i`.
    pub fn walk(&self, i: usize) -> Option<&Waterfall> {
        self.walks.get(i).and_then(Option::as_ref)
    }
}
