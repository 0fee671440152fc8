//! The screen: header (the deal, the offer on the table and its position,
//! the reference, the total), the panels, the footer of keys that apply,
//! and the overlays (typing a value, the unsaved-changes question, help).
//!
//! At 140×40 and above every panel shows; below, the lever under the cursor
//! stays on a line of its own and Tab chooses the one panel shown.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::keymap;
use super::levers::Lever;
use super::model::{Mode, Model, Panel};
use super::theme::Theme;
use super::widgets::money;
use super::{api, call, compare, drivers, funnel, overlays, regions, sliders, term, totals};
use crate::diag::sanitize;
use crate::money::two_places;

/// Wide enough for every panel at once.
pub fn is_large(area: Rect) -> bool {
    area.width >= 140 && area.height >= 40
}

/// Draw the whole workbench.
pub fn render(m: &Model, frame: &mut Frame, theme: Theme) {
    draw(m, frame.area(), frame.buffer_mut(), theme);
}

/// Draw into a buffer (also used by snapshot tests).
pub fn draw(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    if m.pricing.is_some() {
        pricing(m, area, buf, theme);
        return;
    }
    if call::active(m) {
        let [body, foot] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        call::render(m, body, buf, theme);
        footer(m, foot, buf, theme);
        return;
    }
    let head_h = if area.width >= 120 { 2 } else { 3 };
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    header(m, head, buf, theme);
    if is_large(area) {
        large(m, body, buf, theme);
    } else {
        small(m, body, buf, theme);
    }
    footer(m, foot, buf, theme);
    if matches!(m.mode, Mode::Compare { .. }) {
        compare::render(m, body, buf, theme);
    }
    if matches!(m.mode, Mode::Drivers { .. }) {
        drivers::render(m, body, buf, theme);
    }
    if matches!(m.mode, Mode::Risk) {
        super::risk::render(m, body, buf, theme);
    }
    overlays::render(m, area, buf, theme);
}

/// The frame drawn while the file's first pricing runs in the background:
/// the deal, its size, and that the figures are on their way.
fn pricing(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let s = &m.scenario;
    let count = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let lines = vec![
        Line::from(vec![
            Span::styled(" dealbench ", theme.selected()),
            Span::raw(format!(" {}", sanitize(&s.deal.name))),
        ]),
        Line::from(format!(
            " {} · {}, {}, {} over {} months",
            sanitize(&m.file_label()),
            count(s.offers.len(), "offer"),
            count(s.regions.len(), "region"),
            count(s.workloads.len(), "workload"),
            m.eval.horizon
        )),
        Line::from(""),
        Line::from(Span::styled(" pricing every offer…", theme.warn())),
        Line::from(" q quits"),
    ];
    Paragraph::new(lines).render(area, buf);
}

/// The header's word on the price book: nothing on the newest edition;
/// else the file's edition and the newer one (`dealbench pricebook FILE
/// --compare` shows each offer on it).
fn edition_note(m: &Model) -> String {
    let edition = &m.scenario.pricebook.edition;
    match crate::pricebook::edition::newer_than(edition) {
        Some(newer) => format!(" · prices of {edition}, {newer} is newer"),
        None => String::new(),
    }
}

fn header(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let o = m.outcome();
    let cur = &m.scenario.deal.currency;
    let dirty = if m.dirty() { " [modified] " } else { "" };
    // The changed-on-disk banner and the unsaved mark come first, so a
    // narrow screen keeps them.
    let banner = if m.disk_changed {
        " ⚠ changed on disk — R reloads "
    } else {
        ""
    };
    // The other offers' figures are from before the last edit until the
    // background re-pricing brings theirs.
    let repricing = if m.repricing.is_some() {
        " pricing the other offers… "
    } else {
        ""
    };
    let line1 = Line::from(vec![
        Span::styled(" dealbench ", theme.selected()),
        Span::styled(banner.to_string(), theme.bad()),
        Span::styled(dirty.to_string(), theme.warn()),
        Span::styled(repricing.to_string(), theme.warn()),
        Span::styled(
            format!(" {} ", sanitize(&m.scenario.deal.name)),
            theme.strong(),
        ),
        Span::styled(format!("· {}", sanitize(&m.file_label())), theme.dim()),
        Span::styled(edition_note(m), theme.warn()),
    ]);
    let mut table = vec![
        Span::styled(" On the table: ", theme.dim()),
        Span::styled(
            if o.offer.name.is_empty() {
                "(a new offer, being named)".to_string()
            } else {
                sanitize(&o.offer.name)
            },
            theme.title(),
        ),
        Span::raw(format!(
            " ({}/{}) by {}",
            m.table + 1,
            m.eval.outcomes.len(),
            o.offer.by.as_str()
        )),
        Span::styled("  reference: ", theme.dim()),
        Span::raw(sanitize(&m.reference().offer.name)),
    ];
    let stacked = area.height > 2;
    let totals = vec![
        Span::styled(if stacked { " Total " } else { "  total " }, theme.dim()),
        Span::styled(money(cur, o.total), theme.strong()),
        Span::styled("  saves ", theme.dim()),
        Span::styled(
            format!(
                "{} ({} %)",
                money(cur, o.savings),
                two_places(o.savings_pct)
            ),
            theme.signed(o.savings.is_sign_negative()),
        ),
    ];
    let lines = if stacked {
        vec![line1, Line::from(table), Line::from(totals)]
    } else {
        table.extend(totals);
        vec![line1, Line::from(table)]
    };
    Paragraph::new(lines).render(area, buf);
}

fn large(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area);
    let grid = regions::grid(m, left.width);
    let regions_h = regions::height_of(m, &grid).clamp(4, (left.height / 3).max(4));
    // The funnel and the term panels share a row as tall as the taller
    // needs (so every contract year and the funnel's source show); the API
    // bundle keeps at least 12 rows.
    let half = left.width / 2;
    let mid_h = funnel::height(m, half)
        .max(term::height(m, left.width - half))
        .clamp(13, left.height.saturating_sub(regions_h + 12).max(13));
    let [reg, mid, api_area] = Layout::vertical([
        Constraint::Length(regions_h),
        Constraint::Length(mid_h),
        Constraint::Min(6),
    ])
    .areas(left);
    let [fun, ter] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(mid);
    let lever_rows = (m.levers().len() as u16 + 2).min(area.height / 2 + 2);
    let [lev, tot] =
        Layout::vertical([Constraint::Length(lever_rows), Constraint::Min(8)]).areas(right);
    regions::render_grid(m, grid, reg, buf, theme);
    funnel::render(m, fun, buf, theme);
    term::render(m, ter, buf, theme);
    api::render(m, api_area, buf, theme);
    sliders::render(m, lev, buf, theme);
    totals::render(m, tot, buf, theme);
}

fn small(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let [lever, tabs, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    Paragraph::new(sliders::lever_line(
        m,
        m.current_lever(),
        lever.width as usize,
        true,
        theme,
    ))
    .render(lever, buf);
    let tab_spans: Vec<Span> = Panel::ALL
        .iter()
        .flat_map(|p| {
            let style = if *p == m.focus {
                theme.selected()
            } else {
                theme.dim()
            };
            [
                Span::styled(format!(" {} ", p.title()), style),
                Span::raw(" "),
            ]
        })
        .collect();
    Paragraph::new(Line::from(tab_spans)).render(tabs, buf);
    match m.focus {
        Panel::Levers => sliders::render(m, body, buf, theme),
        Panel::Regions => regions::render(m, body, buf, theme),
        Panel::Funnel => funnel::render(m, body, buf, theme),
        Panel::Term => term::render(m, body, buf, theme),
        Panel::Api => api::render(m, body, buf, theme),
        Panel::Totals => totals::render(m, body, buf, theme),
    }
}

fn footer(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    if let Some(t) = &m.toast {
        Paragraph::new(Line::from(Span::styled(
            format!(" {}", sanitize(t)),
            theme.warn(),
        )))
        .render(area, buf);
        return;
    }
    // The bindings that apply and fit, in keymap order; help and quit
    // always stay, and Tab too when it is how the panels are reached.
    let kept_always = |b: &keymap::Binding| {
        matches!(b.keys, "?" | "q" | "Tab") || (b.keys == "R" && m.disk_changed)
    };
    let all: Vec<&keymap::Binding> = keymap::bindings(&m.mode)
        .iter()
        .filter(|b| applies(m, b, area))
        .collect();
    let sep = if area.width < 100 { " " } else { "  " };
    let width = |b: &keymap::Binding| {
        b.keys.replace(' ', "").chars().count() + b.short.chars().count() + 1 + sep.len()
    };
    let kept: usize = all
        .iter()
        .filter(|b| kept_always(b))
        .map(|b| width(b))
        .sum();
    let mut room = (area.width as usize).saturating_sub(kept);
    let mut spans = Vec::new();
    for b in all {
        let always = kept_always(b);
        if !always && width(b) > room {
            continue;
        }
        if !always {
            room -= width(b);
        }
        spans.push(Span::styled(b.keys.replace(' ', ""), theme.strong()));
        spans.push(Span::styled(format!(" {}{sep}", b.short), theme.dim()));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// Whether a binding belongs in the footer now: on the workbench the keys
/// that act on the lever under the cursor (ramp keys on seats and steps, no
/// ←→ on the terms list) and Tab when panels are chosen one at a time.
fn applies(m: &Model, b: &keymap::Binding, area: Rect) -> bool {
    if m.mode != Mode::Normal {
        return b.footer;
    }
    let lever = m.current_lever();
    match b.keys {
        "←→" => lever != Lever::Terms,
        "+ -" => {
            matches!(lever, Lever::Seats | Lever::RampStep(_))
                && m.offer().billing == crate::scenario::Billing::Annual
        }
        "< >" => matches!(lever, Lever::RampStep(_)),
        // The footer is the screen's last row: the screen is as tall as it
        // reaches.
        "Tab" => !is_large(Rect::new(0, 0, area.width, area.y + area.height)),
        "R" => m.disk_changed,
        // The risk view needs an [uncertainty] table to draw from.
        "x" => m.scenario.uncertainty.is_some(),
        _ => b.footer,
    }
}
