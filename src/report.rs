//! Writers over engine output. Each takes `impl std::io::Write` so reports
//! are tested into a `Vec<u8>`; colour comes from [`crate::style`].
//!
//! * [`json`] — the SPEC.md §4 JSON report (plus drivers and stress).
//! * [`power`] — drivers and stress computed once for every writer.
//! * [`export`] — the JSON export: report, schedules, break-even prices.
//! * [`schedule`] — each offer's months, as every export lists them.
//! * [`break_even`] — the reference's break-even seat price against each offer.
//! * [`markdown`] — the negotiation brief to paste into an email or a wiki.
//! * [`csv`] — one row per offer and month, safe to open in a spreadsheet.
//! * [`xlsx`] — an Excel workbook: Compare side by side, a schedule per offer.
//! * [`pricebook`] — the price book in force, as a table or JSON.
//! * [`text`] — the readable side-by-side report for a terminal or a pipe.

pub mod break_even;
pub mod csv;
pub mod export;
pub mod json;
pub mod markdown;
pub mod power;
pub mod pricebook;
pub mod schedule;
pub mod text;
pub mod xlsx;
