//! The brief's negotiation log (SPEC.md §6 `[[log]]`): every entry oldest
//! first ([`crate::scenario::Scenario::log_oldest_first`]), its time as written
//! in the file, who spoke and what was said. Each string goes through
//! [`md`]: control characters and escape sequences replaced, line breaks
//! flattened, Markdown's formatting and table characters escaped, so a line
//! typed on a call cannot break the table or drive a terminal.

use std::io::{self, Write};

use super::{Brief, md, table};

pub(super) fn negotiation_log(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    let entries = b.s.log_oldest_first();
    if entries.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Negotiation log\n")?;
    writeln!(
        out,
        "Oldest first; times as written in the file (`Z` is UTC).\n"
    )?;
    let head = ["Time", "Who", "What was said"].map(String::from).to_vec();
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| vec![md(&e.at), md(&e.who), md(&e.text)])
        .collect();
    table(out, &head, 3, &rows)
}
