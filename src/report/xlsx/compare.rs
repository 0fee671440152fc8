//! The Compare sheet: the workbench's Compare view as a table — the deal
//! and the reference offer on top, then one column per offer (file order)
//! with its schedule sheet, the levers and the outcomes over the horizon.
//!
//! Levers are the offer's own terms as resolved (`based_on` filled in);
//! outcomes are the engine's [`Outcome`] fields, one row each. To add a row,
//! add a `(label, cell)` pair to [`LEVERS`] or [`OUTCOMES`].

use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

use super::{Cell, Formats, put, safe_text};
use crate::engine::risk::Risk;
use crate::engine::{Evaluation, Outcome};
use crate::report::power::risk_rows;
use crate::scenario::{Offer, Scenario, SeatPlan};

/// A row's label and how each offer fills it.
type Lever = (&'static str, fn(&Offer) -> Cell);
type Figure = (&'static str, fn(&Outcome) -> Cell);

/// The levers, in the order of the workbench's Compare view.
const LEVERS: [Lever; 20] = [
    ("Offered by", |o| Cell::text(o.by.as_str())),
    ("Based on", |o| {
        Cell::text(o.based_on.as_deref().unwrap_or("—"))
    }),
    ("Seats", seats),
    ("Seat price", |o| Cell::Money(o.seat_price)),
    ("Tier", |o| Cell::text(&o.tier)),
    ("Team seats", |o| Cell::Count(o.team_seats)),
    ("Team price", |o| Cell::Money(o.team_price)),
    ("Term (months)", |o| Cell::Count(o.term_months.into())),
    ("Uplift %", |o| Cell::Pct(o.uplift_pct)),
    ("Uplift cap %", |o| cap(o.uplift_cap_pct)),
    ("Renewal cap %", |o| cap(o.renewal_cap_pct)),
    ("True-up", |o| {
        Cell::text(&o.true_up.as_str().replace('_', " "))
    }),
    ("Ratchet", |o| on_off(o.true_up_ratchet)),
    ("True-up rate %", |o| Cell::Pct(o.true_up_rate_pct)),
    ("True-up cap %", |o| cap(o.true_up_cap_pct)),
    ("Downsize right", |o| on_off(o.downsize_at_anniversary)),
    ("Billing", |o| Cell::text(o.billing.as_str())),
    ("API commit (per year)", |o| Cell::Money(o.api_commit)),
    ("API discount %", |o| Cell::Pct(o.api_discount_pct)),
    ("Terms listed", |o| Cell::Count(o.terms.len() as u64)),
];

/// The outcomes before the year rows.
const TOTALS: [Figure; 5] = [
    ("Seat cost", |o| Cell::Money(o.seat_cost)),
    ("API cost", |o| Cell::Money(o.api_cost)),
    ("Total", |o| Cell::Money(o.total)),
    ("Savings vs reference", |o| Cell::Money(o.savings)),
    ("Savings %", |o| Cell::Pct(o.savings_pct)),
];

/// The outcomes after the year rows.
const OUTCOMES: [Figure; 13] = [
    ("Billed seat-months", |o| Cell::Count(o.billed_seat_months)),
    ("Demand seat-months", |o| Cell::Count(o.demand_seat_months)),
    ("Idle seat-months", |o| Cell::Count(o.idle_seat_months)),
    ("Idle seat cost", |o| Cell::Money(o.idle_cost)),
    ("Unserved seat-months", |o| {
        Cell::Count(o.unserved_seat_months)
    }),
    ("API plan at list", |o| Cell::Money(o.api_list)),
    ("API unused commit", |o| Cell::Money(o.api_unused_commit)),
    ("API baseline (all Opus)", |o| Cell::Money(o.api_baseline)),
    ("API savings vs baseline %", |o| {
        Cell::Pct(o.api_savings_pct)
    }),
    ("Missing terms", |o| {
        Cell::Count(o.missing_terms.len() as u64)
    }),
    ("Missing terms, named", |o| listed(&o.missing_terms)),
    ("Warnings", |o| Cell::Count(o.warnings.len() as u64)),
    ("Warnings, in full", |o| listed(&o.warnings)),
];

fn seats(o: &Offer) -> Cell {
    match &o.seats {
        Some(SeatPlan::Fixed(n)) => Cell::Count(*n),
        Some(SeatPlan::Ramp(steps)) => {
            let shown: Vec<String> = steps
                .iter()
                .map(|s| format!("{} from month {}", s.seats, s.month))
                .collect();
            Cell::text(&format!("ramp: {}", shown.join(" → ")))
        }
        None => Cell::text("none (monthly)"),
    }
}

fn cap(v: Option<rust_decimal::Decimal>) -> Cell {
    v.map_or_else(|| Cell::text("none"), Cell::Pct)
}

fn on_off(b: bool) -> Cell {
    Cell::text(if b { "on" } else { "off" })
}

fn listed(items: &[String]) -> Cell {
    if items.is_empty() {
        Cell::Blank
    } else {
        Cell::text(&items.join("; "))
    }
}

/// A labelled row, or a section heading when `cells` is None.
struct Row {
    label: String,
    cells: Option<Vec<Cell>>,
}

fn row(label: impl Into<String>, cells: Vec<Cell>) -> Row {
    Row {
        label: label.into(),
        cells: Some(cells),
    }
}

fn heading(label: &str) -> Row {
    Row {
        label: label.into(),
        cells: None,
    }
}

/// Every row under the offers' names.
fn rows(ev: &Evaluation, sheets: &[String], risk: Option<(String, &[Risk])>) -> Vec<Row> {
    let oc = &ev.outcomes;
    let reference = ev.reference;
    let cheapest = oc
        .iter()
        .enumerate()
        .min_by_key(|(_, o)| o.total)
        .map_or(0, |(i, _)| i);
    let role = |i: usize| match (i == reference, i == cheapest) {
        (true, true) => Cell::text("reference, cheapest total"),
        (true, false) => Cell::text("reference"),
        (false, true) => Cell::text("cheapest total"),
        (false, false) => Cell::Blank,
    };
    let mut out = vec![
        row("Role", (0..oc.len()).map(role).collect()),
        row(
            "Schedule sheet",
            sheets.iter().map(|n| Cell::text(n)).collect(),
        ),
        heading("Levers"),
    ];
    for (label, cell) in LEVERS {
        out.push(row(label, oc.iter().map(|o| cell(&o.offer)).collect()));
    }
    out.push(heading("Outcomes over the horizon"));
    for (label, cell) in TOTALS {
        out.push(row(label, oc.iter().map(cell).collect()));
    }
    let years = oc.iter().map(|o| o.years.len()).max().unwrap_or(0);
    for y in 0..years {
        let total = |o: &Outcome| o.years.get(y).map_or(Cell::Blank, |y| Cell::Money(y.total));
        out.push(row(
            format!("Year {} total", y + 1),
            oc.iter().map(total).collect(),
        ));
    }
    for (label, cell) in OUTCOMES {
        out.push(row(label, oc.iter().map(cell).collect()));
    }
    if let Some((title, risks)) = risk {
        out.push(heading(&title));
        for r in risk_rows(risks) {
            let cells = r
                .cells
                .iter()
                .map(|c| match c {
                    None => Cell::Blank,
                    Some(v) if r.money => Cell::Money(*v),
                    Some(v) => Cell::Pct(*v),
                })
                .collect();
            out.push(row(r.label, cells));
        }
    }
    out
}

/// Write the Compare sheet.
pub(super) fn write(
    ws: &mut Worksheet,
    s: &Scenario,
    ev: &Evaluation,
    sheets: &[String],
    f: &Formats,
) -> Result<(), XlsxError> {
    let reference = ev.outcomes.get(ev.reference).map(|o| o.offer.name.as_str());
    let intro = [
        ("Deal", Cell::text(&s.deal.name)),
        ("Currency", Cell::text(&s.deal.currency)),
        ("Horizon (months)", Cell::Count(ev.horizon.into())),
        ("Reference offer", Cell::text(reference.unwrap_or(""))),
    ];
    let mut r: RowNum = 0;
    for (label, cell) in &intro {
        ws.write_string_with_format(r, 0, *label, &f.bold)?;
        put(ws, r, 1, cell, f)?;
        r += 1;
    }
    r += 1;
    let header = r;
    ws.write_string_with_format(r, 0, "Offer", &f.heading)?;
    for (i, o) in ev.outcomes.iter().enumerate() {
        ws.write_string_with_format(r, col(i)?, safe_text(&o.offer.name), &f.heading)?;
    }
    // The risk rows (§7) when the file has [uncertainty]; figures that
    // leave exact arithmetic leave the rows out, as drivers do elsewhere.
    let risks = crate::engine::risk::run(s).ok().flatten();
    let risk = risks.as_deref().map(|r| {
        let u = s.uncertainty.as_ref().map_or((0, 0), |u| (u.draws, u.seed));
        (format!("Risk over {} draws (seed {})", u.0, u.1), r)
    });
    for line in rows(ev, sheets, risk) {
        r += 1;
        let Some(cells) = line.cells else {
            ws.write_string_with_format(r, 0, line.label, &f.heading)?;
            continue;
        };
        ws.write_string_with_format(r, 0, line.label, &f.label)?;
        write_cells(ws, r, &cells, f)?;
    }
    ws.set_column_width(0, 28)?;
    for i in 0..ev.outcomes.len() {
        ws.set_column_width(col(i)?, OFFER_WIDTH)?;
    }
    ws.set_freeze_panes(header + 1, 1)?;
    Ok(())
}

/// The width of an offer's column, in characters.
const OFFER_WIDTH: u16 = 24;

/// The most lines a row grows to for a long text (terms, warnings): 27
/// lines of 15 points is just under Excel's tallest row, 409 points.
const MAX_LINES: usize = 27;

/// One row of offer cells. Text wraps within its column and the row is
/// made as tall as its longest text needs: spreadsheets do not grow a row
/// for wrapped text when they open a file.
fn write_cells(
    ws: &mut Worksheet,
    r: RowNum,
    cells: &[Cell],
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut lines = 1;
    for (i, cell) in cells.iter().enumerate() {
        if let Cell::Text(t) = cell {
            ws.write_string_with_format(r, col(i)?, t, &f.wrap)?;
            let per_line = usize::from(OFFER_WIDTH) - 4;
            lines = lines.max(t.chars().count().div_ceil(per_line));
        } else {
            put(ws, r, col(i)?, cell, f)?;
        }
    }
    if lines > 1 {
        ws.set_row_height(r, 15.0 * lines.min(MAX_LINES) as f64)?;
    }
    Ok(())
}

/// The column of offer `i` (column A holds the labels).
fn col(i: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)
}
