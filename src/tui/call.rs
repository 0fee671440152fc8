//! Call mode, full screen, for a live vendor call: the one number to walk
//! in with (weekly active), our target and the walk-away total, the offer on
//! the table and its difference from both in large type, the quick form for
//! the vendor's new numbers, and the latest lines of the negotiation log.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use rust_decimal::Decimal;

use super::model::{CallForm, Mode, Model};
use super::theme::Theme;
use super::update::call::FIELDS;
use super::widgets::money;
use crate::diag::sanitize;
use crate::money::{format_count, format_money};

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

/// `text` in large type: three lines, or the plain text when too wide.
pub fn large(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let rows: [String; 3] = std::array::from_fn(|r| {
        text.chars()
            .map(|c| glyph(c)[r])
            .collect::<Vec<_>>()
            .join(" ")
    });
    if rows[0].chars().count() > width as usize {
        return vec![
            Line::from(Span::styled(text.to_string(), style)),
            Line::raw(""),
            Line::raw(""),
        ];
    }
    rows.into_iter()
        .map(|r| Line::from(Span::styled(r, style)))
        .collect()
}

/// A signed amount in full, `+$1,234.00` / `-$1,234.00`.
fn signed(cur: &str, d: Decimal) -> String {
    let s = money(cur, d);
    if d > Decimal::ZERO {
        format!("+{s}")
    } else {
        s
    }
}

/// Draw call mode over `area`. The differences are in large type when
/// the screen is tall enough, in bold figures otherwise.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Mode::Call { form } = &m.mode else { return };
    Clear.render(area, buf);
    let cur = m.scenario.deal.currency.as_str();
    let o = m.outcome();
    let f = &m.eval.funnel.total;
    let tall = area.height >= 30;
    let narrow = area.width < 120;
    let form_h = if narrow { 6 } else { 4 };
    let [title, walk, body, form_area, log_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(if tall { 12 } else { 6 }),
        Constraint::Length(form_h),
        Constraint::Min(0),
    ])
    .areas(area);
    Paragraph::new(Line::from(vec![
        Span::styled(" CALL MODE ", theme.selected()),
        Span::styled(
            format!(" {}", sanitize(&m.scenario.deal.name)),
            theme.strong(),
        ),
    ]))
    .render(title, buf);
    let (target, walk_away) = m.targets();
    let opt = |v: Option<Decimal>, key: &str| {
        v.map_or_else(|| format!("not set ({key} sets it)"), |v| money(cur, v))
    };
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(" Walk in with ", theme.dim()),
            Span::styled(
                format!("{} weekly active", format_count(f.wau)),
                theme.good().patch(theme.strong()),
            ),
            Span::styled(
                format!(
                    " — a commit of {} with the buffer",
                    format_count(f.usage_sized_commit)
                ),
                theme.dim(),
            ),
        ]),
        Line::from(vec![
            Span::styled(" Our target ", theme.dim()),
            Span::styled(opt(target, "t"), theme.strong()),
            Span::styled("   walk-away ", theme.dim()),
            Span::styled(opt(walk_away, "w"), theme.strong()),
        ]),
    ])
    .render(walk, buf);
    let mut lines = vec![Line::from(vec![
        Span::styled(" On the table: ", theme.dim()),
        Span::styled(sanitize(&o.offer.name), theme.title()),
        Span::raw(format!(
            " ({}/{}) by {} — total",
            m.table + 1,
            m.eval.outcomes.len(),
            o.offer.by.as_str()
        )),
    ])];
    lines.extend(large(
        &money(cur, o.total).replace(' ', ""),
        body.width,
        theme.strong(),
    ));
    for (label, goal, over) in [
        ("our target", target, "above"),
        ("the walk-away", walk_away, "ABOVE — walk away"),
    ] {
        let Some(goal) = goal else { continue };
        let d = o.total - goal;
        let verdict = if d > Decimal::ZERO { over } else { "within" };
        let style = theme.signed(d > Decimal::ZERO);
        let mut line = vec![
            Span::styled(format!(" vs {label} {}: ", money(cur, goal)), theme.dim()),
            Span::styled(verdict.to_string(), style.patch(theme.strong())),
        ];
        if tall {
            lines.push(Line::from(line));
            lines.extend(large(&signed(cur, d).replace(' ', ""), body.width, style));
        } else {
            line.push(Span::styled(
                format!("  {}", signed(cur, d)),
                style.patch(theme.strong()),
            ));
            lines.push(Line::from(line));
        }
    }
    Paragraph::new(lines).render(body, buf);
    render_form(m, form.as_ref(), form_area, buf, theme);
    render_log(m, log_area, buf, theme);
}

fn render_form(m: &Model, form: Option<&CallForm>, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            " The vendor's new numbers (v) ",
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(form) = form else {
        let hint = "v types the vendor's new numbers as a new offer, priced as you type · l logs a line · [ ] changes the offer";
        Paragraph::new(Line::from(Span::styled(hint, theme.dim())))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    };
    let per_row = if area.width < 120 { 3 } else { FIELDS.len() };
    let cells: Vec<(usize, &str, &String)> = FIELDS
        .iter()
        .zip(&form.fields)
        .enumerate()
        .map(|(i, (l, v))| (i, *l, v))
        .collect();
    let mut lines: Vec<Line> = cells
        .chunks(per_row)
        .map(|chunk| {
            let mut spans = Vec::new();
            for (i, label, value) in chunk {
                let focused = *i == form.focus;
                spans.push(Span::styled(format!("{label} "), theme.dim()));
                let text = format!("{value}{}", if focused { "▏" } else { "" });
                spans.push(Span::styled(
                    text,
                    if focused {
                        theme.selected()
                    } else {
                        theme.strong()
                    },
                ));
                spans.push(Span::raw("   "));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(preview_line(m, form, theme));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// What the typed numbers come to: total, differences, break-even.
fn preview_line(m: &Model, form: &CallForm, theme: Theme) -> Line<'static> {
    let cur = m.scenario.deal.currency.as_str();
    let p = match (&form.preview, &form.error) {
        (_, Some(e)) => return Line::from(Span::styled(sanitize(e), theme.bad())),
        (Some(p), None) => p,
        (None, None) => return Line::raw(""),
    };
    let (target, walk) = m.targets();
    let mut spans = vec![
        Span::styled("→ total ", theme.dim()),
        Span::styled(money(cur, p.total), theme.strong()),
    ];
    if let Some(t) = target {
        spans.push(Span::styled(
            format!("  vs target {}", signed(cur, p.total - t)),
            theme.signed(p.total > t),
        ));
    }
    if let Some(w) = walk {
        spans.push(Span::styled(
            format!("  vs walk-away {}", signed(cur, p.total - w)),
            theme.signed(p.total > w),
        ));
    }
    if let Some(b) = p.break_even {
        spans.push(Span::styled(
            format!(
                "  at our target the seat price is {cur} {}",
                format_money(b)
            ),
            theme.strong(),
        ));
    }
    Line::from(spans)
}

fn render_log(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            " Negotiation log (l adds a line) ",
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = inner.height as usize;
    let entries = &m.scenario.log;
    let lines: Vec<Line> = entries
        .iter()
        .skip(entries.len().saturating_sub(rows))
        .map(|e| {
            Line::from(vec![
                Span::styled(format!("{} ", sanitize(&e.at)), theme.dim()),
                Span::styled(format!("{:<7}", sanitize(&e.who)), theme.strong()),
                Span::raw(sanitize(&e.text)),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
