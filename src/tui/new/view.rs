//! Drawing the form: the deal, where the usage comes from, the regions as
//! a table (one row each: name, headcount and the funnel), the vendor's
//! quote, a hint for the field under the cursor, the reason of the last
//! refusal and the keys. Holds no state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::{Form, Slot, keys};
use crate::tui::form::view as form_view;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap_at;

/// Width of a label before its value.
const LABEL: usize = 22;
/// Widths of the region table's columns.
const COLUMNS: [usize; 6] = [18, 10, 12, 9, 9, 9];
/// The region table's column heads.
const HEADS: [&str; 6] = [
    "Region",
    "Headcount",
    "Provisioned",
    "Monthly",
    "Weekly",
    "Daily",
];

/// Draw `form` into `area`.
pub fn render(form: &Form, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(
            format!(
                " dealbench new: a scenario from nothing → {} ",
                crate::diag::sanitize(&form.target)
            ),
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let fields = super::fields::fields(form);
    let label = |slot: Slot| {
        fields[form.slots().iter().position(|s| *s == slot).unwrap_or(0)]
            .label
            .clone()
    };
    let mut lines: Vec<Line> = Vec::new();
    heading(&mut lines, "The deal", theme);
    for slot in [Slot::Name, Slot::Currency, Slot::Start] {
        lines.push(field(form, slot, &label(slot), theme));
    }
    heading(&mut lines, "Usage (optional)", theme);
    for slot in [Slot::Usage, Slot::ApiUsage] {
        lines.push(field(form, slot, &label(slot), theme));
    }
    heading(&mut lines, "Regions and their seat funnel", theme);
    lines.push(Line::from(Span::styled(row_text(&HEADS), theme.dim())));
    for i in 0..form.regions {
        lines.push(region_row(form, i, theme));
    }
    if form.regions == 0 {
        lines.push(Line::from(Span::styled(
            "  each region of the usage file; Ctrl+N adds one to give its headcount",
            theme.dim(),
        )));
    }
    heading(&mut lines, "The vendor's quote", theme);
    for slot in [
        Slot::Seats,
        Slot::Price,
        Slot::Term,
        Slot::Uplift,
        Slot::ApiCommit,
    ] {
        lines.push(field(form, slot, &label(slot), theme));
    }
    lines.push(Line::from(Span::styled(counter(form), theme.good())));
    let hint = &fields[form.state.focus.min(fields.len() - 1)].hint;
    let bottom = bottom_lines(form, hint, usize::from(inner.width), theme);
    let room = usize::from(inner.height).saturating_sub(bottom.len());
    let start = scroll(&lines, room);
    let mut shown: Vec<Line> = lines.into_iter().skip(start).take(room).collect();
    while shown.len() < room {
        shown.push(Line::default());
    }
    shown.extend(bottom);
    Paragraph::new(shown).render(inner, buf);
}

/// The first line shown, so the field under the cursor stays in view.
fn scroll(lines: &[Line], room: usize) -> usize {
    let focus_line = lines
        .iter()
        .position(|l| l.spans.iter().any(|s| s.content.ends_with('▏')))
        .unwrap_or(0);
    (focus_line + 2)
        .saturating_sub(room)
        .min(lines.len().saturating_sub(room))
}

fn heading(lines: &mut Vec<Line<'static>>, text: &str, theme: Theme) {
    lines.push(Line::from(Span::styled(text.to_string(), theme.strong())));
}

fn shown(form: &Form, slot: Slot) -> String {
    if form.focused() == slot {
        form_view::with_cursor(form.text(slot))
    } else {
        crate::diag::sanitize(form.text(slot))
    }
}

fn field(form: &Form, slot: Slot, label: &str, theme: Theme) -> Line<'static> {
    let label = format!("  {label:<LABEL$}");
    let value = shown(form, slot);
    let style = if form.focused() == slot {
        theme.selected()
    } else {
        ratatui::style::Style::new()
    };
    let mut spans = vec![Span::raw(label), Span::styled(value, style)];
    if form.text(slot).is_empty() && form.focused() != slot {
        spans.push(Span::styled(placeholder(slot), theme.dim()));
    }
    Line::from(spans)
}

/// What a blank field means.
fn placeholder(slot: Slot) -> String {
    match slot {
        Slot::Usage => "none: type each region's funnel".into(),
        Slot::ApiUsage => "none: no API workloads".into(),
        Slot::Price => "the price book's list".into(),
        _ => String::new(),
    }
}

fn row_text(cells: &[&str; 6]) -> String {
    let mut out = String::from("  ");
    for (cell, width) in cells.iter().zip(COLUMNS) {
        out.push_str(&format!("{cell:<width$} "));
    }
    out.trim_end().to_string()
}

fn region_row(form: &Form, i: usize, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::raw("  ")];
    for (j, width) in COLUMNS.iter().enumerate() {
        let slot = Slot::Region(i, j);
        let text = shown(form, slot);
        let pad = width.saturating_sub(text.chars().count());
        let style = if form.focused() == slot {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" ".repeat(pad + 1)));
    }
    Line::from(spans)
}

/// The hint for the field under the cursor, the last refusal, the keys,
/// each wrapped to `width`.
fn bottom_lines(form: &Form, hint: &str, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    let mut out: Vec<Line> = wrap_at(hint, " ", width)
        .iter()
        .map(|l| form_view::hint(l, theme))
        .collect();
    match form.error() {
        Some(e) => out.extend(
            wrap_at(e, " ", width)
                .iter()
                .map(|l| form_view::refusal(l, theme)),
        ),
        None => out.push(Line::default()),
    }
    out.extend(
        wrap_at(&keys::footer().join("  "), "  ", width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim()))),
    );
    out
}

/// The counter-offer the file will hold, from the weekly active typed so
/// far: ⌈WAU · (1 + buffer)⌉.
fn counter(form: &Form) -> String {
    let blank = |i: usize| (0..6).all(|j| form.text(Slot::Region(i, j)).trim().is_empty());
    let weekly: Option<u64> = (0..form.regions)
        .filter(|i| !blank(*i))
        .map(|i| crate::cli::new::fields::count(form.text(Slot::Region(i, 4)), 0).ok())
        .sum();
    let buffer = rust_decimal::Decimal::from(crate::cli::new::build::BUFFER_PCT);
    let sized = weekly.and_then(|w| {
        crate::engine::seats::usage_sized(w, buffer)
            .ok()
            .map(|s| (w, s))
    });
    match sized {
        Some((w, s)) if w > 0 => format!(
            "  Our counter-offer: {s} seats ({w} weekly active + {} %)",
            crate::cli::new::build::BUFFER_PCT
        ),
        _ if !form.text(Slot::Usage).trim().is_empty() => format!(
            "  Our counter-offer: weekly active + {} %, measured from the usage file",
            crate::cli::new::build::BUFFER_PCT
        ),
        _ => format!(
            "  Our counter-offer: weekly active + {} %, once the funnels are typed",
            crate::cli::new::build::BUFFER_PCT
        ),
    }
}
