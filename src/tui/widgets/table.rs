//! A table of text cells drawn as ratatui's `Table` draws it (a header
//! row, fixed column widths one column apart, cells left- or right-aligned,
//! rows as tall as their lines), cell for cell, without its per-grapheme
//! work, when every text is made of one-column characters
//! ([`super::lines`]) and the columns fit the area. Any other table goes
//! through `Table` itself. The tests hold the two to the same buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell, Widget};

use super::lines::simple;

/// One row of a [`render_table`]: each column's lines, the row's style
/// and height.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub cells: Vec<Vec<String>>,
    pub style: Style,
    pub height: u16,
}

impl TableRow {
    /// A row one line tall, each cell one line.
    pub fn line(cells: Vec<String>, style: Style) -> TableRow {
        TableRow {
            cells: cells.into_iter().map(|c| vec![c]).collect(),
            style,
            height: 1,
        }
    }
}

/// `Table::new(rows, widths as Constraint::Length).header(header)
/// .column_spacing(1).render(area, buf)`, each column's text right-aligned
/// where `right[column]`, faster.
pub fn render_table(
    header: TableRow,
    rows: Vec<TableRow>,
    widths: &[u16],
    right: &[bool],
    area: Rect,
    buf: &mut Buffer,
) {
    let plain = |r: &TableRow| r.cells.iter().flatten().all(|t| t.chars().all(simple));
    let fits = widths.iter().map(|&w| u32::from(w) + 1).sum::<u32>() <= u32::from(area.width) + 1;
    if !(fits && area == area.intersection(buf.area) && plain(&header) && rows.iter().all(plain)) {
        return ratatui_table(header, rows, widths, right, area, buf);
    }
    if area.is_empty() {
        return;
    }
    let mut xs = Vec::with_capacity(widths.len());
    let mut x = area.x;
    for &w in widths {
        xs.push(x);
        x += w + 1;
    }
    let draw_row = |row: &TableRow, y: u16, height: u16, buf: &mut Buffer| {
        buf.set_style(Rect { y, height, ..area }, row.style);
        for (c, lines) in row.cells.iter().enumerate().take(widths.len()) {
            let right = right.get(c).copied().unwrap_or(false);
            for (k, text) in lines.iter().take(usize::from(height)).enumerate() {
                draw_line(text, xs[c], y + k as u16, widths[c], right, buf);
            }
        }
    };
    let header_h = header.height.min(area.height);
    draw_row(&header, area.y, header_h, buf);
    // The rows that fit whole, then one cut at the bottom if room is left,
    // as `Table` shows them.
    let top = area.y + header_h;
    let room = area.height - header_h;
    let mut whole = 0;
    let mut used = 0u16;
    for row in &rows {
        if used + row.height > room {
            break;
        }
        used += row.height;
        whole += 1;
    }
    let shown = if used < room && whole < rows.len() {
        whole + 1
    } else {
        whole
    };
    let mut y = top;
    for row in rows.iter().take(shown) {
        let height = (y + row.height).min(top + room).saturating_sub(y);
        draw_row(row, y, height, buf);
        y += row.height;
    }
}

/// One line of plain text in a cell `width` wide at (x, y): a line wider
/// than the cell loses its end when left-aligned, its start when
/// right-aligned.
fn draw_line(text: &str, x: u16, y: u16, width: u16, right: bool, buf: &mut Buffer) {
    let len = text.chars().count();
    let width = usize::from(width);
    let (indent, skip) = match (right, len <= width) {
        (true, true) => (width - len, 0),
        (true, false) => (0, len - width),
        (false, _) => (0, 0),
    };
    let chars = text.chars().skip(skip).take(width - indent);
    for (at, c) in (x + indent as u16..).zip(chars) {
        buf[(at, y)].set_char(c);
    }
}

/// [`render_table`] by ratatui's `Table`.
fn ratatui_table(
    header: TableRow,
    rows: Vec<TableRow>,
    widths: &[u16],
    right: &[bool],
    area: Rect,
    buf: &mut Buffer,
) {
    let row = |r: TableRow| {
        let cells = r.cells.into_iter().enumerate().map(|(c, lines)| {
            let text = Text::from(lines.into_iter().map(Line::from).collect::<Vec<_>>());
            Cell::from(if right.get(c).copied().unwrap_or(false) {
                text.right_aligned()
            } else {
                text
            })
        });
        ratatui::widgets::Row::new(cells)
            .style(r.style)
            .height(r.height)
    };
    ratatui::widgets::Table::new(
        rows.into_iter().map(row),
        widths.iter().map(|&w| Constraint::Length(w)),
    )
    .header(row(header))
    .column_spacing(1)
    .render(area, buf);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};

    use super::*;

    fn style(k: u8) -> Style {
        match k % 3 {
            0 => Style::new(),
            1 => Style::new().fg(Color::Yellow),
            _ => Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// Texts of plain characters, sometimes wider than their column, and
    /// sometimes one character that is not plain (the fallback path).
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => "[a-z0-9 ,.$→…]{0,9}",
            1 => "[a-zé]{0,3}[中]?",
        ]
    }

    fn row(columns: usize) -> impl Strategy<Value = TableRow> {
        (
            prop::collection::vec(prop::collection::vec(text(), 0..3), columns),
            any::<u8>(),
            1u16..4,
        )
            .prop_map(|(cells, k, height)| TableRow {
                cells,
                style: style(k),
                height,
            })
    }

    fn case() -> impl Strategy<Value = (TableRow, Vec<TableRow>, Vec<u16>, Vec<bool>, Rect)> {
        (1usize..5).prop_flat_map(|n| {
            (
                row(n),
                prop::collection::vec(row(n), 0..6),
                prop::collection::vec(0u16..9, n),
                prop::collection::vec(any::<bool>(), n),
                (0u16..8, 0u16..5, 0u16..32, 0u16..11),
            )
                .prop_map(|(h, rows, widths, right, (x, y, w, ht))| {
                    (h, rows, widths, right, Rect::new(x, y, w, ht))
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        #[test]
        fn draws_what_ratatui_table_draws((header, rows, widths, right, area) in case()) {
            let full = Rect::new(0, 0, 34, 13);
            let mut a = Buffer::filled(full, ratatui::buffer::Cell::new("x"));
            let mut b = a.clone();
            ratatui_table(header.clone(), rows.clone(), &widths, &right, area, &mut a);
            render_table(header, rows, &widths, &right, area, &mut b);
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn a_wide_right_aligned_cell_shows_its_end() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 2));
        let header = TableRow::line(vec!["h".into(), "n".into()], Style::new());
        let rows = vec![TableRow::line(
            vec!["abcdef".into(), "123456".into()],
            Style::new(),
        )];
        render_table(header, rows, &[4, 4], &[false, true], buf.area, &mut buf);
        assert_eq!(buf, Buffer::with_lines(["h       n", "abcd 3456"]));
    }
}
