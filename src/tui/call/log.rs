//! The negotiation log in call mode: whole entries, wrapped to the width,
//! the newest at the bottom; older entries scroll off the top and the
//! title says how many are not shown. Also the wrapping the prompts use.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::diag::sanitize;
use crate::scenario::LogEntry;
use crate::tui::model::Model;
use crate::tui::theme::Theme;

/// Narrower text than this goes under the time and speaker, not beside.
const MIN_TEXT: usize = 24;

/// How many cells `s` takes on screen.
fn cells(s: &str) -> usize {
    Span::raw(s).width()
}

/// `text` cut into rows of at most `width` cells, anywhere (for what is
/// being typed, where every space counts).
pub fn wrap_chars(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = cells(c.encode_utf8(&mut [0; 4]));
        if used + w > width && used > 0 {
            rows.push(String::new());
            used = 0;
        }
        if let Some(row) = rows.last_mut() {
            row.push(c);
        }
        used += w;
    }
    rows
}

/// `text` in rows of at most `width` cells, broken between words (a word
/// longer than a row is cut).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for word in text.split_whitespace() {
        if !row.is_empty() && cells(&row) + 1 + cells(word) <= width {
            row.push(' ');
            row.push_str(word);
            continue;
        }
        if !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        let mut pieces = wrap_chars(word, width);
        row = pieces.pop().unwrap_or_default();
        rows.extend(pieces);
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// One entry's rows at `width`: the time and who said it, then the text
/// beside them (wrapped under the text) or, when narrow, under them.
fn entry_lines(e: &LogEntry, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let at = format!("{} ", sanitize(&e.at));
    let who = format!("{:<7} ", sanitize(&e.who));
    let text = sanitize(&e.text);
    let indent = cells(&at) + cells(&who);
    let head = vec![
        Span::styled(at, theme.dim()),
        Span::styled(who, theme.strong()),
    ];
    if width >= indent + MIN_TEXT {
        let rows = wrap_words(&text, width - indent);
        return rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let mut spans = if i == 0 {
                    head.clone()
                } else {
                    vec![Span::raw(" ".repeat(indent))]
                };
                spans.push(Span::raw(r));
                Line::from(spans)
            })
            .collect();
    }
    let mut lines = vec![Line::from(head)];
    lines.extend(
        wrap_words(&text, width.saturating_sub(2))
            .into_iter()
            .map(|r| Line::raw(format!("  {r}"))),
    );
    lines
}

/// Draw the log's newest entries that fit `area`.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let frame = Block::new().borders(Borders::ALL);
    let inner = frame.inner(area);
    let (rows, width) = (usize::from(inner.height), usize::from(inner.width));
    // The same order as the brief: oldest first, by the moment named.
    let entries = m.scenario.log_oldest_first();
    let mut shown: Vec<Vec<Line>> = Vec::new();
    let mut used = 0;
    for e in entries.iter().rev() {
        let mut lines = entry_lines(e, width, theme);
        if used + lines.len() > rows {
            if shown.is_empty() && rows > 0 {
                lines.truncate(rows);
                shown.push(lines);
            }
            break;
        }
        used += lines.len();
        shown.push(lines);
    }
    let hidden = entries.len() - shown.len();
    let title = match hidden {
        0 => " Negotiation log (l adds a line) ".to_string(),
        n => format!(" Negotiation log (l adds a line) · {n} earlier not shown "),
    };
    frame
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()))
        .render(area, buf);
    let mut lines: Vec<Line> = shown.into_iter().rev().flatten().collect();
    if entries.is_empty() {
        lines.push(Line::styled(
            "nothing logged yet: l adds what was just said",
            theme.dim(),
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}
