//! The negotiation figures every writer adds to the report — each offer's
//! drivers against the reference, the stress table and, with
//! `[uncertainty]`, the risk figures — computed once and shared by the text
//! report, the JSON report and the exports.

use crate::engine::Evaluation;
use crate::engine::drivers::{self, Waterfall};
use crate::engine::risk::{self, Risk};
use crate::engine::stress::{self, Stress};
use crate::money::Overflow;
use crate::scenario::Scenario;

/// Drivers and stress for every offer, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Power {
    /// Each offer's walk from the reference (None for the reference).
    pub walks: Vec<Option<Waterfall>>,
    pub stress: Stress,
    /// Each offer's risk figures (§7), when the file has `[uncertainty]`.
    pub risk: Option<Vec<Risk>>,
}

impl Power {
    /// Both analyses; an error when a figure leaves exact arithmetic (an
    /// intermediate offer can combine one offer's seats with another's
    /// prices).
    pub fn of(s: &Scenario, ev: &Evaluation) -> Result<Power, Overflow> {
        Ok(Power {
            walks: drivers::against_reference(s, ev)?,
            stress: stress::run(s)?,
            risk: risk::run(s)?,
        })
    }

    /// Offer `i`'s risk figures.
    pub fn risk(&self, i: usize) -> Option<&Risk> {
        self.risk.as_ref().and_then(|r| r.get(i))
    }

    /// The walk from the reference to offer `i`.
    pub fn walk(&self, i: usize) -> Option<&Waterfall> {
        self.walks.get(i).and_then(Option::as_ref)
    }
}

/// One row of the risk table: a label and each offer's figure.
pub struct RiskRow {
    pub label: &'static str,
    /// Money (true) or a percent (false).
    pub money: bool,
    pub cells: Vec<Option<rust_decimal::Decimal>>,
}

/// The risk figures as rows, one column per offer, in the order the report,
/// the brief and the workbook show them.
pub fn risk_rows(risks: &[Risk]) -> Vec<RiskRow> {
    type Get = fn(&Risk) -> Option<rust_decimal::Decimal>;
    let mut spec: Vec<(&'static str, bool, Get)> = vec![
        ("Mean total", true, |r| Some(r.mean)),
        ("P10 total", true, |r| Some(r.p10)),
        ("P50 total", true, |r| Some(r.p50)),
        ("P90 total", true, |r| Some(r.p90)),
        ("Cheapest in (% of draws)", false, |r| Some(r.prob_cheapest)),
        ("Unused API commit (% of draws)", false, |r| {
            Some(r.prob_unused_api_commit)
        }),
        ("Expected unused API commit", true, |r| {
            Some(r.expected_unused_api_commit)
        }),
        ("True-up paid (% of draws)", false, |r| Some(r.prob_true_up)),
        ("Expected true-up cost", true, |r| {
            Some(r.expected_true_up_cost)
        }),
        ("Expected idle-seat cost", true, |r| {
            Some(r.expected_idle_cost)
        }),
    ];
    if risks.iter().any(|r| r.prob_over_walk_away.is_some()) {
        spec.push(("Over the walk-away (% of draws)", false, |r| {
            r.prob_over_walk_away
        }));
    }
    spec.into_iter()
        .map(|(label, money, get)| RiskRow {
            label,
            money,
            cells: risks.iter().map(get).collect(),
        })
        .collect()
}

/// The risk section's heading: draws, seed and spreads.
pub fn risk_heading(s: &Scenario) -> Option<String> {
    let u = s.uncertainty.as_ref()?;
    let p = crate::money::plain;
    Some(format!(
        "Risk over {} draws (seed {}): adoption ±{} %, ramp ±{} %, API volume ±{} %, API growth ±{} points; every offer on the same draws",
        crate::money::format_count(u.draws),
        u.seed,
        p(u.adoption_pct),
        p(u.ramp_pct),
        p(u.api_volume_pct),
        p(u.api_growth_pp)
    ))
}
