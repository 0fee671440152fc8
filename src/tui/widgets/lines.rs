//! Lines of text drawn as an unwrapped, left-aligned `Paragraph` draws
//! them, cell for cell, without its per-grapheme work when a line is made
//! of characters that are each one grapheme one column wide (printable
//! ASCII and the box, block and arrow characters the panels use). Any
//! other line goes through `Paragraph` itself. The tests hold the two to
//! the same buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Characters outside ASCII that are a grapheme and one column on their
/// own, whatever stands next to them (none combines or joins).
const ONE_COLUMN: &[char] = &[
    '●', '•', '→', '←', '↑', '↓', '…', '▶', '·', '×', '€', '£', '¥', '–', '—', '‘', '’', '“', '”',
    '°', '±', '≈', '≤', '≥',
];

/// True when `c` is drawn as one grapheme in one column.
pub(super) fn simple(c: char) -> bool {
    (' '..='~').contains(&c) || ('\u{2500}'..='\u{259F}').contains(&c) || ONE_COLUMN.contains(&c)
}

/// `Paragraph::new(lines).render(area, buf)`, faster.
pub fn render_plain(lines: Vec<Line<'_>>, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for (row, line) in lines.into_iter().take(usize::from(area.height)).enumerate() {
        let y = area.y + row as u16;
        let plain = matches!(line.alignment, None | Some(Alignment::Left))
            && line.spans.iter().all(|s| s.content.chars().all(simple));
        if !plain {
            Paragraph::new(line).render(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
            continue;
        }
        let line_style = Style::default().patch(line.style);
        let mut x = area.x;
        'spans: for span in &line.spans {
            let style = line_style.patch(span.style);
            for c in span.content.chars() {
                if x >= area.right() {
                    break 'spans;
                }
                buf[(x, y)].set_char(c).set_style(style);
                x += 1;
            }
        }
    }
}

/// `Paragraph::new(lines).wrap(Wrap { trim }).render(area, buf)`, faster:
/// the word wrapper takes each line on its own, so the lines that fit
/// before the first that does not are drawn as they are.
pub fn render_wrapped(lines: Vec<Line<'_>>, trim: bool, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let fits = |l: &Line| {
        let mut width = 0;
        for s in &l.spans {
            if !s.content.chars().all(simple) {
                return false;
            }
            width += s.content.chars().count();
        }
        width <= usize::from(area.width)
            && !(trim && l.spans.iter().flat_map(|s| s.content.chars()).next() == Some(' '))
    };
    // The lines up to the first that needs wrapping are drawn as they are,
    // the rest by the word wrapper (counting wrapped rows would cost it
    // twice).
    let mut lines = lines;
    let plain = lines.iter().take_while(|l| fits(l)).count();
    let rest = lines.split_off(plain);
    let rows = u16::try_from(plain).unwrap_or(u16::MAX).min(area.height);
    render_plain(lines, area, buf);
    if !rest.is_empty() && rows < area.height {
        let below = Rect {
            y: area.y + rows,
            height: area.height - rows,
            ..area
        };
        Paragraph::new(rest).wrap(Wrap { trim }).render(below, buf);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;

    use super::*;

    fn both(lines: Vec<Line<'static>>, area: Rect) -> (Buffer, Buffer) {
        let full = Rect::new(0, 0, 24, 6);
        let mut a = Buffer::filled(full, ratatui::buffer::Cell::new("x"));
        let mut b = a.clone();
        Paragraph::new(lines.clone()).render(area, &mut a);
        render_plain(lines, area, &mut b);
        (a, b)
    }

    fn style(k: u8) -> Style {
        match k % 4 {
            0 => Style::new(),
            1 => Style::new().fg(Color::Red),
            2 => Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
            _ => Style::new()
                .remove_modifier(Modifier::BOLD)
                .fg(Color::Green),
        }
    }

    /// Lines as drawn: each a list of (text, style) spans, a line style
    /// and an alignment.
    type Spec = Vec<(Vec<(String, u8)>, u8, u8)>;

    fn lines_of(lines: Spec) -> Vec<Line<'static>> {
        lines
            .into_iter()
            .map(|(spans, ls, align)| {
                let line = Line::from(
                    spans
                        .into_iter()
                        .map(|(t, k)| Span::styled(t, style(k)))
                        .collect::<Vec<_>>(),
                )
                .style(style(ls));
                match align {
                    0 => line,
                    1 => line.left_aligned(),
                    2 => line.right_aligned(),
                    _ => line.centered(),
                }
            })
            .collect()
    }

    /// Lines of up to four styled spans, some of whose characters are not
    /// one column (é with a combining accent, 界).
    fn spans(longest: usize) -> impl Strategy<Value = Spec> {
        proptest::collection::vec(
            (
                proptest::collection::vec(
                    (
                        proptest::string::string_regex(&format!(
                            "[ -~●━─┃•→…▶é界\u{301}]{{0,{longest}}}"
                        ))
                        .expect("a valid pattern"),
                        any::<u8>(),
                    ),
                    0..4,
                ),
                any::<u8>(),
                0u8..4,
            ),
            0..8,
        )
    }

    #[test]
    fn every_listed_character_is_one_column() {
        for &c in ONE_COLUMN {
            assert_eq!(Span::raw(c.to_string()).width(), 1, "'{c}'");
        }
        for c in '\u{2500}'..='\u{259F}' {
            assert_eq!(Span::raw(c.to_string()).width(), 1, "'{c}'");
        }
    }

    proptest! {
        #[test]
        fn draws_what_a_paragraph_draws(
            lines in spans(12),
            x in 0u16..6, y in 0u16..3, w in 0u16..24, h in 0u16..7,
        ) {
            let (a, b) = both(lines_of(lines), Rect::new(x, y, w, h));
            prop_assert_eq!(a, b);
        }

        #[test]
        fn draws_what_a_wrapping_paragraph_draws(
            lines in spans(9),
            trim: bool,
            x in 0u16..6, y in 0u16..3, w in 0u16..24, h in 0u16..7,
        ) {
            let lines = lines_of(lines);
            let full = Rect::new(0, 0, 24, 6);
            let area = Rect::new(x, y, w, h);
            let mut a = Buffer::filled(full, ratatui::buffer::Cell::new("x"));
            let mut b = a.clone();
            Paragraph::new(lines.clone()).wrap(Wrap { trim }).render(area, &mut a);
            render_wrapped(lines, trim, area, &mut b);
            prop_assert_eq!(a, b);
        }
    }
}
