//! Writers over engine output. Each takes `impl std::io::Write` so reports
//! are tested into a `Vec<u8>`.
//!
//! * [`json`] — the SPEC.md §4 JSON report (plus drivers and stress).
//! * [`power`] — drivers and stress computed once for every writer.
//! * [`export`] — the JSON export: report, schedules, break-even prices.
//! * [`markdown`] — the negotiation brief to paste into an email or a wiki.
//! * [`csv`] — one row per offer and month, safe to open in a spreadsheet.
//! * [`xlsx`] — an Excel workbook: Compare side by side, a schedule per offer.
//! * [`pricebook`] — the price book in force, as a table or JSON.
//! * [`text`] — the readable side-by-side report for a terminal or a pipe.
//! * [`style`] — colour only on a terminal and never under NO_COLOR.

pub mod csv;
pub mod export;
pub mod json;
pub mod markdown;
pub mod power;
pub mod pricebook;
pub mod style;
pub mod text;
pub mod xlsx;
