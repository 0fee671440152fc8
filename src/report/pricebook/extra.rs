//! The SPEC.md §8 prices of the book as a table: each model's one-hour
//! cache write and its prices in the 200k–1M context window, in force
//! (own, derived from the multipliers, or the ordinary price when the model
//! has no long-context prices). `dealbench pricebook` prints it after the
//! main table.

use std::io::{self, Write};

use super::columns::{Cell, cell, star, table};
use super::figure;
use crate::diag::sanitize;
use crate::money::plain;
use crate::pricebook::PriceBook;
use crate::style::Style;

/// Write the one-hour cache and long-context section.
pub fn write_extra_text(out: &mut impl Write, book: &PriceBook, style: Style) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{}  {}",
        style.bold("One-hour cache and long context"),
        style.dim("per million tokens (SPEC.md §8)")
    )?;
    writeln!(
        out,
        "  one-hour cache write   {} × input{}",
        plain(book.cache_write_1h_multiplier),
        star(book.is_overridden("cache_write_1h_multiplier"))
    )?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (id, m) in &book.models {
        let mark = |k: &str| star(book.is_overridden(&format!("model.{id}.{k}")));
        let one_hour = match m.cache_write_1h {
            Some(_) => (figure(book.cache_write_1h(m)), mark("cache_write_1h")),
            None => (figure(book.cache_write_1h(m)), " derived".to_string()),
        };
        let mut row = vec![cell(&sanitize(id)), one_hour];
        match &m.long_context {
            Some(_) => {
                let p = book.long_context_prices(m);
                for (v, k) in [
                    (p.input, "input"),
                    (p.output, "output"),
                    (p.cache_write, "cache_write"),
                    (p.cache_write_1h, "cache_write_1h"),
                    (p.cache_read, "cache_read"),
                ] {
                    row.push((figure(v), mark(&format!("long_context.{k}"))));
                }
            }
            None => row.extend((0..5).map(|_| cell("—"))),
        }
        rows.push(row);
    }
    table(
        out,
        &[
            "model",
            "1h write",
            "long: input",
            "output",
            "cache write",
            "1h write",
            "cache read",
        ],
        &rows,
        &[false, true, true, true, true, true, true],
    )?;
    writeln!(
        out,
        "{}",
        style.dim("long: requests in the 200k–1M context window; a cache price not set is the long-context input × its multiplier")
    )?;
    if book.models.iter().any(|(_, m)| m.long_context.is_none()) {
        writeln!(
            out,
            "{}",
            style.dim("—: no long-context prices; the model's ordinary prices apply")
        )?;
    }
    Ok(())
}
