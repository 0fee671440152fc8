//! The scenario editor's box (`a`): the sections as tabs, the row shown
//! (region or workload n of N), the section's fields — label and typed
//! text, the focused one with the cursor, scrolled to keep it in sight —
//! the offer on the table's total as priced now, and the focused field's
//! hint or the loader's reason the texts are refused.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::frame::{boxed, centered};
use crate::diag::sanitize;
use crate::tui::editors::author::{fields, rows};
use crate::tui::form::view;
use crate::tui::model::{AuthorForm, Model, Section};
use crate::tui::theme::Theme;
use crate::tui::widgets::{money, wrapped_height};

/// The width of a field's label column.
const LABEL_W: usize = 30;

pub fn render(m: &Model, f: &AuthorForm, area: Rect, buf: &mut Buffer, theme: Theme) {
    let w = area.width.min(100);
    let inner_w = w.saturating_sub(2);
    let specs = fields(m, f.section, f.row);
    let bottom = match &f.error {
        Some(e) => view::refusal(e, theme),
        None => view::hint(
            specs
                .get(f.focus)
                .map_or(empty_hint(m, f.section), |s| &s.hint),
            theme,
        ),
    };
    let bottom_h = wrapped_height(&crate::tui::widgets::line_text(&bottom), inner_w).max(1);
    let wanted = 2 + 5 + bottom_h + u16::try_from(specs.len()).unwrap_or(u16::MAX);
    let h = wanted.min(area.height.saturating_sub(2)).max(8);
    let rect = centered(area, w, h);
    let room = usize::from(h.saturating_sub(2 + 5 + bottom_h)).max(1);
    let top = f.focus.saturating_sub(room - 1);
    let mut lines = vec![tabs(f.section, theme), row_line(m, f, theme), Line::raw("")];
    for (i, s) in specs.iter().enumerate().skip(top).take(room) {
        let label = format!("{:<LABEL_W$}", clip(&s.label, LABEL_W - 1));
        let text = f.texts.get(i).map_or("", String::as_str);
        let text = clip(text, usize::from(inner_w).saturating_sub(LABEL_W + 2));
        lines.push(if i == f.focus {
            Line::from(vec![
                Span::styled(label, theme.strong()),
                view::text(&text, theme.selected()),
            ])
        } else {
            Line::from(vec![
                Span::styled(label, theme.dim()),
                Span::raw(sanitize(&text)),
            ])
        });
    }
    lines.push(Line::raw(""));
    lines.push(figures(m, theme));
    lines.push(bottom);
    boxed(rect, buf, "Scenario editor", lines, theme);
}

fn empty_hint(m: &Model, section: Section) -> &'static str {
    match (section, &m.scenario.uncertainty) {
        (Section::Uncertainty, None) => "Ctrl+n adds an [uncertainty] table (docs/risk.md)",
        _ => "Esc closes",
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `Deal · Regions · …` with the section shown marked.
fn tabs(section: Section, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, s) in Section::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        let style = if *s == section {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {} ", s.title()), style));
    }
    spans.push(Span::styled("   ←→", theme.dim()));
    Line::from(spans)
}

/// Which row is shown, and how to reach the others.
fn row_line(m: &Model, f: &AuthorForm, theme: Theme) -> Line<'static> {
    let n = rows(m, f.section);
    let s = &m.scenario;
    let text = match f.section {
        Section::Regions => s.regions.get(f.row).map_or_else(String::new, |r| {
            format!(
                "Region {} of {n}: {}  (PgUp/PgDn · Ctrl+n adds · Ctrl+d removes)",
                f.row + 1,
                r.id
            )
        }),
        Section::Workloads => match s.workloads.get(f.row) {
            Some(w) => format!(
                "Workload {} of {n}: {}  (PgUp/PgDn · Ctrl+n adds · Ctrl+d removes)",
                f.row + 1,
                w.name
            ),
            None => "No workloads: Ctrl+n adds one".into(),
        },
        Section::Fx => format!(
            "Units of local currency per 1 {}  (none or Ctrl+d removes a rate)",
            s.deal.currency
        ),
        Section::Uncertainty if s.uncertainty.is_none() => {
            "The file has no [uncertainty] table: no risk figures".into()
        }
        Section::Uncertainty => "Spreads the risk figures draw from (Ctrl+d removes)".into(),
        Section::Deal => "The deal: every offer is compared over its horizon".into(),
    };
    Line::from(Span::styled(sanitize(&text), theme.strong()))
}

/// The offer on the table as priced now: what Enter re-prices.
fn figures(m: &Model, theme: Theme) -> Line<'static> {
    let Some(o) = m.eval.outcomes.get(m.table) else {
        return Line::raw("");
    };
    let cur = &m.scenario.deal.currency;
    Line::from(vec![
        Span::styled("On the table: ", theme.dim()),
        Span::styled(sanitize(&o.offer.name), theme.strong()),
        Span::raw(format!(
            "  total {}  saving {}  over {} months",
            money(cur, o.total),
            money(cur, o.savings),
            m.eval.horizon
        )),
    ])
}
