//! The risk figures (SPEC.md §7) the model holds for the risk view and the
//! lowest-mean goal seek: every offer's spread over the `[uncertainty]`
//! draws and the cost-minimising seats and commit of the offer on the
//! table, computed away from the loop ([`compute`], through `Effect::Risk`)
//! and tagged with the generation asked for, so a figure from before a
//! lever moved is never shown.

use crate::engine::risk::minimise::{self, Figure, Minimum};
use crate::engine::risk::{self, Risk};
use crate::engine::seek::Lever;
use crate::scenario::Scenario;

/// The figures asked for last, and whether they have arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskState {
    pub generation: u64,
    /// None while computing; Err when the figures leave exact arithmetic.
    pub figures: Option<Result<RiskFigures, String>>,
}

/// Every offer's risk and the offer on the table's cost-minimising levers.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskFigures {
    pub risks: Vec<Risk>,
    /// The offer the figures were asked for with.
    pub table: usize,
    /// The seat count minimising the mean (None when it commits no seats).
    pub seats: Option<Minimum>,
    /// The yearly API commit minimising the mean (None without workloads).
    pub commit: Option<Minimum>,
}

/// The figures of `s` with offer `table` on the table (run on a thread).
pub fn compute(s: &Scenario, table: usize) -> Result<RiskFigures, String> {
    let threads = risk::default_threads();
    let risks = risk::run_with_threads(s, threads)
        .map_err(|e| e.to_string())?
        .ok_or("no [uncertainty] table")?;
    let best = |lever| minimise::minimise(s, table, lever, Figure::Mean, threads).ok();
    Ok(RiskFigures {
        risks,
        table,
        seats: best(Lever::Seats),
        commit: if s.workloads.is_empty() {
            None
        } else {
            best(Lever::ApiCommit)
        },
    })
}
