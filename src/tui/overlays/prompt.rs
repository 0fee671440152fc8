//! The one-field prompt box: a form field's label and the text typed with
//! its cursor, the field's hint, and the reason Enter was refused — drawn by
//! the form component's [`view`] for every prompt of the workbench.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::frame::{boxed, centered};
use crate::tui::form::{Field, view};
use crate::tui::model::TargetKind;
use crate::tui::theme::Theme;

/// A prompt over a form's one field: what is typed, and the last refusal.
pub struct Prompt<'a, D> {
    pub title: &'a str,
    pub field: Field<'a, D>,
    pub buffer: &'a str,
    pub error: &'a Option<String>,
}

impl<D> Prompt<'_, D> {
    pub fn render(self, area: Rect, buf: &mut Buffer, theme: Theme) {
        draw(
            self.title,
            (&self.field.label, self.buffer),
            &self.field.hint,
            self.error,
            (area, buf, theme),
        );
    }
}

fn draw(
    title: &str,
    (label, buffer): (&str, &str),
    hint: &str,
    error: &Option<String>,
    (area, buf, theme): (Rect, &mut Buffer, Theme),
) {
    let mut lines = vec![
        view::labelled(label, buffer, theme),
        view::hint(hint, theme),
    ];
    if let Some(e) = error {
        lines.push(view::refusal(e, theme));
    }
    let h = 5 + u16::from(error.is_some());
    boxed(centered(area, 72, h), buf, title, lines, theme);
}

/// A total typed outside call mode.
pub fn total(
    which: TargetKind,
    buffer: &str,
    error: &Option<String>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let (title, label) = match which {
        TargetKind::Target => ("Our target total", "Target"),
        TargetKind::WalkAway => ("The walk-away total", "Walk-away"),
    };
    let hint = "over the horizon, in the deal currency · none clears it · Esc cancels";
    draw(title, (label, buffer), hint, error, (area, buf, theme));
}

/// A log line typed outside call mode.
pub fn log(vendor: bool, buffer: &str, area: Rect, buf: &mut Buffer, theme: Theme) {
    let who = if vendor { "vendor" } else { "us" };
    let hint = format!(
        "said by {who} (Tab switches) · stamped with the time now · Enter adds, Esc cancels"
    );
    draw(
        "Negotiation log",
        (who, buffer),
        &hint,
        &None,
        (area, buf, theme),
    );
}
