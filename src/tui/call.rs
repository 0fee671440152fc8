//! Call mode, full screen but the footer of keys, for a live vendor call.
//!
//! Top to bottom: a title line (the deal, unsaved changes, a change on
//! disk); the four figures — the one number to walk in with (weekly
//! active), the offer on the table, its difference from our target and from
//! the walk-away — each in large type where the screen has room and in bold
//! otherwise ([`figures`]); the quick form for the vendor's new numbers, or
//! the prompt being typed, which takes the form's place so the figures stay
//! in view ([`form`], [`prompt`]); and the newest lines of the negotiation
//! log, wrapped ([`log`]).
//!
//! To add a figure, build it in `figures::all` and give it a place in
//! `figures::PRIORITY` (which figures keep large type when rows run short).

mod figures;
mod form;
mod log;
mod prompt;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

pub use figures::large;

use super::model::{Mode, Model};
use super::theme::Theme;
use crate::diag::sanitize;

/// Rows the log keeps at least: its borders and one line.
const LOG_MIN: u16 = 3;

/// True while call mode is on screen: the view itself, its quick form and
/// the prompts opened from it.
pub fn active(m: &Model) -> bool {
    matches!(
        m.mode,
        Mode::Call { .. } | Mode::Target { call: true, .. } | Mode::Log { call: true, .. }
    )
}

/// Draw call mode over `area` (the whole screen but the footer).
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    if !active(m) {
        return;
    }
    Clear.render(area, buf);
    let middle_h = middle_height(m, area.width);
    let figs = figures::all(m, theme);
    let room = area.height.saturating_sub(1 + middle_h + LOG_MIN);
    let plan = figures::plan(&figs, area.width, room);
    let [title, figs_area, middle, log_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(plan.height()),
        Constraint::Length(middle_h),
        Constraint::Min(0),
    ])
    .areas(area);
    render_title(m, title, buf, theme);
    figures::render(&figs, &plan, figs_area, buf);
    match &m.mode {
        Mode::Call { form } => form::render(m, form.as_ref(), middle, buf, theme),
        _ => prompt::render(m, middle, buf, theme),
    }
    log::render(m, log_area, buf, theme);
}

/// Rows between the figures and the log: a line of hint, the open quick
/// form, or the prompt being typed.
fn middle_height(m: &Model, width: u16) -> u16 {
    match &m.mode {
        Mode::Call { form: None } => 1,
        Mode::Call { form: Some(_) } => form::height(width),
        _ => prompt::height(m, width),
    }
}

/// The deal, and what the workbench's header would warn about.
fn render_title(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let mut spans = vec![
        Span::styled(" CALL MODE ", theme.selected()),
        Span::styled(
            format!(" {}", sanitize(&m.scenario.deal.name)),
            theme.strong(),
        ),
    ];
    if m.dirty() {
        spans.push(Span::styled(" [modified — s saves]", theme.warn()));
    }
    if m.disk_changed {
        spans.push(Span::styled(
            "  ⚠ changed on disk (Esc, then R reloads)",
            theme.bad(),
        ));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}
