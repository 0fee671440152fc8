//! The quick form of call mode: the vendor's new numbers as they are typed,
//! and what they come to — the total, its difference from our target and
//! from the walk-away, and the seat price at which they meet our target.
//! Closed, it is one line saying how to open it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::figures::signed;
use crate::money::format_money;
use crate::tui::editors::call::FIELDS;
use crate::tui::form::view;
use crate::tui::model::{CallForm, Model};
use crate::tui::theme::Theme;
use crate::tui::widgets::money;

/// Narrower than this, the fields take two rows.
const WIDE: u16 = 120;

/// The rows of the open form at `width`: its fields, the figures they come
/// to, and the borders.
pub fn height(width: u16) -> u16 {
    if width < WIDE { 6 } else { 4 }
}

/// Draw the form, or the line that says how to open it.
pub fn render(m: &Model, form: Option<&CallForm>, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(form) = form else {
        let hint = if area.width < WIDE {
            " v types the vendor's new numbers, priced as you type · l logs a line"
        } else {
            " v types the vendor's new numbers as a new offer, priced as you type · l logs a line · [ ] changes the offer"
        };
        Paragraph::new(Line::styled(hint, theme.dim())).render(area, buf);
        return;
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(
            " The vendor's new numbers (Enter adds them as an offer) ",
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let per_row = if area.width < WIDE { 3 } else { FIELDS.len() };
    let mut lines: Vec<Line> = (0..FIELDS.len())
        .collect::<Vec<_>>()
        .chunks(per_row)
        .map(|chunk| field_row(form, chunk, theme))
        .collect();
    lines.push(preview_line(m, form, theme));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// The fields `which` on one row, the one typed into marked.
fn field_row(form: &CallForm, which: &[usize], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for &i in which {
        spans.extend(view::inline(
            FIELDS[i],
            &form.fields[i],
            i == form.focus,
            theme,
        ));
        spans.push(Span::raw("   "));
    }
    Line::from(spans)
}

/// What the typed numbers come to: total, differences, break-even.
fn preview_line(m: &Model, form: &CallForm, theme: Theme) -> Line<'static> {
    let cur = m.scenario.deal.currency.as_str();
    let p = match (&form.preview, &form.error) {
        (_, Some(e)) => return view::refusal(e, theme),
        (Some(p), None) => p,
        (None, None) => return Line::raw(""),
    };
    let (target, walk) = m.targets();
    let mut spans = vec![
        Span::styled("→ total ", theme.dim()),
        Span::styled(money(cur, p.total), theme.strong()),
    ];
    if let Some(t) = target {
        spans.push(Span::styled(
            format!("  vs target {}", signed(cur, p.total - t)),
            theme.signed(p.total > t),
        ));
    }
    if let Some(w) = walk {
        spans.push(Span::styled(
            format!("  vs walk-away {}", signed(cur, p.total - w)),
            theme.signed(p.total > w),
        ));
    }
    if let Some(b) = p.break_even {
        spans.push(Span::styled(
            format!(
                "  at our target the seat price is {cur} {}",
                format_money(b)
            ),
            theme.strong(),
        ));
    }
    Line::from(spans)
}
