//! The Seat funnel panel: headcount → provisioned → monthly → weekly → daily
//! active as bars, the offer's commit and the usage-sized commit marked, and
//! the idle seats with their cost over the horizon.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{bar, line_text, money, panel_block, render_wrapped, wrapped_height};
use crate::diag::sanitize;
use crate::money::{format_count, plain};

/// The Seat funnel panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = panel_block(m, Panel::Funnel, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    render_wrapped(lines(m, inner.width, theme), false, inner, buf);
}

/// Rows the panel wants at `width` columns, borders included.
pub fn height(m: &Model, width: u16) -> u16 {
    let inner = width.saturating_sub(2);
    lines(m, inner, Theme { color: false })
        .iter()
        .map(|l| wrapped_height(&line_text(l), inner))
        .sum::<u16>()
        + 2
}

fn lines(m: &Model, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let f = &m.eval.funnel.total;
    let o = m.outcome();
    let commit = o
        .months
        .first()
        .map_or(0, |mo| mo.seats.commit + o.offer.team_seats);
    let peak_commit = o
        .months
        .iter()
        .map(|mo| mo.seats.commit + o.offer.team_seats)
        .max()
        .unwrap_or(0);
    let rows: [(&str, u64, bool); 7] = [
        ("Headcount", f.headcount, false),
        ("Provisioned", f.provisioned, false),
        ("Monthly act.", f.mau, false),
        ("Weekly act.", f.wau, false),
        ("Daily act.", f.dau, false),
        ("Commit m0", commit, true),
        ("Usage-sized", f.usage_sized_commit, true),
    ];
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let bar_w = (width as usize).saturating_sub(13 + 10);
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(label, v, marker)| {
            Line::from(vec![
                Span::styled(format!("{label:<13}"), theme.dim()),
                Span::styled(
                    format!("{:<bar_w$}", bar(*v, max, bar_w)),
                    if *marker { theme.marker() } else { theme.bar() },
                ),
                Span::styled(format!("{:>9}", format_count(*v)), theme.strong()),
            ])
        })
        .collect();
    let cur = &m.scenario.deal.currency;
    lines.push(Line::from(vec![
        Span::styled("Dormant ", theme.dim()),
        Span::raw(format!("{} seats", format_count(f.dormant))),
        Span::styled("  working population ", theme.dim()),
        Span::styled(format!("{} WAU", format_count(f.wau)), theme.strong()),
        Span::styled(
            format!("  buffer {} %", plain(m.scenario.deal.buffer_pct)),
            theme.dim(),
        ),
    ]));
    if peak_commit != commit {
        lines.push(Line::from(vec![
            Span::styled("Peak commit ", theme.dim()),
            Span::raw(format!("{} seats", format_count(peak_commit))),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("Idle ", theme.dim()),
        Span::raw(format!("{} seat-months", format_count(o.idle_seat_months))),
        Span::styled(" costing ", theme.dim()),
        Span::styled(money(cur, o.idle_cost), theme.warn()),
        Span::styled(format!(" over {} months", m.eval.horizon), theme.dim()),
    ]));
    lines.push(provenance(m, theme));
    lines
}

/// Where the funnel figures came from: each `funnel_source` and
/// `funnel_as_of` with its regions, or "typed in" for regions without.
fn provenance(m: &Model, theme: Theme) -> Line<'static> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for r in &m.scenario.regions {
        let origin = match (&r.funnel_source, r.funnel_as_of) {
            (Some(s), Some(d)) => format!("{}, as of {d}", sanitize(s)),
            (Some(s), None) => sanitize(s),
            (None, Some(d)) => format!("as of {d}"),
            (None, None) => "typed in".to_string(),
        };
        match groups.iter_mut().find(|(o, _)| *o == origin) {
            Some((_, ids)) => ids.push(sanitize(&r.id)),
            None => groups.push((origin, vec![sanitize(&r.id)])),
        }
    }
    let text = if groups.len() == 1 {
        groups[0].0.clone()
    } else {
        groups
            .iter()
            .map(|(o, ids)| format!("{o} ({})", ids.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Line::from(vec![Span::styled("Source ", theme.dim()), Span::raw(text)])
}
