//! What every overlay is drawn in: a box centred on the screen, a question
//! box as tall as its wrapped lines, a key shown as a key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::tui::theme::Theme;
use crate::tui::widgets::{line_text, wrapped_height};

pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A question box `w` wide, as tall as its lines need once wrapped, so the
/// keys that answer it are never cut off a narrow screen.
pub fn dialog(
    area: Rect,
    w: u16,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'static>>,
    theme: Theme,
) {
    let inner = w.min(area.width).saturating_sub(2);
    let h: u16 = lines
        .iter()
        .map(|l| wrapped_height(&line_text(l), inner))
        .sum::<u16>()
        + 2;
    boxed(centered(area, w, h), buf, title, lines, theme);
}

pub fn boxed(area: Rect, buf: &mut Buffer, title: &str, lines: Vec<Line<'static>>, theme: Theme) {
    Clear.render(area, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {title} "), theme.title()));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(area, buf);
}

/// A key as the questions show it.
pub fn key(k: &str, theme: Theme) -> Span<'static> {
    Span::styled(format!(" {k} "), theme.selected())
}

/// The keys that answer a question, each followed by what it does.
pub fn keys(pairs: &[(&str, &'static str)], theme: Theme) -> Line<'static> {
    let spans: Vec<Span<'static>> = pairs
        .iter()
        .flat_map(|&(k, what)| [key(k, theme), Span::raw(what)])
        .collect();
    Line::from(spans)
}
