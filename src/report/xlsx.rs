//! `dealbench export --format xlsx`: an Excel workbook to hand to finance.
//!
//! * a **Compare** sheet: the offers side by side as the workbench's Compare
//!   view shows them — rows are the levers and the outcomes of SPEC.md §4,
//!   columns the offers, the reference offer named ([`compare`]);
//! * one **schedule sheet per offer**, month by month, with the offer's full
//!   name in cell A1 ([`schedule`]).
//!
//! Every figure is read from the engine's [`Evaluation`] and the exports'
//! shared [`schedule`](super::schedule::schedule), never recomputed. Numbers
//! are real cells: money rounded to the cent as a `Decimal` and only then
//! turned into a floating-point cell, in a currency format of the deal
//! currency; percentages as numbers with two decimals (`12.50` means
//! 12.5 %); seats and months as whole numbers. Text from the scenario file
//! goes through the CSV writer's [`neutralise`] (no formula, no terminal
//! control) and is cut at Excel's cell limit.
//!
//! Sheet names follow Excel's rules ([`sheet_names`]). To add a row to
//! Compare, add it to a table in [`compare`]; to add a schedule column, to
//! `COLUMNS` and `cells` in [`schedule`].

mod compare;
mod schedule;

use std::io::{self, Write};

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, ExcelDateTime, Format, FormatAlign, RowNum, Workbook, Worksheet, XlsxError,
};

use super::csv::neutralise;
use crate::engine::Evaluation;
use crate::money::{plain, round_cents};
use crate::scenario::Scenario;

/// The name of the side-by-side sheet.
pub const COMPARE_SHEET: &str = "Compare";

/// Excel's limit on a sheet name, in UTF-16 units.
const MAX_SHEET_NAME: usize = 31;

/// Excel's limit on the text of one cell, in UTF-16 units.
const MAX_CELL_TEXT: usize = 32_767;

/// Write the workbook.
pub fn write(out: &mut impl Write, s: &Scenario, ev: &Evaluation) -> io::Result<()> {
    let bytes = workbook(s, ev).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// The workbook as the bytes of an `.xlsx` file.
pub fn workbook(s: &Scenario, ev: &Evaluation) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new(&s.deal.currency);
    let names: Vec<&str> = ev.outcomes.iter().map(|o| o.offer.name.as_str()).collect();
    let sheets = sheet_names(&names);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(COMPARE_SHEET)?;
    compare::write(ws, s, ev, &sheets, &f)?;
    for (o, name) in ev.outcomes.iter().zip(&sheets) {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        schedule::write(ws, s, o, &f)?;
    }
    wb.save_to_buffer()
}

/// The number format of money in `currency`: `"$"#,##0.00` for US dollars,
/// the ISO code after the amount otherwise (`#,##0.00 "EUR"`).
pub fn money_format(currency: &str) -> String {
    let code: String = currency
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    match code.as_str() {
        "USD" => "\"$\"#,##0.00".to_string(),
        _ => format!("#,##0.00 \"{code}\""),
    }
}

/// The cell formats of one workbook.
struct Formats {
    money: Format,
    pct: Format,
    count: Format,
    month: Format,
    bold: Format,
    heading: Format,
    /// A column header over narrow figures: bold, wrapped.
    header: Format,
    /// A row label, level with the first line of a wrapped text.
    label: Format,
    wrap: Format,
}

impl Formats {
    fn new(currency: &str) -> Formats {
        Formats {
            money: Format::new().set_num_format(money_format(currency)),
            pct: Format::new().set_num_format("0.00"),
            count: Format::new().set_num_format("#,##0"),
            month: Format::new().set_num_format("yyyy-mm"),
            bold: Format::new().set_bold(),
            heading: Format::new().set_bold().set_background_color("#DDEBF7"),
            header: Format::new()
                .set_bold()
                .set_background_color("#DDEBF7")
                .set_text_wrap(),
            label: Format::new().set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// One cell's content, converted to an Excel value only when written.
#[derive(Clone)]
enum Cell {
    /// Already made safe by [`Cell::text`].
    Text(String),
    Money(Decimal),
    Pct(Decimal),
    Count(u64),
    Date(ExcelDateTime),
    Blank,
}

impl Cell {
    /// Text from the scenario file (or built from it), made safe.
    fn text(raw: &str) -> Cell {
        Cell::Text(safe_text(raw))
    }
}

/// Text neutralised as the CSV writer does it and cut to fit one cell.
fn safe_text(raw: &str) -> String {
    let safe = neutralise(raw);
    if safe.encode_utf16().count() <= MAX_CELL_TEXT {
        return safe;
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for c in safe.chars() {
        used += c.len_utf16();
        if used > MAX_CELL_TEXT {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A decimal as the nearest floating-point number, through its exact text
/// (never through binary arithmetic).
fn number(d: Decimal) -> Result<f64, XlsxError> {
    plain(d)
        .parse::<f64>()
        .map_err(|e| XlsxError::ParameterError(format!("'{d}' is not a number: {e}")))
}

/// Write `cell` at (`row`, `col`).
fn put(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(t) => ws.write_string(row, col, t)?,
        Cell::Money(d) => {
            ws.write_number_with_format(row, col, number(round_cents(*d))?, &f.money)?
        }
        Cell::Pct(d) => ws.write_number_with_format(row, col, number(*d)?, &f.pct)?,
        Cell::Count(n) => ws.write_number_with_format(row, col, *n as f64, &f.count)?,
        Cell::Date(d) => ws.write_datetime_with_format(row, col, d, &f.month)?,
        Cell::Blank => ws,
    };
    Ok(())
}

/// Excel sheet names for the offers, in order: each at most 31 characters,
/// without `[ ] : * ? / \`, terminal controls or an apostrophe at either
/// end, never blank, and unique ignoring case — also against the Compare
/// sheet and Excel's reserved "History". Two names that cut to the same
/// 31 characters are told apart by a number: `… (2)`.
pub fn sheet_names(offers: &[&str]) -> Vec<String> {
    let mut taken: Vec<String> = vec![COMPARE_SHEET.to_lowercase(), "history".into()];
    let mut out = Vec::with_capacity(offers.len());
    for (i, name) in offers.iter().enumerate() {
        let base = sheet_base(name).unwrap_or_else(|| format!("Offer {}", i + 1));
        let mut n = 1;
        let chosen = loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let room = MAX_SHEET_NAME - suffix.len();
            let candidate = format!("{}{suffix}", fit(&base, room));
            if !taken.contains(&candidate.to_lowercase()) {
                break candidate;
            }
            n += 1;
        };
        taken.push(chosen.to_lowercase());
        out.push(chosen);
    }
    out
}

/// An offer's name with what a sheet name cannot hold replaced; None when
/// nothing is left.
fn sheet_base(name: &str) -> Option<String> {
    let cleaned: String = crate::diag::sanitize(name)
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\u{FFFD}' => '_',
            c => c,
        })
        .collect();
    let trimmed = trim_sheet(&cleaned);
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// `name` cut to at most `room` UTF-16 units, without a trailing space or
/// apostrophe.
fn fit(name: &str, room: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in name.chars() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        out.push(c);
    }
    let trimmed = trim_sheet(&out);
    if trimmed.is_empty() {
        "Offer".into()
    } else {
        trimmed.to_string()
    }
}

fn trim_sheet(name: &str) -> &str {
    name.trim_matches(|c: char| c == '\'' || c.is_whitespace())
}
