//! The Totals panel: seat, API and total cost over the horizon, the saving
//! against the reference in money and percent, the cost per working
//! user-month, missing terms, warnings and the month-by-month cost chart.
//!
//! Every warning is always listed: in full when the panel has the room,
//! else by its headline (the words before the first colon, the figures are
//! in `report`); the chart gives way only when even the headlines need its
//! room.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Widget};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{line_text, money, panel_block, render_wrapped, wrapped_height};
use crate::diag::sanitize;
use crate::money::{format_count, two_places};

/// The Totals panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = panel_block(m, Panel::Totals, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let o = m.outcome();
    let cur = &m.scenario.deal.currency;
    let row = |label: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{label:<LABEL$}"), theme.dim()),
            Span::styled(v, theme.strong()),
        ])
    };
    let mut lines = vec![
        row("Seat cost", money(cur, o.seat_cost)),
        row("API cost", money(cur, o.api_cost)),
        row("Total", money(cur, o.total)),
        Line::from(vec![
            Span::styled(
                format!(
                    "{:<LABEL$}",
                    format!("vs {}", truncate(&m.reference().offer.name, LABEL - 4))
                ),
                theme.dim(),
            ),
            Span::styled(
                format!(
                    "{} ({} %)",
                    money(cur, o.savings),
                    two_places(o.savings_pct)
                ),
                theme.signed(o.savings.is_sign_negative()),
            ),
        ]),
        row(
            "Per working user-month",
            o.cost_per_working_user_month()
                .map_or_else(|| "no demand".into(), |c| money(cur, c)),
        ),
    ];
    let missing = if o.missing_terms.is_empty() {
        "none".to_string()
    } else {
        sanitize(&o.missing_terms.join(", "))
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{:<LABEL$}", "Missing terms"), theme.dim()),
        Span::styled(
            missing,
            if o.missing_terms.is_empty() {
                theme.good()
            } else {
                theme.warn()
            },
        ),
    ]));
    let fixed: u16 = lines
        .iter()
        .map(|l| wrapped_height(&line_text(l), inner.width))
        .sum();
    let full: u16 = o
        .warnings
        .iter()
        .map(|w| wrapped_height(&format!("! {}", sanitize(w)), inner.width))
        .sum();
    let chart_rows = if inner.height >= 16 { 5 } else { 0 };
    let room = inner.height.saturating_sub(fixed);
    let (short, chart_h) = warning_layout(full, o.warnings.len() as u16, chart_rows, room);
    for w in &o.warnings {
        let text = sanitize(w);
        let text = match text.split_once(": ") {
            Some((head, _)) if short => head.to_string(),
            _ => text,
        };
        lines.push(Line::from(vec![
            Span::styled("! ", theme.warn()),
            Span::raw(text),
        ]));
    }
    let [text_area, chart_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(chart_h)]).areas(inner);
    render_wrapped(lines, true, text_area, buf);
    if chart_h > 0 {
        chart(m, chart_area, buf, theme);
    }
}

/// How the warnings and the chart share `room` rows: (headlines only, the
/// chart's height). Full warnings with the chart, else headlines with the
/// chart, else full warnings alone, else headlines alone.
fn warning_layout(full: u16, heads: u16, chart: u16, room: u16) -> (bool, u16) {
    if full + chart <= room {
        (false, chart)
    } else if heads + chart <= room {
        (true, chart)
    } else if full <= room {
        (false, 0)
    } else {
        (true, 0)
    }
}

/// Width of the labels on the left.
const LABEL: usize = 23;

/// The cost of each month as bars. The bars rise from a floor a little
/// under the cheapest month (named in the title), so the steps a
/// negotiator looks for — an anniversary, a true-up, a renewal — show.
fn chart(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let costs = m.outcome().monthly_costs();
    let max = costs.iter().copied().max().unwrap_or(Decimal::ZERO);
    let min = costs.iter().copied().min().unwrap_or(Decimal::ZERO);
    let floor = (min - (max - min) / Decimal::from(4))
        .max(Decimal::ZERO)
        .floor();
    let data: Vec<u64> = costs
        .iter()
        .map(|c| (*c - floor).round().to_u64().unwrap_or(0).max(1))
        .collect();
    let cur = &m.scenario.deal.currency;
    let [title, spark] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    Paragraph::new(Line::from(vec![
        Span::styled(
            format!("Cost m0–m{} ", costs.len().saturating_sub(1)),
            theme.dim(),
        ),
        Span::raw(format!("{} … {}", money(cur, min), money(cur, max))),
        Span::styled(
            format!(", bars from {}", format_count(floor.to_u64().unwrap_or(0))),
            theme.dim(),
        ),
    ]))
    .render(title, buf);
    let width = spark.width as usize;
    // One column per month when they fit, stretched or sampled to the width.
    let shown: Vec<u64> = if data.is_empty() || width == 0 {
        data
    } else {
        (0..width).map(|i| data[i * data.len() / width]).collect()
    };
    Sparkline::default()
        .data(&shown)
        .style(theme.bar())
        .render(spark, buf);
}

fn truncate(s: &str, n: usize) -> String {
    let s = sanitize(s);
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::warning_layout;

    #[test]
    fn the_chart_gives_way_only_when_even_the_headlines_need_its_rows() {
        // 3 warnings taking 7 lines in full, a 5-row chart.
        assert_eq!(warning_layout(7, 3, 5, 12), (false, 5));
        assert_eq!(warning_layout(7, 3, 5, 8), (true, 5));
        assert_eq!(warning_layout(7, 3, 5, 7), (false, 0));
        assert_eq!(warning_layout(7, 3, 5, 4), (true, 0));
    }
}
