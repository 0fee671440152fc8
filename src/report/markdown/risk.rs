//! The brief's risk section (§7): each offer's spread of totals over the
//! draws and the chances of paying for unused commit or true-ups.

use std::io::{self, Write};

use super::sections::offer_head;
use super::{Brief, md, table};
use crate::money::two_places;
use crate::report::power::{risk_heading, risk_rows};

/// The section, when the file has `[uncertainty]`.
pub(super) fn risk(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    let (Ok(power), Some(heading)) = (&b.power, risk_heading(b.s)) else {
        return Ok(());
    };
    let Some(risks) = &power.risk else {
        return Ok(());
    };
    writeln!(out, "## Risk\n")?;
    writeln!(
        out,
        "{}. P10, P50 and P90 are the totals that 10 %, half and 90 % of the draws stay at or below (docs/risk.md).\n",
        md(&heading)
    )?;
    let rows: Vec<Vec<String>> = risk_rows(risks)
        .into_iter()
        .map(|r| {
            let mut row = vec![r.label.to_string()];
            row.extend(r.cells.iter().map(|c| match c {
                None => "–".into(),
                Some(v) if r.money => b.cash(*v),
                Some(v) => format!("{} %", two_places(*v)),
            }));
            row
        })
        .collect();
    table(out, &offer_head(b, ""), 1, &rows)
}
