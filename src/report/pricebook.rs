//! The price book in force, as a readable table or as JSON.
//!
//! The table shows the book's date and its age (list prices move several
//! times a year, so a negotiator checks it before a call), its sources, the
//! multipliers, the seat tiers and the API models with their cache prices,
//! marking each figure a scenario set (`*`), each cache price derived from
//! the multipliers, each illustrative seat price and each model imported
//! from LiteLLM. The JSON mirrors the TOML `[pricebook]` table key for key
//! (see docs/pricebook.md), with prices as exact decimal strings.

use std::io::{self, Write};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

mod columns;
mod extra;

pub use self::extra::write_extra_text;

use self::columns::{cell, star, table};
use crate::diag::sanitize;
use crate::money::{pct, plain, round_cents};
use crate::pricebook::{Model, PriceBook, Prices, Tier};
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

/// The book as JSON: the TOML table's keys, prices and percentages as exact
/// decimal strings, seat counts as numbers; every model's `cache_write` and
/// `cache_read` are the prices in force, and `derived` lists those computed
/// from the multipliers; `overridden` lists the figures the scenario set.
pub fn json(book: &PriceBook) -> Value {
    let tiers: Map<String, Value> = book
        .tiers
        .iter()
        .map(|(id, t)| (id.clone(), tier_json(t)))
        .collect();
    let models: Map<String, Value> = book
        .models
        .iter()
        .map(|(id, m)| (id.clone(), model_json(book, m)))
        .collect();
    let families: Map<String, Value> = book
        .families
        .iter()
        .map(|(f, v)| (f.clone(), Value::from(v.as_str())))
        .collect();
    json!({
        "edition": book.edition,
        "newer_edition": crate::pricebook::edition::newer_than(&book.edition),
        "family": families,
        "as_of": book.as_of.map(|d| d.to_string()),
        "sources": book.sources,
        "cache_write_multiplier": plain(book.cache_write_multiplier),
        "cache_read_multiplier": plain(book.cache_read_multiplier),
        "cache_write_1h_multiplier": plain(book.cache_write_1h_multiplier),
        "batch_discount_pct": plain(book.batch_discount_pct),
        "tier": tiers,
        "model": models,
        "derived": derived_json_keys(book),
        "overridden": book.overridden.iter().collect::<Vec<_>>(),
    })
}

fn tier_json(t: &Tier) -> Value {
    json!({
        "name": t.name,
        "seat_price": plain(t.seat_price),
        "monthly_premium_pct": plain(t.monthly_premium_pct),
        "min_seats": t.min_seats,
        "illustrative": t.illustrative,
        "volume": t.volume.iter().map(|v| json!({
            "min_seats": v.min_seats,
            "discount_pct": plain(v.discount_pct),
        })).collect::<Vec<_>>(),
    })
}

fn model_json(book: &PriceBook, m: &Model) -> Value {
    json!({
        "name": m.name,
        "input": plain(m.input),
        "output": plain(m.output),
        "cache_write": plain(book.cache_write(m)),
        "cache_read": plain(book.cache_read(m)),
        "cache_write_1h": plain(book.cache_write_1h(m)),
        "long_context": prices_json(&book.long_context_prices(m)),
        "batch": book.batch_prices(m, &book.ordinary_prices(m), true).map(|p| prices_json(&p)),
        "inference_geo_us": m.inference_geo_us.map(plain),
        "litellm": m.litellm,
    })
}

/// The long-context prices in force (SPEC.md §8), each figure a string.
fn prices_json(p: &Prices) -> Value {
    json!({
        "input": plain(p.input),
        "output": plain(p.output),
        "cache_write": plain(p.cache_write),
        "cache_write_1h": plain(p.cache_write_1h),
        "cache_read": plain(p.cache_read),
    })
}

/// [`derived_keys`] and the one-hour cache write prices computed from
/// their multiplier (§8), for the JSON.
fn derived_json_keys(book: &PriceBook) -> Vec<String> {
    let mut out = derived_keys(book);
    for (id, m) in &book.models {
        if m.cache_write_1h.is_none() {
            out.push(format!("model.{id}.cache_write_1h"));
        }
    }
    out
}

/// Dotted keys of the cache prices computed from the multipliers.
pub fn derived_keys(book: &PriceBook) -> Vec<String> {
    let mut out = Vec::new();
    for (id, m) in &book.models {
        if m.cache_write.is_none() {
            out.push(format!("model.{id}.cache_write"));
        }
        if m.cache_read.is_none() {
            out.push(format!("model.{id}.cache_read"));
        }
    }
    out
}

/// Write the JSON, pretty-printed, with a final newline.
pub fn write_json(out: &mut impl Write, book: &PriceBook) -> io::Result<()> {
    crate::report::json::write_value(out, &json(book))
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
