//! The Regions panel: each region's funnel, go-live month, ramp target, the
//! terms it requires and this offer's average monthly seat bill in the
//! region's own currency, the region's own quote against the central rate
//! converted, and — when the price book has volume tiers — what one
//! agreement saves against each region signing alone. Columns that do not
//! fit a narrow screen are left out, least important first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};
use rust_decimal::Decimal;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{money, panel_block};
use crate::diag::sanitize;
use crate::engine::regional::QuoteCheck;
use crate::money::{format_count, format_money, plain, two_places};
use crate::scenario::Region;

/// A column: header, width (0: takes the rest), right-aligned, priority
/// (0 is always shown), and how a region fills it.
struct Column {
    head: &'static str,
    width: u16,
    right: bool,
    priority: u8,
    cell: fn(&Region, &Cells) -> String,
}

/// What a row needs besides the region: this offer's bill and quote check.
struct Cells {
    bill: Decimal,
    quote: Option<QuoteCheck>,
}

const COLUMNS: &[Column] = &[
    Column {
        head: "Region",
        width: 13,
        right: false,
        priority: 0,
        cell: |r, _| sanitize(&r.name),
    },
    Column {
        head: "Head",
        width: 6,
        right: true,
        priority: 1,
        cell: |r, _| format_count(r.headcount),
    },
    Column {
        head: "Prov",
        width: 6,
        right: true,
        priority: 0,
        cell: |r, _| format_count(r.provisioned),
    },
    Column {
        head: "MAU",
        width: 6,
        right: true,
        priority: 2,
        cell: |r, _| format_count(r.mau),
    },
    Column {
        head: "WAU",
        width: 6,
        right: true,
        priority: 0,
        cell: |r, _| format_count(r.wau),
    },
    Column {
        head: "DAU",
        width: 6,
        right: true,
        priority: 2,
        cell: |r, _| format_count(r.dau),
    },
    Column {
        head: "Dormant",
        width: 7,
        right: true,
        priority: 1,
        cell: |r, _| format_count(r.dormant()),
    },
    Column {
        head: "Live",
        width: 4,
        right: true,
        priority: 3,
        cell: |r, _| format!("m{}", r.go_live),
    },
    Column {
        head: "Ramps to",
        width: 11,
        right: true,
        priority: 1,
        cell: ramp,
    },
    Column {
        head: "Requires",
        width: 0,
        right: false,
        priority: 4,
        cell: |r, _| sanitize(&r.requires.join(", ")),
    },
    Column {
        head: "Quote vs rate",
        width: 15,
        right: true,
        priority: 0,
        cell: quote,
    },
    Column {
        head: "Seat bill/mo",
        width: 17,
        right: true,
        priority: 0,
        cell: |r, c| money(&r.currency, c.bill),
    },
];

fn quote(_: &Region, c: &Cells) -> String {
    match &c.quote {
        Some(q) => format!(
            "{} {}{}%",
            format_money(q.quoted),
            if q.difference > Decimal::ZERO {
                "+"
            } else {
                ""
            },
            two_places(q.difference_pct)
        ),
        None => "—".into(),
    }
}

fn ramp(r: &Region, _: &Cells) -> String {
    if r.ramp_months > 0 {
        format!(
            "{} by m{}",
            format_count(r.target_wau),
            r.go_live + r.ramp_months
        )
    } else {
        format_count(r.target_wau)
    }
}

/// The columns that fit `width`, most important first, shown in order;
/// the quote column only when the offer carries regional quotes.
fn fitting(width: u16, quotes: bool) -> Vec<&'static Column> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0u16;
    for priority in 0..=4 {
        for (i, c) in COLUMNS
            .iter()
            .enumerate()
            .filter(|(_, c)| c.priority == priority)
        {
            if c.head == "Quote vs rate" && !quotes {
                continue;
            }
            let w = if c.width == 0 { 10 } else { c.width } + 1;
            if used + w <= width {
                used += w;
                chosen.push(i);
            }
        }
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|i| &COLUMNS[i]).collect()
}

/// Rows the panel wants: header, regions, and the consolidation line.
pub fn height(m: &Model) -> u16 {
    let note = m
        .eval
        .consolidation
        .iter()
        .any(|c| c.tier == m.offer().tier);
    m.scenario.regions.len() as u16 + 3 + u16::from(note)
}

/// The Regions panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let o = m.outcome();
    let horizon = Decimal::from(m.eval.horizon.max(1));
    let block = panel_block(m, Panel::Regions, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let consolidation = m.eval.consolidation.iter().find(|c| c.tier == o.offer.tier);
    let note_h =
        u16::from(consolidation.is_some() && inner.height > m.scenario.regions.len() as u16 + 1);
    let [table_area, note] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(note_h)]).areas(inner);
    let cols = fitting(inner.width, !o.regional_quotes.is_empty());
    let cell = |text: String, right: bool| {
        if right {
            Cell::from(Text::from(text).right_aligned())
        } else {
            Cell::from(text)
        }
    };
    let header =
        Row::new(cols.iter().map(|c| cell(c.head.to_string(), c.right))).style(theme.dim());
    let rows = m.scenario.regions.iter().enumerate().map(|(i, r)| {
        let cells = Cells {
            bill: o
                .regions
                .get(i)
                .map_or(Decimal::ZERO, |b| b.local / horizon),
            quote: o.regional_quotes.iter().find(|q| q.region == r.id).cloned(),
        };
        let style = if cells
            .quote
            .as_ref()
            .is_some_and(|q| q.difference > Decimal::ZERO)
        {
            theme.warn()
        } else {
            Style::new()
        };
        Row::new(cols.iter().map(|c| cell((c.cell)(r, &cells), c.right))).style(style)
    });
    let widths: Vec<Constraint> = cols
        .iter()
        .map(|c| {
            if c.width == 0 {
                Constraint::Min(8)
            } else {
                Constraint::Length(c.width)
            }
        })
        .collect();
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .render(table_area, buf);
    if let (Some(c), true) = (consolidation, note_h > 0) {
        let cur = &m.scenario.deal.currency;
        let text = format!(
            "One agreement: {} seats at {} % off list ({}) saves {} a year against each region signing alone ({})",
            format_count(c.seats),
            plain(c.discount_pct),
            money(cur, c.price),
            money(cur, c.saving_per_year),
            money(cur, c.alone_per_year)
        );
        Paragraph::new(Line::from(Span::styled(text, theme.good()))).render(note, buf);
    }
}
