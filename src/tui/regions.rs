//! The Regions panel: each region's funnel, go-live month, ramp target, the
//! terms it requires and this offer's average monthly seat bill in the
//! region's own currency. Columns that do not fit a narrow screen are left
//! out, least important first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::{Cell, Row, Table, Widget};
use rust_decimal::Decimal;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{inner, money, panel_block};
use crate::diag::sanitize;
use crate::money::format_count;
use crate::scenario::Region;

/// A column: header, width (0: takes the rest), right-aligned, priority
/// (0 is always shown), and how a region fills it.
struct Column {
    head: &'static str,
    width: u16,
    right: bool,
    priority: u8,
    cell: fn(&Region, Decimal) -> String,
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
        width: 12,
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
        head: "Seat bill/mo",
        width: 17,
        right: true,
        priority: 0,
        cell: |r, bill| money(&r.currency, bill),
    },
];

fn ramp(r: &Region, _: Decimal) -> String {
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

/// The columns that fit `width`, most important first, shown in order.
fn fitting(width: u16) -> Vec<&'static Column> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0u16;
    for priority in 0..=4 {
        for (i, c) in COLUMNS
            .iter()
            .enumerate()
            .filter(|(_, c)| c.priority == priority)
        {
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

/// The Regions panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let o = m.outcome();
    let horizon = Decimal::from(m.eval.horizon.max(1));
    let cols = fitting(inner(area).width);
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
        let bill = o
            .regions
            .get(i)
            .map_or(Decimal::ZERO, |b| b.local / horizon);
        Row::new(cols.iter().map(|c| cell((c.cell)(r, bill), c.right)))
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
        .block(panel_block(m, Panel::Regions, theme))
        .render(area, buf);
}
