//! Small drawing helpers shared by the panels: panel blocks, the slider
//! track, horizontal bars, money in full, and lines drawn as `Paragraph`
//! draws them but without its per-grapheme work when every character is
//! one column ([`render_plain`], [`render_wrapped`]), and tables drawn as
//! `Table` draws them, the same way ([`render_table`]).

mod lines;
mod table;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

pub use self::lines::{render_plain, render_wrapped};
pub use self::table::{TableRow, render_table};
use super::model::{Model, Panel};
use super::theme::Theme;
use crate::money::format_money;

/// The bordered block of a panel; the focused panel's border is bold.
pub fn panel_block(m: &Model, p: Panel, theme: Theme) -> Block<'static> {
    let focused = m.focus == p;
    let title = if focused {
        format!(" ▶ {} ", p.title())
    } else {
        format!(" {} ", p.title())
    };
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.border()
        })
        .title(Span::styled(title, theme.title()))
}

/// Money in the deal currency, in full: `$471,600.00` for USD, else
/// `EUR 1,234.00`.
pub fn money(currency: &str, d: Decimal) -> String {
    match currency {
        "USD" => {
            let s = format_money(d);
            match s.strip_prefix('-') {
                Some(rest) => format!("-${rest}"),
                None => format!("${s}"),
            }
        }
        c => format!("{c} {}", format_money(d)),
    }
}

/// Position of `v` on a track of `width` cells spanning `lo..=hi`.
pub fn position(v: Decimal, lo: Decimal, hi: Decimal, width: usize) -> usize {
    if width == 0 || hi <= lo {
        return 0;
    }
    let frac = ((v - lo) / (hi - lo)).clamp(Decimal::ZERO, Decimal::ONE);
    let cells = (frac * Decimal::from(width - 1)).round();
    cells.to_usize().unwrap_or(0).min(width - 1)
}

/// A slider track: `━` filled up to the value `●`, `─` after it, and the
/// reference value marked `┃`.
pub fn track(
    value: Option<usize>,
    reference: Option<usize>,
    width: usize,
    theme: Theme,
) -> Vec<Span<'static>> {
    // One span per run of cells drawn alike (a span per cell costs the
    // renderer a grapheme walk each).
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(4);
    let mut run = String::new();
    let mut run_style = None;
    for i in 0..width {
        let (ch, style) = if Some(i) == value {
            ('●', theme.strong())
        } else if Some(i) == reference {
            ('┃', theme.marker())
        } else if value.is_some_and(|v| i < v) {
            ('━', theme.bar())
        } else {
            ('─', theme.dim())
        };
        if run_style.is_some_and(|s| s != style) {
            spans.extend(run_style.map(|s| Span::styled(std::mem::take(&mut run), s)));
        }
        run_style = Some(style);
        run.push(ch);
    }
    spans.extend(run_style.map(|s| Span::styled(run, s)));
    spans
}

/// A horizontal bar of `value` against `max` in `width` cells.
pub fn bar(value: u64, max: u64, width: usize) -> String {
    if max == 0 || width == 0 {
        return String::new();
    }
    let eighths = (u128::from(value) * (width as u128) * 8 / u128::from(max)) as usize;
    let full = eighths / 8;
    let part = eighths % 8;
    let mut s = "█".repeat(full.min(width));
    if full < width && part > 0 {
        s.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][part]);
    }
    s
}

/// A label padded to `w` characters followed by a value.
pub fn kv(label: &str, value: String, w: usize, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<w$}"), theme.dim()),
        Span::raw(value),
    ])
}

/// The inner area of a block with borders.
pub fn inner(area: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(area)
}

/// Lines `text` takes when wrapped at spaces into `width` columns (as a
/// `Paragraph` with `Wrap` lays it out), for panels that size themselves.
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    // A line of printable ASCII no wider than the panel is one line as
    // drawn (most lines are); the rest take ratatui's own count (its word
    // wrapper), so a panel sizes itself to exactly what it will draw.
    if text.len() <= usize::from(width) && width_of(text) == text.len() {
        return 1;
    }
    let lines = ratatui::widgets::Paragraph::new(text)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .line_count(width.max(1));
    u16::try_from(lines.max(1)).unwrap_or(u16::MAX)
}

/// Columns `s` takes on the screen, as ratatui measures a span of it
/// (printable ASCII, most text, is one column a byte).
pub fn width_of(s: &str) -> usize {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        s.len()
    } else {
        Span::raw(s).width()
    }
}

/// The text of a line, styles dropped (for measuring it).
pub fn line_text(l: &Line) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// `text` broken into lines of at most `width` columns between the pieces
/// `sep` separates (", " for a list, " " for words); a piece wider than the
/// line gets a line of its own. The separator is kept inside a line only.
pub fn wrap_at(text: &str, sep: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    let mut lines: Vec<String> = Vec::new();
    for piece in text.split(sep) {
        match lines.last_mut() {
            Some(l) if width_of(l) + width_of(sep) + width_of(piece) <= width => {
                l.push_str(sep);
                l.push_str(piece);
            }
            _ => lines.push(piece.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::{Paragraph, Widget, Wrap};

    use super::*;

    /// Lines ratatui itself fills with `text` at `width`.
    fn rendered(text: &str, width: u16) -> u16 {
        let area = Rect::new(0, 0, width, 60);
        let mut buf = Buffer::empty(area);
        Paragraph::new(text.to_string())
            .wrap(Wrap { trim: true })
            .render(area, &mut buf);
        (0..60u16)
            .rev()
            .find(|&y| (0..width).any(|x| buf[(x, y)].symbol() != " "))
            .map_or(1, |y| y + 1)
    }

    #[test]
    fn wrapped_height_counts_what_ratatui_draws() {
        let texts = [
            "aaaa bbbbbbbbbb cc",
            "! commit far above the working population: 2,500 seats committed, but peak planned demand is 1,580 weekly active",
            "Dormant 510 seats  working population 850 WAU  buffer 15 %",
            "averyveryverylongwordthatdoesnotfit and then some",
            "exactly ten",
            "x",
            "",
            "   ",
            "  indented  twice",
            "Total  $1,234.00",
            "m3 → 240 by m15",
        ];
        for text in texts {
            for width in [5u16, 8, 10, 11, 17, 23, 40, 64] {
                assert_eq!(
                    wrapped_height(text, width),
                    rendered(text, width),
                    "'{text}' at {width}"
                );
            }
        }
    }
}
