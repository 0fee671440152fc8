//! Drivers & stress: what drove the difference between two offers — the
//! total of A, each lever group's effect as a bar (green saves, red costs),
//! the total of B — and every offer's total when adoption misses the plan
//! either way or spikes for a month, side by side: the true-up exposure.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::model::{Mode, Model};
use super::theme::Theme;
use super::widgets::money;
use crate::diag::sanitize;
use crate::engine::stress::Case;

/// Draw the drivers view over `area`.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (Mode::Drivers { .. }, Some(view)) = (&m.mode, &m.power) else {
        return;
    };
    Clear.render(area, buf);
    let w = &view.waterfall;
    let cur = m.scenario.deal.currency.as_str();
    let stress_h = (view.stress.offers.len() as u16 + 4).min(area.height / 2);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(8), Constraint::Length(stress_h)]).areas(area);
    let title = format!(
        " What drove the difference: {} → {} ",
        sanitize(&w.from),
        sanitize(&w.to)
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(top);
    block.render(top, buf);
    let biggest = w
        .steps
        .iter()
        .map(|s| s.effect.abs())
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE);
    let bar_w = (inner.width as usize)
        .saturating_sub(24 + 18 + 18 + 4)
        .clamp(4, 40);
    let mut lines = vec![row(
        &format!("Total of {}", sanitize(&w.from)),
        None,
        money(cur, w.start),
        bar_w,
        theme,
    )];
    for s in &w.steps {
        let cells = (s.effect.abs() / biggest * Decimal::from(bar_w as u64))
            .round()
            .to_usize()
            .unwrap_or(0);
        let bar = if s.changed {
            "█".repeat(cells.max(usize::from(!s.effect.is_zero())))
        } else {
            String::new()
        };
        let effect = if s.changed {
            signed(cur, s.effect)
        } else {
            "same".into()
        };
        let style = if s.effect > Decimal::ZERO {
            theme.bad()
        } else if s.effect < Decimal::ZERO {
            theme.good()
        } else {
            theme.dim()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<24}", s.group.label()), theme.strong()),
            Span::styled(format!("{effect:>18}"), style),
            Span::raw("  "),
            Span::styled(format!("{bar:<bar_w$}"), style),
            Span::styled(format!("{:>18}", money(cur, s.total)), theme.dim()),
        ]));
        if s.changed {
            lines.push(Line::from(Span::styled(
                format!("   {} → {}", sanitize(&s.from), sanitize(&s.to)),
                theme.dim(),
            )));
        }
    }
    lines.push(row(
        &format!("Total of {}", sanitize(&w.to)),
        None,
        money(cur, w.end),
        bar_w,
        theme,
    ));
    lines.push(Line::from(Span::styled(
        format!(
            "Difference {} — the steps add up to it exactly; [ ] walks to another offer",
            signed(cur, w.end - w.start)
        ),
        theme.dim(),
    )));
    Paragraph::new(lines).render(inner, buf);
    stress_table(m, bottom, buf, theme);
}

fn row(
    label: &str,
    effect: Option<String>,
    total: String,
    bar_w: usize,
    theme: Theme,
) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{:<24}", label.chars().take(23).collect::<String>()),
            theme.title(),
        ),
        Span::raw(format!("{:>18}", effect.unwrap_or_default())),
        Span::raw(format!("  {:<bar_w$}", "")),
        Span::styled(format!("{total:>18}"), theme.strong()),
    ])
}

fn signed(cur: &str, d: Decimal) -> String {
    let s = money(cur, d);
    if d > Decimal::ZERO {
        format!("+{s}")
    } else {
        s
    }
}

fn stress_table(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(view) = &m.power else { return };
    let st = &view.stress;
    let cur = m.scenario.deal.currency.as_str();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(
                " Stress: the true-up exposure (spike in month {}) ",
                st.curves.spike_month
            ),
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let name_w = (inner.width as usize)
        .saturating_sub(3 * 19 + 16)
        .clamp(10, 30);
    let mut head = vec![Span::styled(
        format!("{:<name_w$}{:>16}", "Offer", "Planned total"),
        theme.dim(),
    )];
    for c in Case::ALL {
        head.push(Span::styled(
            format!("{:>19}", c.label(&st.curves)),
            theme.dim(),
        ));
    }
    let mut lines = vec![Line::from(head)];
    for (i, o) in st.offers.iter().enumerate() {
        let name: String = sanitize(&o.name).chars().take(name_w - 1).collect();
        let style = if i == m.table {
            theme.selected()
        } else {
            theme.strong()
        };
        let mut spans = vec![
            Span::styled(format!("{name:<name_w$}"), style),
            Span::raw(format!("{:>16}", money(cur, o.planned))),
        ];
        for c in Case::ALL {
            let e = o.case(c).exposure;
            spans.push(Span::styled(
                format!("{:>19}", signed(cur, e)),
                theme.signed(e > Decimal::ZERO),
            ));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(inner, buf);
}
