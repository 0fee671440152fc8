//! Rows an export holds that the funnel cannot use: counted by reason, the
//! first few kept with their line numbers to show on stderr.
//!
//! A row is skipped when its user is missing, its date cannot be read or
//! falls after the as-of date, or (in the exports of [`super::sources`]) a
//! field it needs cannot be read. Skipped rows alone never fail a run; with
//! `--strict` any of them does. In a JSON export a row is a record,
//! numbered from 1 in the file's order.

use super::rows::Row;

/// Skipped rows shown on stderr; the rest are only counted.
pub const SHOWN_SKIPPED: usize = 5;

/// Why a row was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    MissingUser,
    BadDate,
    AfterAsOf,
    /// A field the source needs is not what it should be: what was expected.
    Unreadable(&'static str),
}

/// A row left out, for the notes on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The 1-based physical lines the row starts and ends on (different
    /// when a quoted field holds a line break).
    pub line: u64,
    pub last_line: u64,
    pub reason: SkipReason,
    /// The offending cell (the date; empty for a missing user).
    pub found: String,
}

/// Rows left out, by reason, with the first few of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    pub missing_user: u64,
    pub bad_date: u64,
    pub after_as_of: u64,
    pub unreadable: u64,
    /// Rows are JSON records (numbered from 1), not CSV lines.
    pub records: bool,
    /// The first [`SHOWN_SKIPPED`] rows left out.
    pub first: Vec<SkippedRow>,
}

impl Skipped {
    /// All rows left out.
    pub fn total(&self) -> u64 {
        self.missing_user + self.bad_date + self.after_as_of + self.unreadable
    }

    /// Count `row` as skipped for `reason`; `found` is the cell at fault.
    pub fn note(&mut self, row: &Row, reason: SkipReason, found: &[u8]) {
        self.note_at(row.line(), row.last_line(), reason, found);
    }

    /// Count the row on lines `line` … `last_line` (or the record `line`)
    /// as skipped for `reason`.
    pub fn note_at(&mut self, line: u64, last_line: u64, reason: SkipReason, found: &[u8]) {
        match reason {
            SkipReason::MissingUser => self.missing_user += 1,
            SkipReason::BadDate => self.bad_date += 1,
            SkipReason::AfterAsOf => self.after_as_of += 1,
            SkipReason::Unreadable(_) => self.unreadable += 1,
        }
        if self.first.len() < SHOWN_SKIPPED {
            let found: String = String::from_utf8_lossy(found).chars().take(60).collect();
            self.first.push(SkippedRow {
                line,
                last_line,
                reason,
                found,
            });
        }
    }
}
