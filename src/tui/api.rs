//! The API bundle panel: each workload with the plan this offer runs it
//! under (routing, cache hits, batch), then the all-Opus baseline against the
//! plan and the commit, the unused commit and the saving.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use rust_decimal::Decimal;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{money, panel_block};
use crate::diag::sanitize;
use crate::money::{plain, two_places};

/// The API bundle panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = panel_block(m, Panel::Api, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let o = m.outcome();
    let cur = &m.scenario.deal.currency;
    if m.scenario.workloads.is_empty() {
        Paragraph::new("No API workloads in this scenario.")
            .style(theme.dim())
            .render(inner, buf);
        return;
    }
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{:<24}{:>9}{:>8}  {:<31}{:>6}{:>6}{:>8}",
            "Workload", "in Mtok", "out", "route", "cache", "batch", "growth"
        ),
        theme.dim(),
    ))];
    for w in &m.scenario.workloads {
        let (route, hit, batch) = o.offer.api.for_workload(w);
        let share = |x: Decimal| format!("{}%", plain(x * Decimal::ONE_HUNDRED));
        let route_text: Vec<String> = route
            .iter()
            .map(|(id, s)| format!("{id} {}", share(*s)))
            .collect();
        let growth = format!("{}%/mo", plain(w.growth_pct));
        let name: String = sanitize(&w.name).chars().take(23).collect();
        lines.push(Line::from(format!(
            "{name:<24}{:>9}{:>8}  {:<31}{:>6}{:>6}{growth:>8}",
            plain(w.input_mtok),
            plain(w.output_mtok),
            route_text.join(" "),
            share(hit),
            share(batch)
        )));
    }
    let row = |label: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{label:<26}"), theme.dim()),
            Span::styled(v, theme.strong()),
        ])
    };
    lines.push(Line::raw(""));
    lines.push(row("Baseline (all Opus, list)", money(cur, o.api_baseline)));
    lines.push(row("This plan at list", money(cur, o.api_list)));
    lines.push(row(
        "Commit a year / discount",
        format!(
            "{} / {} %",
            money(cur, o.offer.api_commit),
            plain(o.offer.api_discount_pct)
        ),
    ));
    lines.push(row("Paid over the horizon", money(cur, o.api_cost)));
    lines.push(Line::from(vec![
        Span::styled(format!("{:<26}", "Unused commit"), theme.dim()),
        Span::styled(
            money(cur, o.api_unused_commit),
            if o.api_unused_commit.is_zero() {
                theme.strong()
            } else {
                theme.warn()
            },
        ),
    ]));
    lines.push(Line::from(vec![
        Span::styled(format!("{:<26}", "Saving vs baseline"), theme.dim()),
        Span::styled(
            format!("{} %", two_places(o.api_savings_pct)),
            theme.signed(o.api_savings_pct.is_sign_negative()),
        ),
    ]));
    Paragraph::new(lines).render(inner, buf);
}
