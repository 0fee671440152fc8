//! Writers over engine output. Each takes `impl std::io::Write` so reports
//! are tested into a `Vec<u8>`.
//!
//! * [`json`] — the SPEC.md §4 JSON report (plus extra fields).
//! * [`pricebook`] — the price book in force, as a table or JSON.
//! * [`text`] — the readable side-by-side report for a terminal or a pipe.
//! * [`style`] — colour only on a terminal and never under NO_COLOR.

pub mod json;
pub mod pricebook;
pub mod style;
pub mod text;
