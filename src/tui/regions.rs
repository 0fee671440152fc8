//! The Regions panel: each region's funnel, go-live month, ramp target, the
//! terms it requires and this offer's average monthly seat bill in the
//! region's own currency; under the table, the region's own quote against the central rate
//! converted, and — when the price book has volume tiers — what one
//! agreement saves against each region signing alone. Columns that do not
//! fit a narrow screen are left out, least important first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget, Wrap};
use rust_decimal::Decimal;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{money, panel_block, wrap_at, wrapped_height};
use crate::diag::sanitize;
use crate::engine::regional::QuoteCheck;
use crate::money::{format_count, plain, two_places};
use crate::scenario::Region;

/// A column: header, whether it takes the room left over (the terms),
/// right-aligned, priority (0 is always shown), and how a region fills it.
/// Fixed columns are as wide as their widest cell.
struct Column {
    head: &'static str,
    flexible: bool,
    right: bool,
    priority: u8,
    cell: fn(&Region, &Cells) -> String,
}

/// What a row needs besides the region: this offer's bill and quote check.
struct Cells {
    bill: Decimal,
    quote: Option<QuoteCheck>,
}

const COLUMNS: &[Column] = &[
    Column {
        head: "Region",
        flexible: false,
        right: false,
        priority: 0,
        cell: |r, _| sanitize(&r.name),
    },
    Column {
        head: "Head",
        flexible: false,
        right: true,
        priority: 1,
        cell: |r, _| format_count(r.headcount),
    },
    Column {
        head: "Prov",
        flexible: false,
        right: true,
        priority: 0,
        cell: |r, _| format_count(r.provisioned),
    },
    Column {
        head: "MAU",
        flexible: false,
        right: true,
        priority: 2,
        cell: |r, _| format_count(r.mau),
    },
    Column {
        head: "WAU",
        flexible: false,
        right: true,
        priority: 0,
        cell: |r, _| format_count(r.wau),
    },
    Column {
        head: "DAU",
        flexible: false,
        right: true,
        priority: 2,
        cell: |r, _| format_count(r.dau),
    },
    Column {
        head: "Dormant",
        flexible: false,
        right: true,
        priority: 1,
        cell: |r, _| format_count(r.dormant()),
    },
    Column {
        head: "Go-live → ramp",
        flexible: false,
        right: true,
        priority: 1,
        cell: ramp,
    },
    Column {
        head: "Requires",
        flexible: true,
        right: false,
        priority: 4,
        cell: |r, _| sanitize(&r.requires.join(", ")),
    },
    Column {
        head: "Seat bill/mo",
        flexible: false,
        right: true,
        priority: 0,
        cell: |r, c| money(&r.currency, c.bill),
    },
];

/// "m3 → 240 by m15": the go-live month, then the working population the
/// region ramps to and the month it gets there.
fn ramp(r: &Region, _: &Cells) -> String {
    if r.ramp_months > 0 {
        format!(
            "m{} → {} by m{}",
            r.go_live,
            format_count(r.target_wau),
            r.go_live + r.ramp_months
        )
    } else {
        format!("m{} → {}", r.go_live, format_count(r.target_wau))
    }
}

/// The columns that fit `width`, most important first, shown in file
/// order, each with its width: a fixed column as wide as its widest cell
/// (header included), the flexible one taking what is left (at least 8).
fn fitting(width: u16, cells: &[Vec<String>]) -> Vec<(usize, u16)> {
    let natural = |i: usize| -> u16 {
        let widest = cells
            .iter()
            .map(|row| Line::from(row[i].as_str()).width())
            .chain([Line::from(COLUMNS[i].head).width()])
            .max()
            .unwrap_or(0);
        u16::try_from(widest).unwrap_or(u16::MAX)
    };
    let mut chosen: Vec<(usize, u16)> = Vec::new();
    let mut used = 0u16;
    for priority in 0..=4 {
        for (i, c) in COLUMNS.iter().enumerate() {
            if c.priority != priority {
                continue;
            }
            // A long region name is cut rather than crowding out columns.
            let w = match (c.flexible, c.head) {
                (true, _) => 8,
                (false, "Region") => natural(i).min(20),
                _ => natural(i),
            };
            if used.saturating_add(w + 1) <= width.saturating_add(1) {
                used += w + 1;
                chosen.push((i, w));
            }
        }
    }
    chosen.sort_unstable();
    let spare = (width + 1).saturating_sub(used);
    for (i, w) in &mut chosen {
        if COLUMNS[*i].flexible {
            *w += spare;
        }
    }
    chosen
}

/// Each region's cells and the columns that fit a panel `width` wide.
pub struct Grid {
    cells: Vec<(Cells, Vec<String>)>,
    cols: Vec<(usize, u16)>,
    /// Each row's lines, the terms wrapped ([`Grid::wrapped`]).
    lines: Vec<Vec<Vec<String>>>,
    /// Table rows needed with every term list wrapped.
    rows_wrapped: u16,
    /// The width it was laid out for.
    width: u16,
}

impl Grid {
    fn of(m: &Model, width: u16) -> Grid {
        let o = m.outcome();
        let horizon = Decimal::from(m.eval.horizon.max(1));
        let cells: Vec<(Cells, Vec<String>)> = m
            .scenario
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let cells = Cells {
                    bill: o
                        .regions
                        .get(i)
                        .map_or(Decimal::ZERO, |b| b.local / horizon),
                    quote: o.regional_quotes.iter().find(|q| q.region == r.id).cloned(),
                };
                let text = COLUMNS.iter().map(|c| (c.cell)(r, &cells)).collect();
                (cells, text)
            })
            .collect();
        let texts: Vec<Vec<String>> = cells.iter().map(|(_, t)| t.clone()).collect();
        let cols = fitting(width, &texts);
        let mut grid = Grid {
            cells,
            cols,
            lines: Vec::new(),
            rows_wrapped: 0,
            width,
        };
        grid.lines = grid.wrapped();
        grid.rows_wrapped = grid
            .lines
            .iter()
            .map(|row| row.iter().map(Vec::len).max().unwrap_or(1).max(1) as u16)
            .sum();
        grid
    }

    /// Each row's lines: the flexible column (the terms) wrapped to its width.
    fn wrapped(&self) -> Vec<Vec<Vec<String>>> {
        self.cells
            .iter()
            .map(|(_, text)| {
                self.cols
                    .iter()
                    .map(|&(i, w)| {
                        if COLUMNS[i].flexible {
                            wrap_at(&text[i], ", ", w)
                        } else {
                            vec![text[i].clone()]
                        }
                    })
                    .collect()
            })
            .collect()
    }
}

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
    let cell = |lines: Vec<String>, right: bool| {
        let text = Text::from(lines.into_iter().map(Line::from).collect::<Vec<_>>());
        Cell::from(if right { text.right_aligned() } else { text })
    };
    let header = Row::new(
        grid.cols
            .iter()
            .map(|&(i, _)| cell(vec![COLUMNS[i].head.to_string()], COLUMNS[i].right)),
    )
    .style(theme.dim());
    let table_rows = grid
        .cells
        .iter()
        .zip(wrapped)
        .map(|((cells, text), lines)| {
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
            let row_cells = grid.cols.iter().zip(lines).map(|(&(i, _), l)| {
                let l = if wrap { l } else { vec![text[i].clone()] };
                cell(l, COLUMNS[i].right)
            });
            Row::new(row_cells)
                .style(style)
                .height(if wrap { height } else { 1 })
        });
    let widths: Vec<Constraint> = grid
        .cols
        .iter()
        .map(|&(_, w)| Constraint::Length(w))
        .collect();
    Table::new(table_rows, widths)
        .header(header)
        .column_spacing(1)
        .render(table_area, buf);
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

/// How a note under the table is shown.
#[derive(Clone, Copy)]
enum Note {
    Plain,
    /// A regional quote above the central rate.
    Above,
    /// What one agreement saves.
    Saving,
}

/// The lines under the table: each region's required terms when the table
/// has no room for them, each region's own quote against the central rate
/// converted, then what one consolidated agreement saves against the
/// regions signing alone (when the price book has volume tiers).
fn notes(m: &Model, grid: &Grid) -> Vec<(String, Note)> {
    let o = m.outcome();
    let mut out: Vec<(String, Note)> = Vec::new();
    if !grid.cols.iter().any(|&(i, _)| COLUMNS[i].flexible) {
        out.extend(
            m.scenario
                .regions
                .iter()
                .filter(|r| !r.requires.is_empty())
                .map(|r| {
                    let text = format!(
                        "{} requires {}",
                        sanitize(&r.name),
                        sanitize(&r.requires.join(", "))
                    );
                    (text, Note::Plain)
                }),
        );
    }
    out.extend(o.regional_quotes.iter().map(|q| {
        let name = m.scenario.region_name(&q.region);
        let side = if q.difference > Decimal::ZERO {
            "above"
        } else if q.difference < Decimal::ZERO {
            "below"
        } else {
            "equal to"
        };
        let text = format!(
            "{} quotes {} a seat-month: {} ({} %) {} the central rate converted ({})",
            sanitize(name),
            money(&q.currency, q.quoted),
            money(&q.currency, q.difference.abs()),
            two_places(q.difference_pct.abs()),
            side,
            money(&q.currency, q.central)
        );
        let kind = if q.difference > Decimal::ZERO {
            Note::Above
        } else {
            Note::Plain
        };
        (text, kind)
    }));
    out.extend(consolidation_note(m).map(|t| (t, Note::Saving)));
    out.extend(residency_note(m));
    out
}

/// What US data residency costs on the API side, when a region requires
/// it and the price book sells US-only inference on the routed models:
/// the workloads still run global and what moving them would add, or that
/// the API already runs US-only.
fn residency_note(m: &Model) -> Option<(String, Note)> {
    let s = &m.scenario;
    let regions = crate::engine::residency::requiring(s);
    if regions.is_empty() || s.workloads.is_empty() {
        return None;
    }
    let o = m.outcome();
    let us = crate::engine::residency::us_only(s, &o.offer.api, m.eval.horizon).ok()?;
    let names: Vec<String> = regions.iter().map(|r| sanitize(s.region_name(r))).collect();
    if !us.global.is_empty() {
        let text = format!(
            "US residency ({}): API workloads {} run global; US-only inference (inference_geo = \"us\") adds {} at list over {} months",
            names.join(", "),
            sanitize(&us.global.join(", ")),
            money(&s.deal.currency, us.extra),
            m.eval.horizon
        );
        return Some((text, Note::Above));
    }
    if us.cannot.is_empty() {
        let text = format!(
            "US residency ({}): every API workload runs US-only, at each model's US-only multiplier",
            names.join(", ")
        );
        return Some((text, Note::Plain));
    }
    None
}

/// What one consolidated agreement saves against the regions signing alone,
/// when the price book has volume tiers for the offer's tier.
fn consolidation_note(m: &Model) -> Option<String> {
    let o = m.outcome();
    let c = m
        .eval
        .consolidation
        .iter()
        .find(|c| c.tier == o.offer.tier)?;
    let cur = &m.scenario.deal.currency;
    Some(format!(
        "One agreement: {} seats at {} % off list ({}) saves {} a year against each region signing alone ({})",
        format_count(c.seats),
        plain(c.discount_pct),
        money(cur, c.price),
        money(cur, c.saving_per_year),
        money(cur, c.alone_per_year)
    ))
}

/// Lines the notes take at `width`, each wrapped at words.
fn note_lines(notes: &[(String, Note)], width: u16) -> u16 {
    notes.iter().map(|(t, _)| wrapped_height(t, width)).sum()
}
