//! The terms list (Enter on Terms): the known vocabulary and the offer's
//! own terms, which the offer carries, which the deal or a region requires,
//! which the levers earn; and the term of one's own being typed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::frame::{boxed, centered, keys};
use crate::diag::sanitize;
use crate::scenario::terms;
use crate::tui::form::view;
use crate::tui::model::Model;
use crate::tui::model::queries::term_rows;
use crate::tui::theme::Theme;

/// The terms list of the offer on the table, the cursor's row always in
/// view, and the term being typed.
pub fn render(
    m: &Model,
    cursor: usize,
    adding: &Option<String>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let rows = term_rows(m);
    // One line a term, cut to the box, so the cursor's row is always drawn.
    let inner = usize::from(100u16.min(area.width).saturating_sub(2));
    let height = area.height.saturating_sub(4).max(6);
    let visible = (height as usize).saturating_sub(4);
    let first = cursor.saturating_sub(visible.saturating_sub(1));
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, r)| {
            let mark = if r.carried {
                "[x]"
            } else if r.derived {
                "[~]"
            } else {
                "[ ]"
            };
            let mut notes = Vec::new();
            if r.required {
                notes.push(if r.carried || r.derived {
                    "required"
                } else {
                    "required, MISSING"
                });
            }
            if r.derived {
                notes.push("earned by the levers");
            }
            let explain = terms::explain(&r.term).unwrap_or("your own term");
            let text = format!(
                "{mark} {:<20} {explain}{}",
                sanitize(&r.term),
                if notes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", notes.join(", "))
                }
            );
            let text = if text.chars().count() > inner {
                let cut: String = text.chars().take(inner.saturating_sub(1)).collect();
                format!("{cut}…")
            } else {
                text
            };
            let style = if i == cursor {
                theme.selected()
            } else if r.required && !r.carried && !r.derived {
                theme.warn()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    lines.push(Line::raw(""));
    match adding {
        Some(t) => lines.push(Line::from(vec![
            Span::styled("New term: ", theme.strong()),
            view::text(t, theme.selected()),
        ])),
        None => lines.push(keys(
            &[
                ("Space", " carry or drop   "),
                ("a", " add your own   "),
                ("Esc", " close   [~] earned by the levers"),
            ],
            theme,
        )),
    }
    let title = format!("Terms of '{}'", sanitize(&m.offer().name));
    boxed(centered(area, 100, height), buf, &title, lines, theme);
}
