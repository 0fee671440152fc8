//! The figures of call mode in large type: the walk-in number, the offer on
//! the table, and its difference from our target and from the walk-away.
//! Each figure has three short lines of label beside its large type, and a
//! one-line bold form for when large type does not fit the width or the
//! rows; [`plan`] decides which figures get large type.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use rust_decimal::Decimal;

use crate::diag::sanitize;
use crate::money::{format_count, format_money};
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use crate::tui::widgets::money;

/// Which figures keep large type first when rows run short: the offer on
/// the table, its difference from the walk-away, from our target, then
/// the walk-in number.
const PRIORITY: [usize; 4] = [1, 3, 2, 0];

/// Rows left over, beyond the log's least, before the figures get a blank
/// row between them (the log comes first: the line just said matters).
const SPACE_AFTER: u16 = 3;

/// Three-row glyphs for large type.
fn glyph(c: char) -> [&'static str; 3] {
    match c {
        '0' => ["█▀█", "█ █", "█▄█"],
        '1' => [" ▀█", "  █", "  █"],
        '2' => ["▀▀█", "█▀▀", "█▄▄"],
        '3' => ["▀▀█", " ▀█", "▄▄█"],
        '4' => ["█ █", "▀▀█", "  █"],
        '5' => ["█▀▀", "▀▀█", "▄▄█"],
        '6' => ["█▀▀", "█▀█", "█▄█"],
        '7' => ["▀▀█", "  █", "  █"],
        '8' => ["█▀█", "█▀█", "█▄█"],
        '9' => ["█▀█", "▀▀█", "▄▄█"],
        '$' => ["▄█▄", "▀█▄", "▀█▀"],
        ',' => ["  ", "  ", "▄▀"],
        '.' => [" ", " ", "▄"],
        '-' => ["   ", "▀▀▀", "   "],
        '+' => [" ▄ ", "▀█▀", "   "],
        _ => ["   ", "   ", "   "],
    }
}

/// The three rows of `text` in large type.
fn rows(text: &str) -> [String; 3] {
    std::array::from_fn(|r| {
        text.chars()
            .map(|c| glyph(c)[r])
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// How many cells `text` takes in large type.
pub fn big_width(text: &str) -> u16 {
    u16::try_from(rows(text)[0].chars().count()).unwrap_or(u16::MAX)
}

/// `text` in large type: three lines, or the plain text in bold when it is
/// wider than `width`.
pub fn large(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    if big_width(text) > width {
        return vec![
            Line::from(Span::styled(
                text.to_string(),
                style.add_modifier(ratatui::style::Modifier::BOLD),
            )),
            Line::raw(""),
            Line::raw(""),
        ];
    }
    rows(text)
        .into_iter()
        .map(|r| Line::from(Span::styled(r, style)))
        .collect()
}

/// One figure of call mode.
pub struct Figure {
    /// Three short lines beside the large type.
    labels: [Line<'static>; 3],
    /// The figure on one line, in bold, when large type does not fit.
    line: Line<'static>,
    /// The text for large type and its style; None when the figure is not
    /// set (a target not typed yet).
    big: Option<(String, Style)>,
    /// Money is right-aligned, so the figures line up on the cents.
    right: bool,
}

/// Money for large type: the glyphs carry `$` only, so other currencies
/// are named in the labels.
fn big_money(cur: &str, d: Decimal, sign: bool) -> String {
    let plus = if sign && d > Decimal::ZERO { "+" } else { "" };
    if cur == "USD" {
        format!("{plus}{}", money(cur, d))
    } else {
        format!("{plus}{}", format_money(d))
    }
}

/// A signed amount in full, `+$1,234.00` / `-$1,234.00`.
pub fn signed(cur: &str, d: Decimal) -> String {
    let s = money(cur, d);
    if d > Decimal::ZERO {
        format!("+{s}")
    } else {
        s
    }
}

/// The figures, top to bottom.
pub fn all(m: &Model, theme: Theme) -> Vec<Figure> {
    let (target, walk_away) = m.targets();
    vec![
        walk_in(m, theme),
        on_the_table(m, theme),
        versus(m, theme, "our target", target, ("above", "t")),
        versus(
            m,
            theme,
            "the walk-away",
            walk_away,
            ("ABOVE — walk away", "w"),
        ),
    ]
}

fn walk_in(m: &Model, theme: Theme) -> Figure {
    let f = &m.eval.funnel.total;
    let (wau, commit) = (format_count(f.wau), format_count(f.usage_sized_commit));
    let good = theme.good().patch(theme.strong());
    Figure {
        labels: [
            Line::styled(" Walk in with", theme.strong()),
            Line::styled(" weekly active", theme.dim()),
            Line::styled(format!(" commit {commit} with buffer"), theme.dim()),
        ],
        line: Line::from(vec![
            Span::styled(" Walk in with ", theme.dim()),
            Span::styled(format!("{wau} weekly active"), good),
            Span::styled(
                format!(" — a commit of {commit} with the buffer"),
                theme.dim(),
            ),
        ]),
        big: Some((wau, good)),
        right: false,
    }
}

fn on_the_table(m: &Model, theme: Theme) -> Figure {
    let cur = m.scenario.deal.currency.as_str();
    let o = m.outcome();
    let place = format!("({}/{})", m.table + 1, m.eval.outcomes.len());
    let by = o.offer.by.as_str();
    let name = sanitize(&o.offer.name);
    let unit = if cur == "USD" {
        String::new()
    } else {
        format!(", {cur}")
    };
    Figure {
        labels: [
            Line::styled(format!(" On the table {place}"), theme.strong()),
            Line::styled(format!(" {name}"), theme.title()),
            Line::styled(format!(" by {by} · total{unit}"), theme.dim()),
        ],
        line: Line::from(vec![
            Span::styled(" On the table: ", theme.dim()),
            Span::styled(name, theme.title()),
            Span::raw(format!(" {place} by {by} — total ")),
            Span::styled(money(cur, o.total), theme.strong()),
        ]),
        big: Some((big_money(cur, o.total, false), theme.strong())),
        right: true,
    }
}

/// The offer's difference from a goal; `words`: the verdict when above it,
/// and the key that sets the goal.
fn versus(
    m: &Model,
    theme: Theme,
    label: &str,
    goal: Option<Decimal>,
    words: (&str, &str),
) -> Figure {
    let cur = m.scenario.deal.currency.as_str();
    let Some(goal) = goal else {
        let line = format!(" vs {label}: not set ({} sets it)", words.1);
        return Figure {
            labels: [Line::raw(""), Line::raw(""), Line::raw("")],
            line: Line::styled(line, theme.dim()),
            big: None,
            right: true,
        };
    };
    let d = m.outcome().total - goal;
    let verdict = if d > Decimal::ZERO { words.0 } else { "within" };
    let style = theme.signed(d > Decimal::ZERO).patch(theme.strong());
    Figure {
        labels: [
            Line::styled(format!(" vs {label}"), theme.strong()),
            Line::styled(format!(" {}", money(cur, goal)), theme.dim()),
            Line::styled(format!(" {verdict}"), style),
        ],
        line: Line::from(vec![
            Span::styled(format!(" vs {label} {}: ", money(cur, goal)), theme.dim()),
            Span::styled(verdict.to_string(), style),
            Span::styled(format!("  {}", signed(cur, d)), style),
        ]),
        big: Some((big_money(cur, d, true), style)),
        right: true,
    }
}

/// Which figures are drawn in large type, with a blank row between them
/// when there is room.
pub struct Plan {
    big: Vec<bool>,
    spaced: bool,
    label_w: u16,
}

impl Plan {
    /// The rows the figures take.
    pub fn height(&self) -> u16 {
        let n = self.big.len() as u16;
        let big = self.big.iter().filter(|b| **b).count() as u16;
        n + 2 * big + if self.spaced { n.saturating_sub(1) } else { 0 }
    }
}

/// Give large type to the figures that fit `width`, in [`PRIORITY`] order,
/// while the figures fit in `room` rows.
pub fn plan(figs: &[Figure], width: u16, room: u16) -> Plan {
    let label_w = if width >= 120 { 36 } else { 28 };
    let n = figs.len() as u16;
    let mut big = vec![false; figs.len()];
    let mut rows = n;
    for i in PRIORITY {
        let fits = figs
            .get(i)
            .and_then(|f| f.big.as_ref())
            .is_some_and(|(t, _)| u32::from(label_w) + u32::from(big_width(t)) <= u32::from(width));
        if fits && rows + 2 <= room {
            big[i] = true;
            rows += 2;
        }
    }
    Plan {
        big,
        spaced: rows + n.saturating_sub(1) + SPACE_AFTER <= room,
        label_w,
    }
}

/// Draw the figures as planned.
pub fn render(figs: &[Figure], plan: &Plan, area: Rect, buf: &mut Buffer) {
    let column = figs
        .iter()
        .zip(&plan.big)
        .filter(|(f, big)| **big && f.right)
        .filter_map(|(f, _)| f.big.as_ref().map(|(t, _)| big_width(t)))
        .max()
        .unwrap_or(0);
    let mut y = area.y;
    for (i, (f, big)) in figs.iter().zip(&plan.big).enumerate() {
        y += u16::from(plan.spaced && i > 0);
        let h = if *big { 3 } else { 1 };
        let row = Rect::new(area.x, y, area.width, h).intersection(area);
        match (&f.big, *big) {
            (Some((text, style)), true) => {
                let [label, number] = split(row, plan.label_w);
                let labels: Vec<Line> = f
                    .labels
                    .iter()
                    .map(|l| clip(l, usize::from(label.width.saturating_sub(1))))
                    .collect();
                Paragraph::new(labels).render(label, buf);
                let pad = if f.right {
                    column.saturating_sub(big_width(text))
                } else {
                    0
                };
                let number = Rect {
                    x: number.x.saturating_add(pad),
                    width: number.width.saturating_sub(pad),
                    ..number
                };
                Paragraph::new(large(text, number.width, *style)).render(number, buf);
            }
            _ => Paragraph::new(f.line.clone()).render(row, buf),
        }
        y += h;
    }
}

/// The label column and the rest of a row.
fn split(row: Rect, label_w: u16) -> [Rect; 2] {
    let w = label_w.min(row.width);
    [
        Rect { width: w, ..row },
        Rect {
            x: row.x + w,
            width: row.width - w,
            ..row
        },
    ]
}

/// `line` cut to `width` cells, ending in `…` when something was cut.
fn clip(line: &Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line.clone();
    }
    let mut room = width.saturating_sub(1);
    let mut spans = Vec::new();
    for span in &line.spans {
        let mut text = String::new();
        for c in span.content.chars() {
            let w = Span::raw(c.to_string()).width();
            if w > room {
                room = 0;
                break;
            }
            room -= w;
            text.push(c);
        }
        spans.push(Span::styled(text, span.style));
        if room == 0 {
            break;
        }
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(line.style)
}
