//! The API bundle panel: each workload with the plan this offer runs it
//! under (routing, cache hits, batch, and the one-hour cache and
//! long-context shares when it has them), then the all-Opus baseline against the
//! plan and the commit, the unused commit and the saving.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use rust_decimal::Decimal;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{TableRow, money, panel_block, render_table, width_of, wrap_at};
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
    let table_h = workload_table(m, inner, buf, theme);
    let rest = Rect {
        y: inner.y + table_h.min(inner.height),
        height: inner.height.saturating_sub(table_h),
        ..inner
    };
    let mut lines = Vec::new();
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
    Paragraph::new(lines).render(rest, buf);
}

/// The workloads under the offer's plan, columns as wide as their figures
/// and the route taking the rest (wrapped when long); returns the rows used.
/// The one-hour cache and long-context shares (§8) get columns of their
/// own when some workload has them under this plan.
fn workload_table(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) -> u16 {
    let o = m.outcome();
    let share = |x: Decimal| format!("{}%", plain(x * Decimal::ONE_HUNDRED));
    let extra = m
        .scenario
        .workloads
        .iter()
        .any(|w| o.offer.api.shares_for(w) != (Decimal::ZERO, Decimal::ZERO));
    let mut head = vec!["Workload", "in Mtok", "out", "cache", "batch"];
    if extra {
        head.extend(["1h", "long"]);
    }
    head.extend(["growth", "route"]);
    let n = head.len() - 1;
    let rows: Vec<Vec<String>> = m
        .scenario
        .workloads
        .iter()
        .map(|w| {
            let (route, hit, batch) = o.offer.api.for_workload(w);
            let (one_hour, long) = o.offer.api.shares_for(w);
            let route_text: Vec<String> = route
                .iter()
                .map(|(id, s)| format!("{} {}", sanitize(id), share(*s)))
                .collect();
            let mut r = vec![
                sanitize(&w.name),
                plain(w.input_mtok),
                plain(w.output_mtok),
                share(hit),
                share(batch),
            ];
            if extra {
                r.extend([share(one_hour), share(long)]);
            }
            r.extend([
                format!("{}%/mo", plain(w.growth_pct)),
                route_text.join(", "),
            ]);
            r
        })
        .collect();
    let mut widths: Vec<u16> = (0..n)
        .map(|c| {
            rows.iter()
                .map(|r| width_of(&r[c]))
                .chain([head[c].len()])
                .max()
                .unwrap_or(0) as u16
        })
        .collect();
    widths[0] = widths[0].min(24);
    let fixed: u16 = widths.iter().sum::<u16>() + n as u16;
    let route_w = area.width.saturating_sub(fixed).max(8);
    widths.push(route_w);
    let right: Vec<bool> = (0..=n).map(|c| (1..n).contains(&c)).collect();
    let mut used = 1u16;
    // Rows below the panel's last line are not drawn, so not built; the
    // rows used are then at least the panel's height, as with them.
    let body: Vec<TableRow> = rows
        .into_iter()
        .map_while(|mut r| {
            if used >= area.height {
                return None;
            }
            let route = wrap_at(&r.pop().unwrap_or_default(), ", ", route_w);
            let h = route.len().max(1) as u16;
            used += h;
            let mut cells: Vec<Vec<String>> = r.into_iter().map(|t| vec![t]).collect();
            cells.push(route);
            Some(TableRow {
                cells,
                style: Style::new(),
                height: h,
            })
        })
        .collect();
    let header = TableRow::line(head.iter().map(|h| h.to_string()).collect(), theme.dim());
    render_table(header, body, &widths, &right, area, buf);
    used
}
