//! The questions the workbench asks before it does something that cannot
//! be taken back by a key: delete an offer, quit with unsaved changes, save
//! over a file that changed on disk, recover an earlier session's changes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::frame::{dialog, keys};
use crate::diag::sanitize;
use crate::tui::model::Model;
use crate::tui::theme::Theme;

/// The file changed on disk since it was opened or saved.
pub fn conflict(area: Rect, buf: &mut Buffer, theme: Theme) {
    let lines = vec![
        Line::from(Span::styled(
            "The file changed on disk since you opened or saved it.",
            theme.warn(),
        )),
        Line::raw("Saving now would overwrite those changes (a colleague's edit, a git pull)."),
        keys(
            &[
                ("R", " reload   "),
                ("O", " overwrite   "),
                ("A", " save as   "),
                ("Esc", " cancel"),
            ],
            theme,
        ),
    ];
    dialog(area, 78, buf, "Changed on disk", lines, theme);
}

/// Unsaved changes of an earlier session were found.
pub fn recover(
    saved_at: &str,
    file_changed_since: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let mut lines = vec![Line::raw(format!(
        "Unsaved changes to this file from {saved_at} were found (dealbench did not close cleanly)."
    ))];
    if file_changed_since {
        lines.push(Line::from(Span::styled(
            "The file changed on disk after that: recovering replaces those changes when you save.",
            theme.warn(),
        )));
    }
    lines.push(keys(
        &[("r", " recover them   "), ("d", " discard them")],
        theme,
    ));
    dialog(area, 96, buf, "Recover unsaved changes?", lines, theme);
}

/// Quit with unsaved changes?
pub fn quit(area: Rect, buf: &mut Buffer, theme: Theme) {
    let lines = vec![
        Line::raw("The offers have unsaved changes."),
        keys(
            &[
                ("s", " save and quit   "),
                ("q", " quit without saving   "),
                ("Esc", " keep working"),
            ],
            theme,
        ),
    ];
    dialog(area, 76, buf, "Quit?", lines, theme);
}

/// Delete the offer on the table? Says which offers are re-pointed and
/// when the reference changes.
pub fn delete(m: &Model, children: &[String], area: Rect, buf: &mut Buffer, theme: Theme) {
    let name = sanitize(&m.scenario.offers[m.table].name);
    let mut lines = vec![Line::raw(format!("Delete the offer '{name}'?"))];
    if !children.is_empty() {
        let parent = m.scenario.offers[m.table]
            .based_on
            .clone()
            .map_or("nothing, standing on their own".to_string(), |p| {
                format!("'{}'", sanitize(&p))
            });
        let list: Vec<String> = children
            .iter()
            .map(|c| format!("'{}'", sanitize(c)))
            .collect();
        lines.push(Line::raw(format!(
            "{} {} based on it: they will be re-pointed to {parent}, taking over its own values so their figures do not move.",
            list.join(", "),
            if children.len() == 1 { "is" } else { "are" }
        )));
    }
    let reference = m.table == m.eval.reference;
    if reference {
        // The reference the other offers would have.
        let rest: Vec<&crate::scenario::Offer> = m
            .eval
            .outcomes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != m.table)
            .map(|(_, o)| &o.offer)
            .collect();
        let next = rest
            .get(crate::scenario::reference_among(&rest))
            .map_or("no offer".to_string(), |o| {
                format!("'{}'", sanitize(&o.name))
            });
        lines.push(Line::styled(
            format!("It is the reference: every saving will be measured against {next} instead."),
            theme.warn(),
        ));
    }
    lines.push(keys(&[("y", " delete   "), ("n", " keep it")], theme));
    dialog(area, 76, buf, "Delete?", lines, theme);
}
