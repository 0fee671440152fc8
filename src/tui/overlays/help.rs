//! The help overlay (`?`): the keymap's help text ([`help_lines`]), wrapped
//! to the box before it scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::frame::{boxed, centered};
use crate::tui::keymap::{HelpLine, help_lines};
use crate::tui::model::Model;
use crate::tui::theme::Theme;

/// Every key of every mode, from the keymap itself, scrolled by
/// `m.help_scroll`.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    // Wrapped to the box, so scrolling counts exactly the lines drawn.
    let inner = 100u16.min(area.width).saturating_sub(2).max(10);
    let (help, keys_w) = help_lines(inner);
    let lines: Vec<Line> = help
        .into_iter()
        .map(|l| match l {
            HelpLine::Legend(t) => Line::from(Span::styled(t, theme.dim())),
            HelpLine::Blank => Line::raw(""),
            HelpLine::Heading(t) => Line::from(Span::styled(t, theme.title())),
            HelpLine::Key { keys, text } => Line::from(vec![
                Span::styled(format!("{keys:<keys_w$}"), theme.strong()),
                Span::raw(text),
            ]),
        })
        .collect();
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let visible = h.saturating_sub(2) as usize;
    let last = lines.len().saturating_sub(visible);
    let first = usize::from(m.help_scroll).min(last);
    let more = if last > 0 {
        format!(
            "Keys ({}–{} of {}, ↑↓ scroll)",
            first + 1,
            first + visible,
            lines.len()
        )
    } else {
        "Keys".to_string()
    };
    let shown: Vec<Line> = lines.into_iter().skip(first).take(visible).collect();
    boxed(centered(area, 100, h), buf, &more, shown, theme);
}
