//! The Totals panel: seat, API and total cost over the horizon, the saving
//! against the reference in money and percent, the cost per working
//! user-month, missing terms, warnings and the month-by-month cost chart.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Widget, Wrap};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{money, panel_block};
use crate::diag::sanitize;
use crate::money::two_places;

/// The Totals panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = panel_block(m, Panel::Totals, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let o = m.outcome();
    let cur = &m.scenario.deal.currency;
    let row = |label: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{label:<20}"), theme.dim()),
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
                    "{:<20}",
                    format!("vs {}", truncate(&m.reference().offer.name, 16))
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
            "Per working user-mo",
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
        Span::styled(format!("{:<20}", "Missing terms"), theme.dim()),
        Span::styled(
            missing,
            if o.missing_terms.is_empty() {
                theme.good()
            } else {
                theme.warn()
            },
        ),
    ]));
    for w in &o.warnings {
        lines.push(Line::from(vec![
            Span::styled("! ", theme.warn()),
            Span::raw(sanitize(w)),
        ]));
    }
    let chart_h = if inner.height >= 16 { 5 } else { 0 };
    let [text_area, chart_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(chart_h)]).areas(inner);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(text_area, buf);
    if chart_h > 0 {
        chart(m, chart_area, buf, theme);
    }
}

fn chart(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let costs = m.outcome().monthly_costs();
    let data: Vec<u64> = costs
        .iter()
        .map(|c| c.round().to_u64().unwrap_or(0))
        .collect();
    let max = costs.iter().copied().max().unwrap_or(Decimal::ZERO);
    let min = costs.iter().copied().min().unwrap_or(Decimal::ZERO);
    let cur = &m.scenario.deal.currency;
    let [title, spark] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    Paragraph::new(Line::from(vec![
        Span::styled("Cost by month ", theme.dim()),
        Span::raw(format!(
            "m0–m{}: {} … {}",
            costs.len().saturating_sub(1),
            money(cur, min),
            money(cur, max)
        )),
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
