//! The price book in force, as a readable table or as JSON.
//!
//! The table shows the book's date and its age (list prices move several
//! times a year, so a negotiator checks it before a call), its sources, the
//! multipliers, the seat tiers and the API models with their cache prices,
//! marking each figure a scenario set (`*`), each cache price derived from
//! the multipliers, each illustrative seat price and each model imported
//! from LiteLLM. The JSON mirrors the TOML `[pricebook]` table key for key
//! (see docs/pricebook.md), with prices as exact decimal strings
//! (`pricebook/as_json.rs`).

use std::io::{self, Write};

use chrono::NaiveDate;
use rust_decimal::Decimal;

mod as_json;
mod columns;
mod extra;

pub use self::as_json::{derived_keys, json, write_json};
pub use self::extra::write_extra_text;

use self::columns::{cell, star, table};
use crate::diag::sanitize;
use crate::money::{pct, plain, round_cents};
use crate::pricebook::{PriceBook, Tier};
use crate::style::Style;

/// A book older than this many days is flagged for a refresh.
pub const STALE_AFTER_DAYS: i64 = 90;

/// Where the book in force comes from, for the heading.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The scenario file whose `[pricebook]` is applied, as the user named it.
    pub scenario: Option<String>,
    /// The deal's name and currency, when there is a scenario.
    pub deal: Option<(String, String)>,
    /// The LiteLLM file models were imported from (not yet written anywhere).
    pub litellm: Option<String>,
    /// Today, to tell the book's age; `None` leaves the age out.
    pub today: Option<NaiveDate>,
}

/// A price with at least two decimals and every further one it has:
/// `25` → `25.00`, `0.3` → `0.30`, `0.0375` → `0.0375`.
pub fn figure(d: Decimal) -> String {
    let mut d = d.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// Write the readable table.
pub fn write_text(
    out: &mut impl Write,
    book: &PriceBook,
    origin: &Origin,
    style: Style,
) -> io::Result<()> {
    date(out, book, origin, style)?;
    provenance(out, origin, style)?;
    sources(out, book, origin, style)?;
    writeln!(out)?;
    multipliers(out, book, style)?;
    writeln!(out)?;
    tiers(out, book, style)?;
    writeln!(out)?;
    models(out, book, style)?;
    writeln!(out)?;
    legend(out, book, style)
}

/// The book's date and how old it is today.
fn date(out: &mut impl Write, book: &PriceBook, origin: &Origin, style: Style) -> io::Result<()> {
    let date = book
        .as_of
        .map_or_else(|| "no date".to_string(), |d| d.to_string());
    writeln!(out, "{}", style.bold(&format!("Price book as of {date}")))?;
    if !book.edition.is_empty() {
        let newer = crate::pricebook::edition::newer_than(&book.edition)
            .map(|n| format!("; {n} is newer: `dealbench pricebook FILE --compare {n}` shows each offer on it"))
            .unwrap_or_default();
        writeln!(
            out,
            "  edition {} of the built-in book{newer}",
            book.edition
        )?;
    }
    if origin.scenario.is_some() && !book.is_overridden("as_of") {
        writeln!(
            out,
            "  the built-in book's date: the scenario's [pricebook] sets no `as_of` for its own figures"
        )?;
    }
    let (Some(as_of), Some(today)) = (book.as_of, origin.today) else {
        return Ok(());
    };
    let days = (today - as_of).num_days();
    let age = match days {
        d if d < 0 => "dated after today".to_string(),
        0 => "dated today".to_string(),
        1 => "1 day old".to_string(),
        d => format!("{d} days old"),
    };
    if days > STALE_AFTER_DAYS {
        let msg = format!(
            "{age}: list prices move several times a year — refresh them before a call (docs/pricebook.md)"
        );
        writeln!(out, "  {}", style.warn(&msg))
    } else {
        writeln!(out, "  {age}; check it against today's list before a call")
    }
}

/// Which scenario the book is in force for, in which currency, and what
/// was imported.
fn provenance(out: &mut impl Write, origin: &Origin, style: Style) -> io::Result<()> {
    match (&origin.scenario, &origin.deal) {
        (Some(file), Some((name, currency))) => {
            writeln!(
                out,
                "  In force for {} ('{}'): the built-in book with the scenario's [pricebook] on top",
                sanitize(file),
                sanitize(name)
            )?;
            let currency = sanitize(currency);
            writeln!(out, "  Amounts in {currency} (the deal currency)")?;
            if currency != "USD" {
                let msg = format!(
                    "built-in figures are USD list prices; in this {currency} deal they are read as {currency} unless the scenario sets them"
                );
                writeln!(out, "  {}", style.warn(&msg))?;
            }
        }
        _ => writeln!(out, "  The built-in book; amounts in USD")?,
    }
    if let Some(file) = &origin.litellm {
        writeln!(
            out,
            "  Models marked LiteLLM were imported from {} (not written to any file)",
            sanitize(file)
        )?;
    }
    Ok(())
}

fn sources(
    out: &mut impl Write,
    book: &PriceBook,
    origin: &Origin,
    style: Style,
) -> io::Result<()> {
    if book.sources.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let whose = if origin.scenario.is_some() && !book.is_overridden("sources") {
        " (of the built-in book)"
    } else {
        ""
    };
    writeln!(out, "{}{whose}", style.bold("Sources"))?;
    for s in &book.sources {
        writeln!(out, "  - {}", sanitize(s))?;
    }
    Ok(())
}

fn multipliers(out: &mut impl Write, book: &PriceBook, style: Style) -> io::Result<()> {
    writeln!(out, "{}", style.bold("Multipliers"))?;
    let mark = |key: &str| star(book.is_overridden(key));
    let row = |what: &str, figure: String, key: &str, meaning: &str| {
        vec![cell(what), (figure, mark(key)), cell(meaning)]
    };
    let rows = vec![
        row(
            "cache write",
            format!("{} × input", plain(book.cache_write_multiplier)),
            "cache_write_multiplier",
            "5-minute prompt-cache write",
        ),
        row(
            "cache read",
            format!("{} × input", plain(book.cache_read_multiplier)),
            "cache_read_multiplier",
            "prompt-cache hit",
        ),
        row(
            "batch discount",
            format!("{} %", plain(book.batch_discount_pct)),
            "batch_discount_pct",
            "Message Batches API",
        ),
    ];
    table(out, &[], &rows, &[false, false, false])
}

fn tiers(out: &mut impl Write, book: &PriceBook, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}",
        style.bold("Seat tiers"),
        style.dim("per seat-month, annual billing")
    )?;
    let mut rows = Vec::new();
    for (id, t) in &book.tiers {
        let mark = |k: &str| star(book.is_overridden(&format!("tier.{id}.{k}")));
        let illustrative = if t.illustrative { " †" } else { "" };
        let price = (
            figure(t.seat_price),
            format!("{}{illustrative}", mark("seat_price")),
        );
        let volume = t
            .volume
            .iter()
            .map(|v| format!("{} % off at {}+", plain(v.discount_pct), v.min_seats))
            .collect::<Vec<_>>()
            .join(", ");
        rows.push(vec![
            cell(&sanitize(id)),
            cell(&sanitize(t.name.as_deref().unwrap_or(""))),
            price,
            (
                format!("{} %", plain(t.monthly_premium_pct)),
                mark("monthly_premium_pct"),
            ),
            cell(&monthly_price(t)),
            (t.min_seats.to_string(), mark("min_seats")),
            (volume, mark("volume")),
        ]);
    }
    let headers = [
        "tier",
        "name",
        "seat price",
        "monthly premium",
        "monthly billing",
        "min seats",
        "volume",
    ];
    let right = [false, false, true, true, true, true, false];
    // The volume column only when some tier has volume steps.
    let columns = if book.tiers.iter().any(|(_, t)| !t.volume.is_empty()) {
        7
    } else {
        6
    };
    table(out, &headers[..columns], &rows, &right[..columns])
}

/// The seat-month price under month-to-month billing (SPEC.md §3).
fn monthly_price(t: &Tier) -> String {
    (Decimal::ONE + pct(t.monthly_premium_pct))
        .checked_mul(t.seat_price)
        .map_or_else(|| "—".to_string(), |p| figure(round_cents(p)))
}

fn models(out: &mut impl Write, book: &PriceBook, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}",
        style.bold("API models"),
        style.dim("per million tokens")
    )?;
    let builtin = PriceBook::edition(&book.edition).unwrap_or_else(PriceBook::builtin);
    let mut rows = Vec::new();
    for (id, m) in &book.models {
        let mark = |k: &str| star(book.is_overridden(&format!("model.{id}.{k}")));
        let cache = |explicit: Option<Decimal>, in_force: Decimal, k: &str| match explicit {
            Some(_) => (figure(in_force), mark(k)),
            None => (figure(in_force), " derived".to_string()),
        };
        let source = match &m.litellm {
            Some(name) => format!("LiteLLM '{}'", sanitize(name)),
            None if builtin.model(id).is_some() => "built-in".to_string(),
            None => "scenario".to_string(),
        };
        rows.push(vec![
            cell(&sanitize(id)),
            cell(&sanitize(&match book.family_version(id) {
                Some(v) => format!("{} (= {v})", m.name.as_deref().unwrap_or("")),
                None => m.name.clone().unwrap_or_default(),
            })),
            (figure(m.input), mark("input")),
            (figure(m.output), mark("output")),
            cache(m.cache_write, book.cache_write(m), "cache_write"),
            cache(m.cache_read, book.cache_read(m), "cache_read"),
            cell(&source),
        ]);
    }
    table(
        out,
        &[
            "model",
            "name",
            "input",
            "output",
            "cache write",
            "cache read",
            "source",
        ],
        &rows,
        &[false, false, true, true, true, true, false],
    )
}

fn legend(out: &mut impl Write, book: &PriceBook, style: Style) -> io::Result<()> {
    if !book.overridden.is_empty() {
        writeln!(out, "{}", style.dim("* set by the scenario's [pricebook]"))?;
    }
    if book.tiers.iter().any(|(_, t)| t.illustrative) {
        writeln!(
            out,
            "{}",
            style.dim("† illustrative: the seat price is not published; negotiate from a quote")
        )?;
    }
    if !derived_keys(book).is_empty() {
        writeln!(
            out,
            "{}",
            style.dim(
                "derived: input × the cache multiplier above (the model sets no price of its own)"
            )
        )?;
    }
    Ok(())
}
