//! One offer's schedule sheet: its full name in A1 (the sheet's own name
//! may be cut to Excel's 31 characters), a line on what the columns hold,
//! then one row per contract month — the CSV export's columns, from the same
//! [`schedule`] — and a last row with the offer's totals over the horizon
//! as the engine has them.

use chrono::Months;
use rust_xlsxwriter::{ColNum, ExcelDateTime, RowNum, Worksheet, XlsxError};

use super::{Cell, Formats, put, safe_text};
use crate::engine::Outcome;
use crate::report::schedule::{ScheduleRow, schedule};
use crate::scenario::Scenario;

/// The header and the width of each column, in order.
const COLUMNS: [(&str, u16); 20] = [
    ("Month index", 8),
    ("Month", 9),
    ("Demand", 9),
    ("Tier demand", 9),
    ("Commit", 9),
    ("Billed excess", 9),
    ("Unserved", 9),
    ("Team seats", 9),
    ("Billed seats", 9),
    ("Idle seats", 9),
    ("Seat price", 12),
    ("True-up price", 12),
    ("Team price", 12),
    ("Seat cost", 16),
    ("Idle cost", 14),
    ("API list", 14),
    ("API baseline", 14),
    ("API cost (share of the year)", 16),
    ("Month's cost", 16),
    ("Event", 12),
];

/// The row where the months begin (0-based), under the header.
pub const FIRST_MONTH_ROW: RowNum = 4;

/// One month's cells, in [`COLUMNS`] order.
fn cells(s: &Scenario, r: &ScheduleRow) -> Vec<Cell> {
    let date = s
        .deal
        .start
        .checked_add_months(Months::new(r.month))
        .and_then(|d| {
            use chrono::Datelike;
            let year = u16::try_from(d.year()).ok()?;
            ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
        })
        .map_or_else(|| Cell::text(&r.date), Cell::Date);
    vec![
        Cell::Count(r.month.into()),
        date,
        Cell::Count(r.demand),
        Cell::Count(r.tier_demand),
        Cell::Count(r.commit),
        Cell::Count(r.billed_excess),
        Cell::Count(r.unserved),
        Cell::Count(r.team_seats),
        Cell::Count(r.billed_seats),
        Cell::Count(r.idle_seats),
        Cell::Money(r.seat_price),
        Cell::Money(r.true_up_price),
        Cell::Money(r.team_price),
        Cell::Money(r.seat_cost),
        Cell::Money(r.idle_cost),
        Cell::Money(r.api_list),
        Cell::Money(r.api_baseline),
        Cell::Money(r.api_cost),
        Cell::Money(r.total),
        r.event.map_or(Cell::Blank, Cell::text),
    ]
}

/// The totals row: the engine's figures over the horizon under the columns
/// they sum.
fn totals(o: &Outcome) -> Vec<Cell> {
    let mut out = vec![Cell::Blank; COLUMNS.len()];
    let figures = [
        (2, Cell::Count(o.demand_seat_months)),
        (6, Cell::Count(o.unserved_seat_months)),
        (8, Cell::Count(o.billed_seat_months)),
        (9, Cell::Count(o.idle_seat_months)),
        (13, Cell::Money(o.seat_cost)),
        (14, Cell::Money(o.idle_cost)),
        (15, Cell::Money(o.api_list)),
        (16, Cell::Money(o.api_baseline)),
        (17, Cell::Money(o.api_cost)),
        (18, Cell::Money(o.total)),
    ];
    for (i, cell) in figures {
        out[i] = cell;
    }
    out
}

/// Write offer `o`'s schedule sheet.
pub(super) fn write(
    ws: &mut Worksheet,
    s: &Scenario,
    o: &Outcome,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, safe_text(&o.offer.name), &f.bold)?;
    let about = format!(
        "Offered by {}; month by month over {} months from the deal start; money in {}. \
         A month's cost is its seat cost plus its share of the contract year's API payment.",
        o.offer.by.as_str(),
        o.months.len(),
        s.deal.currency
    );
    put(ws, 1, 0, &Cell::text(&about), f)?;
    let header = FIRST_MONTH_ROW - 1;
    for (c, (title, width)) in COLUMNS.iter().enumerate() {
        let c = ColNum::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        ws.write_string_with_format(header, c, *title, &f.header)?;
        ws.set_column_width(c, *width)?;
    }
    ws.set_row_height(header, 30)?;
    let mut r = FIRST_MONTH_ROW;
    for month in schedule(s, o) {
        write_row(ws, r, &cells(s, &month), f)?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, "Over the horizon", &f.bold)?;
    write_row(ws, r, &totals(o), f)?;
    ws.set_freeze_panes(FIRST_MONTH_ROW, 2)?;
    Ok(())
}

fn write_row(ws: &mut Worksheet, r: RowNum, cells: &[Cell], f: &Formats) -> Result<(), XlsxError> {
    for (c, cell) in cells.iter().enumerate() {
        let c = ColNum::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        put(ws, r, c, cell, f)?;
    }
    Ok(())
}
