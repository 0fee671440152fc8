//! The lines under the Regions table: the terms each region requires when
//! the table has no room for them, each region's own quote against the
//! central rate converted, what one agreement saves, and what US data
//! residency costs on the API side.

use rust_decimal::Decimal;

use super::columns::{COLUMNS, Grid};
use crate::diag::sanitize;
use crate::money::{format_count, plain, two_places};
use crate::tui::model::Model;
use crate::tui::widgets::{money, wrapped_height};

/// How a note under the table is shown.
#[derive(Clone, Copy)]
pub(super) enum Note {
    Plain,
    /// A regional quote above the central rate.
    Above,
    /// What one agreement saves.
    Saving,
}

/// The lines under the table: each region's required terms when the table
/// has no room for them, each region's own quote against the central rate
/// converted, then what one consolidated agreement saves against the
/// regions signing alone (when the price book has volume tiers).
pub(super) fn notes(m: &Model, grid: &Grid) -> Vec<(String, Note)> {
    let o = m.outcome();
    let mut out: Vec<(String, Note)> = Vec::new();
    if !grid.cols.iter().any(|&(i, _)| COLUMNS[i].flexible) {
        out.extend(
            m.scenario
                .regions
                .iter()
                .filter(|r| !r.requires.is_empty())
                .map(|r| {
                    let text = format!(
                        "{} requires {}",
                        sanitize(&r.name),
                        sanitize(&r.requires.join(", "))
                    );
                    (text, Note::Plain)
                }),
        );
    }
    out.extend(o.regional_quotes.iter().map(|q| {
        let name = m.scenario.region_name(&q.region);
        let side = if q.difference > Decimal::ZERO {
            "above"
        } else if q.difference < Decimal::ZERO {
            "below"
        } else {
            "equal to"
        };
        let text = format!(
            "{} quotes {} a seat-month: {} ({} %) {} the central rate converted ({})",
            sanitize(name),
            money(&q.currency, q.quoted),
            money(&q.currency, q.difference.abs()),
            two_places(q.difference_pct.abs()),
            side,
            money(&q.currency, q.central)
        );
        let kind = if q.difference > Decimal::ZERO {
            Note::Above
        } else {
            Note::Plain
        };
        (text, kind)
    }));
    out.extend(consolidation_note(m).map(|t| (t, Note::Saving)));
    out.extend(residency_note(m));
    out
}

/// What US data residency costs on the API side, when a region requires
/// it and the price book sells US-only inference on the routed models:
/// the workloads still run global and what moving them would add, or that
/// the API already runs US-only.
fn residency_note(m: &Model) -> Option<(String, Note)> {
    let s = &m.scenario;
    let regions = crate::engine::residency::requiring(s);
    if regions.is_empty() || s.workloads.is_empty() {
        return None;
    }
    let o = m.outcome();
    let us = crate::engine::residency::us_only(s, &o.offer.api, m.eval.horizon).ok()?;
    let names: Vec<String> = regions.iter().map(|r| sanitize(s.region_name(r))).collect();
    if !us.global.is_empty() {
        let text = format!(
            "US residency ({}): API workloads {} run global; US-only inference (inference_geo = \"us\") adds {} at list over {} months",
            names.join(", "),
            sanitize(&us.global.join(", ")),
            money(&s.deal.currency, us.extra),
            m.eval.horizon
        );
        return Some((text, Note::Above));
    }
    if us.cannot.is_empty() {
        let text = format!(
            "US residency ({}): every API workload runs US-only, at each model's US-only multiplier",
            names.join(", ")
        );
        return Some((text, Note::Plain));
    }
    None
}

/// What one consolidated agreement saves against the regions signing alone,
/// when the price book has volume tiers for the offer's tier.
fn consolidation_note(m: &Model) -> Option<String> {
    let o = m.outcome();
    let c = m
        .eval
        .consolidation
        .iter()
        .find(|c| c.tier == o.offer.tier)?;
    let cur = &m.scenario.deal.currency;
    Some(format!(
        "One agreement: {} seats at {} % off list ({}) saves {} a year against each region signing alone ({})",
        format_count(c.seats),
        plain(c.discount_pct),
        money(cur, c.price),
        money(cur, c.saving_per_year),
        money(cur, c.alone_per_year)
    ))
}

/// Lines the notes take at `width`, each wrapped at words.
pub(super) fn note_lines(notes: &[(String, Note)], width: u16) -> u16 {
    notes.iter().map(|(t, _)| wrapped_height(t, width)).sum()
}
