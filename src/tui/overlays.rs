//! Boxes drawn over the workbench, one file each: the one-field prompts
//! (typing a value, naming an offer, the paths to save and export to, a
//! total, a log line: [`prompt`]), the questions (delete, quit, changed on
//! disk, recover: [`questions`]), the terms list ([`terms`]), goal seek
//! ([`seek`]), the scenario editor ([`author`]) and the help ([`help`]),
//! all in the boxes of [`frame`].
//!
//! To add an overlay: give its mode a variant in `model::Mode`, write
//! `overlays/<name>.rs` with a `render(&Model, …, Rect, &mut Buffer, Theme)`
//! that builds its lines and boxes them with [`frame`], and add its arm to
//! [`render`] below. A prompt that types a value is a field of the form
//! component (`editors`, drawn by [`prompt`]), not an overlay of its own.

pub mod author;
pub mod frame;
pub mod help;
pub mod prompt;
pub mod questions;
pub mod seek;
pub mod terms;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::editors::{lever, name, path};
use super::model::{Mode, Model};
use super::theme::Theme;
use prompt::Prompt;

/// Draw the overlay of the current mode, if any. Call mode draws its own
/// prompts in its view (`call::render`), so the figures stay in sight.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    match &m.mode {
        Mode::Normal
        | Mode::Compare { .. }
        | Mode::Call { .. }
        | Mode::Drivers { .. }
        | Mode::Risk => {}
        Mode::Export { buffer, error } => Prompt {
            title: "Export what is on screen",
            field: path::export(m),
            buffer,
            error,
        }
        .render(area, buf, theme),
        Mode::Seek { goal, .. } => seek::render(m, goal, area, buf, theme),
        Mode::Conflict { .. } => questions::conflict(area, buf, theme),
        Mode::Recover {
            saved_at,
            file_changed_since,
        } => questions::recover(saved_at, *file_changed_since, area, buf, theme),
        Mode::Target {
            which,
            buffer,
            error,
            ..
        } => prompt::total(*which, buffer, error, area, buf, theme),
        Mode::Log { vendor, buffer, .. } => prompt::log(*vendor, buffer, area, buf, theme),
        Mode::Edit { buffer, error } => Prompt {
            title: "Type an exact value",
            field: lever::field(m),
            buffer,
            error,
        }
        .render(area, buf, theme),
        Mode::Name {
            buffer,
            suggestion,
            purpose,
            error,
        } => Prompt {
            title: name::title(purpose),
            field: name::field(m, suggestion),
            buffer,
            error,
        }
        .render(area, buf, theme),
        Mode::SaveAs { buffer, error } => Prompt {
            title: "Save as",
            field: path::save_as(m, None),
            buffer,
            error,
        }
        .render(area, buf, theme),
        Mode::ConfirmDelete { children } => questions::delete(m, children, area, buf, theme),
        Mode::ConfirmQuit => questions::quit(area, buf, theme),
        Mode::Terms { cursor, adding } => terms::render(m, *cursor, adding, area, buf, theme),
        Mode::Help => help::render(m, area, buf, theme),
        Mode::Author(f) => author::render(m, f, area, buf, theme),
    }
}
