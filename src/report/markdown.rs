//! The negotiation brief (`dealbench export --format md`): what a negotiator
//! pastes into an email or a wiki before a call.
//!
//! In order: the deal; the one number to walk in with (the working
//! population and the usage-sized commit); the seat funnel; each region
//! signing alone against one agreement, when the price book has volume
//! tiers ([`regions`]); the offers side by side with savings; the reference
//! offer's break-even seat price against each counter-offer; what drove
//! each difference; the stress table; with `[uncertainty]` the risk
//! figures ([`risk`]); missing terms; warnings; talking
//! points derived from those figures ([`points`]); and the negotiation log
//! ([`log`]). Every text that comes from the scenario file is escaped for
//! Markdown and stripped of control characters ([`md`]).

mod log;
pub mod points;
mod regions;
mod risk;
mod sections;

use std::io::{self, Write};

use rust_decimal::Decimal;

use super::break_even::{BreakEven, break_evens};
use super::power::Power;
use crate::diag::sanitize;
use crate::engine::Evaluation;
use crate::money::{Overflow, format_money};
use crate::scenario::Scenario;

/// Everything the brief shows, computed once.
pub struct Brief<'a> {
    pub s: &'a Scenario,
    pub ev: &'a Evaluation,
    /// Drivers against the reference and stress.
    pub power: Result<Power, Overflow>,
    /// The reference's break-even seat price against each other offer.
    pub break_evens: Vec<BreakEven>,
}

impl<'a> Brief<'a> {
    pub fn of(s: &'a Scenario, ev: &'a Evaluation) -> Brief<'a> {
        Brief {
            s,
            ev,
            power: Power::of(s, ev),
            break_evens: break_evens(s, ev),
        }
    }

    /// The deal currency's sign or code before an amount.
    pub fn cash(&self, d: Decimal) -> String {
        cash(&self.s.deal.currency, d)
    }

    /// The reference offer's name.
    pub fn reference_name(&self) -> &str {
        self.ev
            .outcomes
            .get(self.ev.reference)
            .map_or("", |o| o.offer.name.as_str())
    }
}

/// An amount with its currency: `$1,234.00`, `€58.00`, `CHF 1,234.00`.
pub fn cash(currency: &str, d: Decimal) -> String {
    let sign = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        _ => "",
    };
    let m = format_money(d);
    let (neg, digits) = match m.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", m),
    };
    if sign.is_empty() {
        format!("{neg}{currency} {digits}")
    } else {
        format!("{neg}{sign}{digits}")
    }
}

/// Text from the scenario made safe for Markdown: line breaks become spaces,
/// control characters are replaced, and characters Markdown would read as
/// formatting, links, HTML or table cell borders are backslash-escaped.
pub fn md(text: &str) -> String {
    let flat = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(flat.len());
    for c in sanitize(&flat).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown table: the first `left` columns (labels, descriptions)
/// left-aligned, the figures after them right-aligned.
fn table(
    out: &mut impl Write,
    head: &[String],
    left: usize,
    rows: &[Vec<String>],
) -> io::Result<()> {
    writeln!(out, "| {} |", head.join(" | "))?;
    let align: Vec<&str> = (0..head.len())
        .map(|i| if i < left { "---" } else { "---:" })
        .collect();
    writeln!(out, "|{}|", align.join("|"))?;
    for r in rows {
        writeln!(out, "| {} |", r.join(" | "))?;
    }
    writeln!(out)
}

/// Write the brief.
pub fn write(out: &mut impl Write, s: &Scenario, ev: &Evaluation) -> io::Result<()> {
    let b = Brief::of(s, ev);
    sections::deal(out, &b)?;
    sections::walk_in_number(out, &b)?;
    sections::funnel(out, &b)?;
    regions::consolidation(out, &b)?;
    sections::offers(out, &b)?;
    sections::break_even(out, &b)?;
    sections::drivers(out, &b)?;
    sections::stress(out, &b)?;
    risk::risk(out, &b)?;
    sections::terms_and_warnings(out, &b)?;
    let points = points::talking_points(&b);
    if !points.is_empty() {
        writeln!(out, "## Talking points\n")?;
        for p in points {
            writeln!(out, "- {}", md(&p))?;
        }
        writeln!(out)?;
    }
    log::negotiation_log(out, &b)
}
