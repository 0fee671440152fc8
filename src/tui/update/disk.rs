//! The file on disk: a change made by someone else (banner, reload), a save
//! that would overwrite such a change (reload, overwrite or save as), and
//! unsaved changes of an earlier session (recover or discard).

use super::offers;
use crate::scenario::authored::{Rows, Sections};
use crate::scenario::load;
use crate::tui::action::{Action, Effect};
use crate::tui::model::{Mode, Model, Snapshot};

/// Actions about the file that can arrive in any mode.
pub fn global(m: &mut Model, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::DiskChanged => {
            m.disk_changed = true;
            Some(Vec::new())
        }
        Action::SaveBlocked { then_quit } => {
            m.quit = false;
            m.mode = Mode::Conflict {
                then_quit: *then_quit,
            };
            Some(Vec::new())
        }
        Action::Reloaded(result) => {
            match result {
                Ok(text) => reload(m, text),
                Err(e) => m.toast = Some(format!("not reloaded: {e}")),
            }
            Some(Vec::new())
        }
        _ => None,
    }
}

/// `R`: reload when the file changed on disk.
pub fn ask_reload(m: &mut Model) -> Vec<Effect> {
    if m.file.is_none() {
        m.toast = Some("the embedded demo has no file to reload".into());
        return Vec::new();
    }
    if !m.disk_changed {
        m.toast = Some("the file has not changed on disk: nothing to reload".into());
        return Vec::new();
    }
    if m.dirty() {
        // Reloading would drop the unsaved changes: ask, as a save would.
        m.mode = Mode::Conflict { then_quit: false };
        return Vec::new();
    }
    vec![Effect::Reload]
}

/// Keys of the changed-on-disk dialog.
pub fn conflict(m: &mut Model, then_quit: bool, action: Action) -> Vec<Effect> {
    match action {
        Action::Char('R') => {
            m.mode = Mode::Normal;
            return vec![Effect::Reload];
        }
        Action::Char('O') => {
            m.overwrite = true;
            return offers::save(m, then_quit, None);
        }
        Action::Char('A') => {
            m.mode = Mode::SaveAs {
                buffer: String::new(),
                error: None,
            }
        }
        Action::Cancel => m.mode = Mode::Normal,
        _ => {}
    }
    Vec::new()
}

/// Keys of the recovery question.
pub fn recover(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Char('r') => {
            apply_recovery(m);
            m.mode = Mode::Normal;
        }
        Action::Char('d') => {
            m.recovery = None;
            m.mode = Mode::Normal;
            m.toast = Some("the unsaved changes were discarded".into());
            return vec![Effect::DiscardRecovery];
        }
        _ => {}
    }
    Vec::new()
}

/// Take the file as it is on disk now; the offer on the table and the
/// cursor stay where they were when they still exist.
fn reload(m: &mut Model, text: &str) {
    let label = m.file_label();
    match Model::from_text(m.file.clone(), &label, text.to_string()) {
        Ok(mut fresh) => {
            fresh.table = m.table.min(fresh.scenario.offers.len() - 1);
            fresh.focus = m.focus;
            fresh.plan = m.plan;
            fresh.toast = Some(format!("reloaded {label} from disk"));
            *m = fresh;
        }
        Err(e) => {
            let why = match e {
                crate::tui::model::OpenError::Invalid(d) => {
                    d.0.first().map_or_else(String::new, |d| d.message.clone())
                }
                crate::tui::model::OpenError::Overflow(o) => o.to_string(),
            };
            m.toast = Some(format!(
                "not reloaded: the file on disk is not a valid scenario now ({why})"
            ));
        }
    }
}

/// Take the unsaved changes found at start: offers (matched to the file's
/// by name), targets, log entries and the scenario editor's sections (rows
/// matched by id and name). Undo returns to the file.
fn apply_recovery(m: &mut Model) {
    let Some(text) = m.recovery.take() else {
        return;
    };
    let recovered = match load::parse_str("recovery", &text) {
        Ok(s) => s,
        Err(e) => {
            m.toast = Some(format!(
                "the recovery file is not a valid scenario: {}",
                e.0.first().map_or("", |d| d.message.as_str())
            ));
            return;
        }
    };
    let before: Snapshot = m.snapshot();
    let recovered_sections = Sections::of(&recovered);
    let mut offers = recovered.offers;
    for o in &mut offers {
        o.id = match m.saved.iter().find(|s| s.name == o.name) {
            Some(s) => s.id,
            None => {
                m.next_id += 1;
                m.next_id - 1
            }
        };
    }
    m.rows = Rows::matched(&m.saved_sections, &recovered_sections);
    recovered_sections.put_into(&mut m.scenario);
    m.scenario.offers = offers;
    m.scenario.deal.target_total = recovered.deal.target_total;
    m.scenario.deal.walk_away_total = recovered.deal.walk_away_total;
    if recovered.log.len() > m.scenario.log.len() {
        m.scenario.log = recovered.log;
    }
    m.table = m.table.min(m.scenario.offers.len() - 1);
    match m.recompute() {
        Ok(()) => {
            m.history.push(before);
            m.toast = Some("recovered the unsaved changes; s saves them into the file".into());
        }
        Err(e) => {
            before.sections.put_into(&mut m.scenario);
            m.rows = before.rows;
            m.scenario.offers = before.offers;
            let _ = m.recompute();
            m.toast = Some(format!("cannot recover: {e}"));
        }
    }
}
