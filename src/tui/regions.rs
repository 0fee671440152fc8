//! The Regions panel: each region's funnel, go-live month, ramp target, the
//! terms it requires and this offer's average monthly seat bill in the
//! region's own currency; under the table, the region's own quote against the central rate
//! converted, and — when the price book has volume tiers — what one
//! agreement saves against each region signing alone. Columns that do not
//! fit a narrow screen are left out, least important first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use rust_decimal::Decimal;

mod columns;
mod notes;

pub use columns::Grid;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{TableRow, panel_block, render_table};
use columns::COLUMNS;
use notes::{Note, note_lines, notes};

/// Rows the panel wants at `width` columns: borders, header, regions (each
/// as tall as its wrapped terms), and the consolidation line.
pub fn height(m: &Model, width: u16) -> u16 {
    height_of(m, &grid(m, width))
}

/// The panel's table laid out for a panel `width` columns wide (borders
/// included), to share between [`height_of`] and [`render_grid`] in one frame.
pub fn grid(m: &Model, width: u16) -> Grid {
    Grid::of(m, width.saturating_sub(2))
}

/// [`height`] of an already laid-out grid.
pub fn height_of(m: &Model, grid: &Grid) -> u16 {
    grid.rows_wrapped + 3 + note_lines(&notes(m, grid), grid.width)
}

/// The Regions panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    render_grid(m, grid(m, area.width), area, buf, theme);
}

/// [`render`] with the grid [`grid`] laid out for `area.width`.
pub fn render_grid(m: &Model, grid: Grid, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = panel_block(m, Panel::Regions, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut grid = if grid.width == inner.width {
        grid
    } else {
        Grid::of(m, inner.width)
    };
    let notes = notes(m, &grid);
    let one_line = m.scenario.regions.len() as u16 + 1;
    // The table first: term lists wrap when every row then fits (one line
    // each otherwise); the notes take the rows left.
    let wrap = grid.rows_wrapped < inner.height;
    let table_h = if wrap {
        grid.rows_wrapped + 1
    } else {
        one_line.min(inner.height)
    };
    let note_h = note_lines(&notes, inner.width).min(inner.height - table_h);
    let [table_area, note, _] = Layout::vertical([
        Constraint::Length(table_h),
        Constraint::Length(note_h),
        Constraint::Min(0),
    ])
    .areas(inner);
    let wrapped = std::mem::take(&mut grid.lines);
    let header = TableRow::line(
        grid.cols
            .iter()
            .map(|&(i, _)| COLUMNS[i].head.to_string())
            .collect(),
        theme.dim(),
    );
    // Rows below the table's last line are not drawn, so not built.
    let mut room = table_area.height.saturating_sub(1);
    let table_rows: Vec<TableRow> = grid
        .cells
        .iter()
        .zip(wrapped)
        .map_while(|((cells, text), lines)| {
            if room == 0 {
                return None;
            }
            let style = if cells
                .quote
                .as_ref()
                .is_some_and(|q| q.difference > Decimal::ZERO)
            {
                theme.warn()
            } else {
                Style::new()
            };
            let height = lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as u16;
            room = room.saturating_sub(if wrap { height } else { 1 });
            let cells = grid
                .cols
                .iter()
                .zip(lines)
                .map(|(&(i, _), l)| if wrap { l } else { vec![text[i].clone()] })
                .collect();
            Some(TableRow {
                cells,
                style,
                height: if wrap { height } else { 1 },
            })
        })
        .collect();
    let widths: Vec<u16> = grid.cols.iter().map(|&(_, w)| w).collect();
    let right: Vec<bool> = grid.cols.iter().map(|&(i, _)| COLUMNS[i].right).collect();
    render_table(header, table_rows, &widths, &right, table_area, buf);
    let lines: Vec<Line> = notes
        .into_iter()
        .map(|(text, kind)| {
            let style = match kind {
                Note::Plain => Style::new(),
                Note::Above => theme.warn(),
                Note::Saving => theme.good(),
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(note, buf);
}
