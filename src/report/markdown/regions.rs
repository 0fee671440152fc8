//! The brief's regions part beyond the funnel: when the price book carries
//! volume tiers (SPEC.md §6), what each region would pay a year signing
//! alone against its share of one consolidated agreement, one table per
//! tier the offers use. The figures are the engine's
//! ([`crate::engine::regional::consolidation`]); nothing is written without
//! volume tiers.

use std::io::{self, Write};

use super::{Brief, md, table};
use crate::engine::regional::Consolidation;
use crate::money::{format_count, plain, two_places};

pub(super) fn consolidation(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    if b.ev.consolidation.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Regions: alone or in one agreement\n")?;
    for c in &b.ev.consolidation {
        one_tier(out, b, c)?;
    }
    Ok(())
}

fn one_tier(out: &mut impl Write, b: &Brief<'_>, c: &Consolidation) -> io::Result<()> {
    writeln!(
        out,
        "On the {} tier (list {} a seat-month), one agreement of **{} seats** reaches **{} %** off list, {} a seat-month for every region, and saves **{} a year** against the regions signing alone. A region's seats: its peak planned demand over the horizon plus the {} % buffer, rounded up; a year is twelve months at the volume price.\n",
        md(&c.tier),
        b.cash(c.list_price),
        format_count(c.seats),
        two_places(c.discount_pct),
        b.cash(c.price),
        b.cash(c.saving_per_year),
        plain(b.s.deal.buffer_pct)
    )?;
    let head = [
        "Region",
        "Seats",
        "Alone: discount",
        "Alone: price",
        "Alone: a year",
        "Together: price",
        "Together: a year",
        "Saving a year",
    ]
    .map(String::from)
    .to_vec();
    table(out, &head, 1, &rows(b, c))
}

/// One row per region, then the total.
fn rows(b: &Brief<'_>, c: &Consolidation) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| {
            vec![
                md(b.s.region_name(&r.region)),
                format_count(r.seats),
                format!("{} %", two_places(r.alone_discount_pct)),
                b.cash(r.alone_price),
                b.cash(r.alone_per_year),
                b.cash(c.price),
                b.cash(r.consolidated_per_year),
                b.cash(r.saving_per_year),
            ]
        })
        .collect();
    rows.push(vec![
        "**Total**".into(),
        format!("**{}**", format_count(c.seats)),
        String::new(),
        String::new(),
        format!("**{}**", b.cash(c.alone_per_year)),
        b.cash(c.price),
        format!("**{}**", b.cash(c.consolidated_per_year)),
        format!("**{}**", b.cash(c.saving_per_year)),
    ]);
    rows
}
