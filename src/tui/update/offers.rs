//! Offers as a whole: new counter-offers, renames, deletes (re-pointing the
//! offers based on the deleted one), undo and redo, saving.

use std::path::PathBuf;

use super::{change, report};
use crate::scenario::save::file_order;
use crate::scenario::{OfferSpec, Party};
use crate::tui::action::Effect;
use crate::tui::model::{Mode, Model, NameFor};

/// `n`: a new counter-offer based on the one on the table, put on the
/// table; its name is asked next.
pub fn new_offer(m: &mut Model) {
    let parent = m.scenario.offers[m.table].name.clone();
    let back_to = m.table;
    m.scenario.offers.push(OfferSpec {
        id: m.next_id,
        name: String::new(),
        by: Some(Party::Us),
        based_on: Some(parent.clone()),
        ..Default::default()
    });
    m.next_id += 1;
    m.table = m.scenario.offers.len() - 1;
    m.lever = 0;
    if let Err(e) = m.recompute() {
        m.scenario.offers.pop();
        m.table = back_to;
        let _ = m.recompute();
        m.toast = Some(format!("no new offer: {e}"));
        return;
    }
    m.mode = Mode::Name {
        buffer: String::new(),
        suggestion: suggest_name(m, &parent),
        purpose: NameFor::NewOffer { back_to },
        error: None,
    };
}

/// "NAME v2", "NAME v3" … the first not taken.
fn suggest_name(m: &Model, base: &str) -> String {
    (2..)
        .map(|k| format!("{base} v{k}"))
        .find(|n| !m.scenario.offers.iter().any(|o| o.name == *n))
        .unwrap_or_else(|| base.to_string())
}

/// Esc on the name of a new offer takes the offer back.
pub fn cancel_new(m: &mut Model, back_to: usize) {
    if m.scenario.offers.last().is_some_and(|o| o.name.is_empty()) {
        m.scenario.offers.pop();
        m.table = back_to.min(m.scenario.offers.len() - 1);
        let _ = m.recompute();
    }
    m.mode = Mode::Normal;
}

/// Name the new offer on the table; the whole creation becomes one step of
/// the history.
pub fn name_new(m: &mut Model, name: String, back_to: usize) {
    let before: Vec<OfferSpec> = m.scenario.offers[..m.scenario.offers.len() - 1].to_vec();
    m.scenario.offers[m.table].name = name.clone();
    let _ = m.recompute();
    m.history.push(crate::tui::model::Snapshot {
        offers: before,
        table: back_to,
        targets: m.targets(),
        log: m.scenario.log.clone(),
    });
    m.future.clear();
    let parent = m.scenario.offers[m.table]
        .based_on
        .clone()
        .unwrap_or_default();
    m.toast = Some(format!(
        "new offer '{name}' on the table, based on '{parent}'"
    ));
}

/// Rename the offer on the table; offers based on it follow.
pub fn rename(m: &mut Model, name: String) -> Result<(), String> {
    change(m, |m| {
        let old = std::mem::replace(&mut m.scenario.offers[m.table].name, name.clone());
        for o in &mut m.scenario.offers {
            if o.based_on.as_deref() == Some(old.as_str()) {
                o.based_on = Some(name.clone());
            }
        }
        Ok(())
    })
}

/// `r`: ask the new name (the current one suggested).
pub fn start_rename(m: &mut Model) {
    m.mode = Mode::Name {
        buffer: String::new(),
        suggestion: m.scenario.offers[m.table].name.clone(),
        purpose: NameFor::Rename,
        error: None,
    };
}

/// `d`: ask before deleting; the last offer cannot go.
pub fn start_delete(m: &mut Model) {
    if m.scenario.offers.len() < 2 {
        m.toast = Some("the only offer cannot be deleted".into());
        return;
    }
    let name = &m.scenario.offers[m.table].name;
    let children = m
        .scenario
        .offers
        .iter()
        .filter(|o| o.based_on.as_ref() == Some(name))
        .map(|o| o.name.clone())
        .collect();
    m.mode = Mode::ConfirmDelete { children };
}

/// Delete the offer on the table; offers based on it take over its own
/// fields and its `based_on`, so their figures do not move.
pub fn delete(m: &mut Model) {
    let result = change(m, |m| {
        let gone = m.scenario.offers.remove(m.table);
        for o in &mut m.scenario.offers {
            if o.based_on.as_ref() == Some(&gone.name) {
                o.absorb(&gone);
            }
        }
        m.table = m.table.min(m.scenario.offers.len() - 1);
        m.lever = 0;
        Ok(())
    });
    report(m, result);
    m.mode = Mode::Normal;
}

/// `u`: back one change.
pub fn undo(m: &mut Model) {
    match m.history.pop() {
        None => m.toast = Some("nothing to undo: the offers are as the file was opened".into()),
        Some(s) => {
            m.future.push(m.snapshot());
            restore(m, s);
        }
    }
}

/// `Ctrl-r`: forward one undone change.
pub fn redo(m: &mut Model) {
    match m.future.pop() {
        None => m.toast = Some("nothing to redo".into()),
        Some(s) => {
            m.history.push(m.snapshot());
            restore(m, s);
        }
    }
}

fn restore(m: &mut Model, s: crate::tui::model::Snapshot) {
    m.scenario.offers = s.offers;
    m.scenario.log = s.log;
    (
        m.scenario.deal.target_total,
        m.scenario.deal.walk_away_total,
    ) = s.targets;
    m.table = s.table.min(m.scenario.offers.len() - 1);
    if let Err(e) = m.recompute() {
        m.toast = Some(format!("cannot price this state: {e}"));
    }
    m.lever = m.lever.min(m.levers().len() - 1);
}

/// Write the offers into the file's text for the loop to save to `path`
/// (None: the model's file).
pub fn save(m: &mut Model, then_quit: bool, path: Option<PathBuf>) -> Vec<Effect> {
    m.mode = Mode::Normal;
    if path.is_none() && !m.dirty() && m.file.is_some() {
        m.toast = Some("nothing to save: the file already holds these offers".into());
        return if then_quit {
            super::quit(m)
        } else {
            Vec::new()
        };
    }
    let demo = std::path::Path::new(crate::tui::DEMO_SAVE_PATH);
    if path.is_none() && m.file.is_none() && demo.exists() {
        // The demo saves to a file an earlier session may have written:
        // ask before replacing it.
        m.mode = Mode::SaveAs {
            buffer: crate::tui::DEMO_SAVE_PATH.into(),
            error: Some(crate::tui::editors::path::exists_message(demo)),
        };
        return Vec::new();
    }
    match m.file_text() {
        Ok(text) => vec![Effect::Save {
            text,
            path,
            then_quit,
        }],
        Err(e) => {
            m.toast = Some(format!("not saved: {e}"));
            Vec::new()
        }
    }
}

/// `s` in call mode: save and stay in call mode.
pub fn save_from_call(m: &mut Model) -> Vec<Effect> {
    let effects = save(m, false, None);
    m.mode = Mode::Call { form: None };
    effects
}

/// The loop's report of a save.
pub fn saved(m: &mut Model, result: Result<String, String>, path: Option<PathBuf>) -> Vec<Effect> {
    match result {
        Ok(text) => {
            let order = file_order(&m.saved, &m.scenario.offers);
            let on_table = m.scenario.offers[m.table].id;
            m.scenario.offers.sort_by_key(|o| {
                order
                    .iter()
                    .position(|id| *id == o.id)
                    .unwrap_or(usize::MAX)
            });
            m.table = m
                .scenario
                .offers
                .iter()
                .position(|o| o.id == on_table)
                .unwrap_or(0);
            let _ = m.recompute();
            if let Some(p) = path {
                m.file = Some(p);
            }
            m.source = text;
            m.saved = m.scenario.offers.clone();
            m.saved_targets = m.targets();
            m.saved_log = m.scenario.log.len();
            m.toast = Some(format!("saved {}", m.file_label()));
        }
        Err(e) => {
            m.quit = false;
            m.toast = Some(format!("not saved: {e}"));
        }
    }
    Vec::new()
}
