//! dealbench: a buyer's workbench for Claude Enterprise seat and Claude API
//! negotiations.
//!
//! * [`scenario`] — the file model: read, validate, resolve (`based_on`).
//! * [`pricebook`] — the built-in price book, scenario overrides, LiteLLM
//!   imports and editions; pure (no file access, no printing).
//! * [`reader`] — a typed TOML reader keeping every value's place in the file.
//! * [`engine`] — pure, exact, month-by-month pricing of every offer.
//! * [`report`] — text, JSON, Markdown and CSV writers over engine output.
//! * [`cli`] — the seek, export and pricebook commands' options and glue.
//! * [`money`] — exact decimals, rounding and formatting.
//! * [`diag`] — file/line/column diagnostics and terminal-safe text.
//! * [`line_ends`] — a user's file keeps its line ends through every edit.
//! * [`style`] — terminal colour: only on a terminal, never under NO_COLOR.
//! * [`store`] — atomic saves with a `.bak`, recovery files, changed-on-disk checks.
//! * [`tui`] — the workbench: panels, levers, keymap, update, views.
//! * [`usage`] — activity exports → the measured seat funnel (SPEC.md §5).
//! * [`apiusage`] — Anthropic's Messages Usage Report → API workloads (SPEC.md §8).

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod apiusage;
pub mod cli;
pub mod diag;
pub mod engine;
pub mod line_ends;
pub mod money;
pub mod pricebook;
pub mod reader;
pub mod report;
pub mod scenario;
pub mod store;
pub mod style;
pub mod tui;
pub mod usage;
