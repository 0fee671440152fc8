//! The Regions table's columns — what each shows, how it is aligned, and
//! which go first when a narrow screen has no room — and the grid they make
//! for one width, the terms wrapped.

use ratatui::text::Line;
use rust_decimal::Decimal;

use crate::diag::sanitize;
use crate::engine::regional::QuoteCheck;
use crate::money::format_count;
use crate::scenario::Region;
use crate::tui::model::Model;
use crate::tui::widgets::{money, wrap_at};

/// A column: header, whether it takes the room left over (the terms),
/// right-aligned, priority (0 is always shown), and how a region fills it.
/// Fixed columns are as wide as their widest cell.
pub(super) struct Column {
    pub(super) head: &'static str,
    pub(super) flexible: bool,
    pub(super) right: bool,
    priority: u8,
    cell: fn(&Region, &Cells) -> String,
}

/// What a row needs besides the region: this offer's bill and quote check.
pub(super) struct Cells {
    bill: Decimal,
    pub(super) quote: Option<QuoteCheck>,
}

pub(super) const COLUMNS: &[Column] = &[
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
    pub(super) cells: Vec<(Cells, Vec<String>)>,
    pub(super) cols: Vec<(usize, u16)>,
    /// Each row's lines, the terms wrapped ([`Grid::wrapped`]).
    pub(super) lines: Vec<Vec<Vec<String>>>,
    /// Table rows needed with every term list wrapped.
    pub(super) rows_wrapped: u16,
    /// The width it was laid out for.
    pub(super) width: u16,
}

impl Grid {
    pub(super) fn of(m: &Model, width: u16) -> Grid {
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
