//! Compare: every offer side by side. Rows are the levers and the outcomes
//! of SPEC.md §4, columns the offers; the cheapest total is marked ★, cells
//! that differ from the reference are bold, `v` shows differences against
//! the reference instead of values. Wide tables scroll sideways with the
//! chosen column; Enter puts it on the table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use rust_decimal::Decimal;

use super::levers::{Ctx, Lever};
use super::model::{Mode, Model};
use super::theme::Theme;
use crate::diag::sanitize;
use crate::engine::Outcome;
use crate::money::{format_count, format_money, two_places};

/// One row: its label, each offer's cell, and the number behind each cell
/// (for differences), or a section heading when `cells` is empty.
pub struct CompareRow {
    pub label: String,
    pub cells: Vec<String>,
    pub numbers: Vec<Option<Decimal>>,
    pub kind: Kind,
}

/// What a row's numbers are, for the differences.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Money,
    Count,
    Percent,
}

const LEVERS: [Lever; 18] = [
    Lever::Seats,
    Lever::SeatPrice,
    Lever::Tier,
    Lever::TeamSeats,
    Lever::TeamPrice,
    Lever::Term,
    Lever::Uplift,
    Lever::UpliftCap,
    Lever::RenewalCap,
    Lever::TrueUp,
    Lever::Ratchet,
    Lever::TrueUpRate,
    Lever::TrueUpCap,
    Lever::Downsize,
    Lever::Billing,
    Lever::ApiCommit,
    Lever::ApiDiscount,
    Lever::Terms,
];

fn heading(label: &str) -> CompareRow {
    CompareRow {
        label: label.into(),
        cells: Vec::new(),
        numbers: Vec::new(),
        kind: Kind::Text,
    }
}

fn money_row(label: String, oc: &[Outcome], f: impl Fn(&Outcome) -> Option<Decimal>) -> CompareRow {
    let numbers: Vec<Option<Decimal>> = oc.iter().map(&f).collect();
    let cells = numbers
        .iter()
        .map(|n| n.map_or_else(String::new, format_money))
        .collect();
    CompareRow {
        label,
        cells,
        numbers,
        kind: Kind::Money,
    }
}

fn count_row(label: &str, oc: &[Outcome], f: impl Fn(&Outcome) -> u64) -> CompareRow {
    let numbers: Vec<Option<Decimal>> = oc.iter().map(|o| Some(Decimal::from(f(o)))).collect();
    CompareRow {
        label: label.into(),
        cells: oc.iter().map(|o| format_count(f(o))).collect(),
        numbers,
        kind: Kind::Count,
    }
}

fn pct_row(label: &str, oc: &[Outcome], f: impl Fn(&Outcome) -> Decimal) -> CompareRow {
    CompareRow {
        label: label.into(),
        cells: oc
            .iter()
            .map(|o| format!("{} %", two_places(f(o))))
            .collect(),
        numbers: oc.iter().map(|o| Some(f(o))).collect(),
        kind: Kind::Percent,
    }
}

/// Every row of the comparison.
pub fn rows(m: &Model) -> Vec<CompareRow> {
    let oc = &m.eval.outcomes;
    let c = Ctx {
        scenario: &m.scenario,
        plan: None,
    };
    let mut rows = vec![heading("Levers")];
    rows.push(CompareRow {
        label: "Based on".into(),
        cells: oc
            .iter()
            .map(|o| o.offer.based_on.as_deref().map_or("—".into(), sanitize))
            .collect(),
        numbers: vec![None; oc.len()],
        kind: Kind::Text,
    });
    for lever in LEVERS {
        // Numeric levers carry their numbers, so `v` shows their change
        // against the reference too.
        let numbers: Vec<Option<Decimal>> = oc
            .iter()
            .map(|o| match lever.value(&o.offer, c) {
                // A ramp or a monthly offer has no one seat count to subtract.
                _ if lever == Lever::Seats
                    && (o.offer.billing == crate::scenario::Billing::Monthly
                        || !matches!(o.offer.seats, Some(crate::scenario::SeatPlan::Fixed(_)))) =>
                {
                    None
                }
                super::levers::LeverValue::Number(v) => Some(v),
                _ => None,
            })
            .collect();
        let kind = match lever {
            _ if numbers.iter().all(Option::is_none) => Kind::Text,
            Lever::SeatPrice | Lever::TeamPrice | Lever::ApiCommit => Kind::Money,
            Lever::Seats | Lever::TeamSeats | Lever::Term => Kind::Count,
            _ => Kind::Percent,
        };
        rows.push(CompareRow {
            label: lever.label(&m.scenario),
            cells: oc.iter().map(|o| lever.display(&o.offer, c)).collect(),
            numbers,
            kind,
        });
    }
    rows.push(heading("Outcomes over the horizon"));
    rows.push(money_row("Seat cost".into(), oc, |o| Some(o.seat_cost)));
    rows.push(money_row("API cost".into(), oc, |o| Some(o.api_cost)));
    rows.push(money_row("Total".into(), oc, |o| Some(o.total)));
    rows.push(money_row("Savings vs reference".into(), oc, |o| {
        Some(o.savings)
    }));
    rows.push(pct_row("Savings %", oc, |o| o.savings_pct));
    let years = oc.iter().map(|o| o.years.len()).max().unwrap_or(0);
    for y in 0..years {
        rows.push(money_row(format!("Year {} total", y + 1), oc, |o| {
            o.years.get(y).map(|y| y.total)
        }));
        rows.push(money_row(format!("Year {} seat price", y + 1), oc, |o| {
            o.years.get(y).map(|y| y.price)
        }));
    }
    rows.push(count_row("Billed seat-months", oc, |o| {
        o.billed_seat_months
    }));
    rows.push(count_row("Demand seat-months", oc, |o| {
        o.demand_seat_months
    }));
    rows.push(count_row("Idle seat-months", oc, |o| o.idle_seat_months));
    rows.push(money_row("Idle seat cost".into(), oc, |o| {
        Some(o.idle_cost)
    }));
    rows.push(count_row("Unserved seat-months", oc, |o| {
        o.unserved_seat_months
    }));
    rows.push(money_row("API plan at list".into(), oc, |o| {
        Some(o.api_list)
    }));
    rows.push(money_row("API unused commit".into(), oc, |o| {
        Some(o.api_unused_commit)
    }));
    rows.push(money_row("API baseline (all Opus)".into(), oc, |o| {
        Some(o.api_baseline)
    }));
    rows.push(pct_row("API savings vs baseline", oc, |o| {
        o.api_savings_pct
    }));
    for (i, r) in m.scenario.regions.iter().enumerate() {
        rows.push(money_row(
            format!("Seat bill {} ({})", sanitize(&r.id), r.currency),
            oc,
            |o| o.regions.get(i).map(|b| b.local),
        ));
    }
    rows.push(count_row("Missing terms", oc, |o| {
        o.missing_terms.len() as u64
    }));
    rows.push(count_row("Warnings", oc, |o| o.warnings.len() as u64));
    rows
}

/// The cell as shown: the value, or in difference mode the change against
/// the reference column (`=` when equal).
fn shown(row: &CompareRow, i: usize, reference: usize, diff: bool) -> String {
    let value = row.numbers.get(i).copied().flatten();
    let base = row.numbers.get(reference).copied().flatten();
    match (diff, value, base) {
        (true, Some(v), Some(r)) if i != reference => {
            let d = v - r;
            let sign = if d > Decimal::ZERO { "+" } else { "" };
            match row.kind {
                _ if d.is_zero() => "=".into(),
                Kind::Percent => format!("{sign}{} pt", two_places(d)),
                Kind::Count => format!("{sign}{}", format_count(i128::try_from(d).unwrap_or(0))),
                _ => format!("{sign}{}", format_money(d)),
            }
        }
        _ => row.cells.get(i).cloned().unwrap_or_default(),
    }
}

/// Draw Compare over the whole `area`.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Mode::Compare {
        col,
        row: top,
        diff,
    } = m.mode
    else {
        return;
    };
    Clear.render(area, buf);
    let title = if diff {
        " Compare — differences against the reference "
    } else {
        " Compare — every offer side by side "
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = rows(m);
    let oc = &m.eval.outcomes;
    let reference = m.eval.reference;
    let cheapest = oc
        .iter()
        .enumerate()
        .min_by_key(|(_, o)| o.total)
        .map_or(0, |(i, _)| i);
    let label_w = 24usize;
    let cap = name_cap(inner.width);
    let widths: Vec<usize> = (0..oc.len())
        .map(|i| {
            let name = oc[i].offer.name.chars().count().min(cap) + 2;
            rows.iter()
                .map(|r| shown(r, i, reference, diff).chars().count())
                .max()
                .unwrap_or(0)
                .max(name)
                .max(10)
        })
        .collect();
    let room = (inner.width as usize).saturating_sub(label_w);
    let first = first_visible(&widths, col, room);
    let visible: Vec<usize> = (first..oc.len())
        .scan(0usize, |used, i| {
            *used += widths[i] + 2;
            (*used <= room || i == first).then_some(i)
        })
        .collect();
    let mut lines = vec![header(m, &visible, &widths, col, cheapest, label_w, theme)];
    let body_h = (inner.height as usize).saturating_sub(2);
    for r in rows.iter().skip(top).take(body_h) {
        lines.push(row_line(
            r,
            &visible,
            &widths,
            (col, reference, cheapest, diff),
            label_w,
            theme,
        ));
    }
    let more = if first > 0 || visible.last().is_some_and(|l| *l + 1 < oc.len()) {
        "  ◀ ▶ more offers"
    } else {
        ""
    };
    lines.push(Line::from(Span::styled(
        format!(
            "★ cheapest total · reference: {}{more}",
            sanitize(&oc[reference].offer.name)
        ),
        theme.dim(),
    )));
    Paragraph::new(lines).render(inner, buf);
}

/// How much of an offer's name a column shows: more on a wide screen.
fn name_cap(width: u16) -> usize {
    if width >= 140 { 34 } else { 22 }
}

fn first_visible(widths: &[usize], col: usize, room: usize) -> usize {
    let mut first = 0;
    while first < col && widths[first..=col].iter().map(|w| w + 2).sum::<usize>() > room {
        first += 1;
    }
    first
}

fn header(
    m: &Model,
    visible: &[usize],
    widths: &[usize],
    col: usize,
    cheapest: usize,
    label_w: usize,
    theme: Theme,
) -> Line<'static> {
    let mut spans = vec![Span::raw(format!("{:<label_w$}", ""))];
    for &i in visible {
        let o = &m.eval.outcomes[i];
        let star = if i == cheapest { "★" } else { "" };
        let full = sanitize(&o.offer.name);
        // The column is sized for the name (up to `name_cap`): cut it to fit.
        let cap = widths[i].saturating_sub(star.chars().count()).max(2);
        let name: String = if full.chars().count() > cap {
            let cut: String = full.chars().take(cap - 1).collect();
            format!("{cut}…")
        } else {
            full
        };
        let text = format!("  {:>w$}", format!("{star}{name}"), w = widths[i]);
        let style = if i == col {
            theme.selected()
        } else {
            theme.strong()
        };
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

fn row_line(
    r: &CompareRow,
    visible: &[usize],
    widths: &[usize],
    (col, reference, cheapest, diff): (usize, usize, usize, bool),
    label_w: usize,
    theme: Theme,
) -> Line<'static> {
    if r.cells.is_empty() {
        return Line::from(Span::styled(r.label.clone(), theme.title()));
    }
    let label: String = r.label.chars().take(label_w - 1).collect();
    let mut spans = vec![Span::styled(format!("{label:<label_w$}"), theme.dim())];
    for &i in visible {
        let text = shown(r, i, reference, diff);
        let differs = r.cells.get(i) != r.cells.get(reference);
        let mut style = if differs {
            theme.strong()
        } else {
            Style::new()
        };
        if r.label == "Total" && i == cheapest {
            style = theme.good().patch(theme.strong());
        }
        if i == col {
            style = style.patch(theme.column());
        }
        spans.push(Span::raw("  "));
        spans.push(Span::styled(format!("{text:>w$}", w = widths[i]), style));
    }
    Line::from(spans)
}
