//! Activity exports → the seat funnel (SPEC.md §5): how many seat holders
//! are daily, weekly, monthly active or dormant, from the buyer's own data.
//!
//! The pipeline, one file per concern:
//!
//! * [`columns`] — which column is the user, the region, the date; event
//!   log or per-user last-activity export, told apart by the header.
//! * [`dates`] — dates and RFC 3339 timestamps to calendar days in a zone.
//! * [`input`] — gzip, zstd and Parquet exports read as CSV bytes.
//! * [`rows`] — CSV rows with the physical line each starts on.
//! * [`read`] — streaming the CSV files (roster, then log) row by row into
//!   an [`activity::Activity`], parsing and counting in two threads.
//! * [`skipped`] — rows the funnel cannot use, counted and shown.
//! * [`activity`] — one small record per user: memory grows with users,
//!   not rows.
//! * [`regions`] — region names, one region whatever the case.
//! * [`funnel`] — the pure classification on the as-of date.
//! * [`output`] — the table and the §5 JSON.
//! * [`sources`] — the exports buyers really have (`--source`): Okta,
//!   Entra and Google sign-in logs, the Claude audit log, Claude Code
//!   Analytics pages, the members export, and a List Users roster, each
//!   filtered to the records that count and fed to the same
//!   [`activity::Activity`].
//! * [`sql`] — the same funnel as one SQL query for a warehouse
//!   (DuckDB, PostgreSQL, BigQuery, Snowflake, Spark), and
//!   [`from_funnel`] — its result (or the §5 JSON) read back, checked.
//! * [`to_scenario`] — writing the figures into a scenario's regions in
//!   place, keeping its comments.
//! * [`cli`] — `dealbench usage`: arguments, notes, exit statuses.
//!
//! To accept another export layout, add its header names to [`columns`]
//! (or, for an export with its own vocabulary, a source to [`sources`]);
//! to add a figure, count it in [`funnel::Counts`] and print it in
//! [`output`].

pub mod activity;
pub mod cli;
pub mod columns;
pub mod dates;
pub mod from_funnel;
pub mod funnel;
pub mod input;
pub mod output;
pub mod read;
pub mod regions;
pub mod rows;
pub mod skipped;
pub mod sources;
pub mod sql;
pub mod to_scenario;

use crate::diag::Diagnostic;

/// Why an export could not be read; every case is bad input (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    /// The file could not be opened or read.
    #[error("error: cannot read '{file}': {reason}")]
    Io { file: String, reason: String },
    /// The file was read but its content is at fault.
    #[error("{0}")]
    Invalid(Diagnostic),
}
