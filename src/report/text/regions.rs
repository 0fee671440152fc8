//! The report's consolidation table: when the price book carries volume
//! tiers (SPEC.md §6), what each region would pay a year signing alone
//! against its share of one consolidated agreement, one table per tier the
//! offers use. The figures are the engine's
//! ([`crate::engine::regional::consolidation`]); nothing is written without
//! volume tiers.

use std::io::{self, Write};

use super::write_grid;
use crate::diag::sanitize;
use crate::engine::Evaluation;
use crate::engine::regional::Consolidation;
use crate::money::{format_count, format_money, plain, two_places};
use crate::scenario::Scenario;
use crate::style::Style;

/// Every tier's table, each followed by a blank line.
pub(super) fn write(
    out: &mut impl Write,
    s: &Scenario,
    ev: &Evaluation,
    style: Style,
) -> io::Result<()> {
    for c in &ev.consolidation {
        write_one(out, s, c, style)?;
        writeln!(out)?;
    }
    Ok(())
}

fn write_one(
    out: &mut impl Write,
    s: &Scenario,
    c: &Consolidation,
    style: Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Regions signing alone against one agreement ({} tier, list {} a seat-month; a year)",
            sanitize(&c.tier),
            format_money(c.list_price)
        ))
    )?;
    write_grid(out, &lines(s, c), style)?;
    writeln!(
        out,
        "Together {} seats reach {} % off list: {} a seat-month for every region.",
        format_count(c.seats),
        two_places(c.discount_pct),
        format_money(c.price)
    )?;
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "Seats per region: its peak planned demand over the horizon + {} % buffer, rounded up.",
            plain(s.deal.buffer_pct)
        ))
    )
}

/// The table: a header, one line per region and the total.
fn lines(s: &Scenario, c: &Consolidation) -> Vec<Vec<String>> {
    let head = [
        "Region",
        "Seats",
        "Alone off",
        "Alone price",
        "Alone a year",
        "Together a year",
        "Saving a year",
    ];
    let mut lines: Vec<Vec<String>> = vec![head.map(String::from).to_vec()];
    for r in &c.rows {
        lines.push(vec![
            sanitize(s.region_name(&r.region)),
            format_count(r.seats),
            format!("{} %", two_places(r.alone_discount_pct)),
            format_money(r.alone_price),
            format_money(r.alone_per_year),
            format_money(r.consolidated_per_year),
            format_money(r.saving_per_year),
        ]);
    }
    lines.push(vec![
        "Total".into(),
        format_count(c.seats),
        String::new(),
        String::new(),
        format_money(c.alone_per_year),
        format_money(c.consolidated_per_year),
        format_money(c.saving_per_year),
    ]);
    lines
}
