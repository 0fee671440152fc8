//! The Regions panel: each region's funnel, go-live month, ramp target, the
//! terms it requires and this offer's average monthly seat bill in the
//! region's own currency.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::{Cell, Row, Table, Widget};
use rust_decimal::Decimal;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{money, panel_block};
use crate::diag::sanitize;
use crate::money::format_count;

/// The Regions panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let o = m.outcome();
    let horizon = Decimal::from(m.eval.horizon.max(1));
    let right = |s: String| Cell::from(Text::from(s).right_aligned());
    let header = Row::new(
        [
            "Region",
            "Head",
            "Prov",
            "MAU",
            "WAU",
            "DAU",
            "Dormant",
            "Live",
            "Target",
            "Requires",
            "Seat bill / month",
        ]
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            if (1..=8).contains(&i) || i == 10 {
                right(h.into())
            } else {
                Cell::from(h)
            }
        }),
    )
    .style(theme.dim());
    let rows = m.scenario.regions.iter().enumerate().map(|(i, r)| {
        let bill = o
            .regions
            .get(i)
            .map_or(Decimal::ZERO, |b| b.local / horizon);
        Row::new(vec![
            Cell::from(sanitize(&r.name)),
            right(format_count(r.headcount)),
            right(format_count(r.provisioned)),
            right(format_count(r.mau)),
            right(format_count(r.wau)),
            right(format_count(r.dau)),
            right(format_count(r.dormant())),
            right(format!("m{}", r.go_live)),
            right(if r.ramp_months > 0 {
                format!("{} in {}m", format_count(r.target_wau), r.ramp_months)
            } else {
                format_count(r.target_wau)
            }),
            Cell::from(sanitize(&r.requires.join(", "))),
            right(money(&r.currency, bill)),
        ])
    });
    let widths = [
        Constraint::Min(10),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(4),
        Constraint::Length(11),
        Constraint::Min(8),
        Constraint::Length(19),
    ];
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(panel_block(m, Panel::Regions, theme))
        .render(area, buf);
}
