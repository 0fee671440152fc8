//! `update(&mut Model, Action) -> Vec<Effect>`: the only place the
//! workbench's state changes. Pure: files are written by the loop, which
//! reports back with [`Action::Saved`].

use super::action::{Action, Effect};
use super::levers::Lever;
use super::model::{Mode, Model, Panel};
use crate::scenario::save::write_offers;

/// Apply `action` to the model and return the work the loop must do.
pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    if !matches!(action, Action::Saved(_)) {
        m.toast = None;
    }
    match action {
        Action::LeverUp => m.lever = (m.lever + Lever::ALL.len() - 1) % Lever::ALL.len(),
        Action::LeverDown => m.lever = (m.lever + 1) % Lever::ALL.len(),
        Action::Step { steps, coarse } => {
            let lever = m.current_lever();
            edit_offer(m, |spec, offer| {
                lever.step(spec, offer, steps, coarse);
                Ok(())
            });
        }
        Action::StartEdit => {
            m.mode = Mode::Edit {
                buffer: String::new(),
                error: None,
            }
        }
        Action::EditChar(c) => {
            if let Mode::Edit { buffer, error } = &mut m.mode {
                if buffer.chars().count() < 32 && !c.is_control() {
                    buffer.push(c);
                }
                *error = None;
            }
        }
        Action::EditBackspace => {
            if let Mode::Edit { buffer, error } = &mut m.mode {
                buffer.pop();
                *error = None;
            }
        }
        Action::EditCommit => commit_edit(m),
        Action::Cancel => m.mode = Mode::Normal,
        Action::NextOffer => table_offer(m, 1),
        Action::PrevOffer => table_offer(m, -1),
        Action::NextPanel => m.focus = cycle(m.focus, 1),
        Action::PrevPanel => m.focus = cycle(m.focus, -1),
        Action::Help => m.mode = Mode::Help,
        Action::Save => return save(m, false),
        Action::SaveAndQuit => return save(m, true),
        Action::DiscardAndQuit => return quit(m),
        Action::Quit => {
            if m.dirty() {
                m.mode = Mode::ConfirmQuit;
            } else {
                return quit(m);
            }
        }
        Action::Saved(result) => saved(m, result),
    }
    Vec::new()
}

fn quit(m: &mut Model) -> Vec<Effect> {
    m.quit = true;
    vec![Effect::Quit]
}

/// Put the next/previous offer on the table, cursor back on the seat count.
fn table_offer(m: &mut Model, by: isize) {
    let n = m.scenario.offers.len() as isize;
    if n > 0 {
        m.table = (m.table as isize + by).rem_euclid(n) as usize;
        m.lever = 0;
    }
}

fn cycle(p: Panel, by: isize) -> Panel {
    let n = Panel::ALL.len() as isize;
    let i = Panel::ALL.iter().position(|x| *x == p).unwrap_or(0) as isize;
    Panel::ALL[(i + by).rem_euclid(n) as usize]
}

/// Change the offer on the table through `f`, then re-price. A change that
/// the engine cannot carry (a figure too large) is undone and reported.
fn edit_offer(
    m: &mut Model,
    f: impl FnOnce(&mut crate::scenario::OfferSpec, &crate::scenario::Offer) -> Result<(), String>,
) -> bool {
    let offer = m.offer().clone();
    let before = m.scenario.offers[m.table].clone();
    if let Err(e) = f(&mut m.scenario.offers[m.table], &offer) {
        m.scenario.offers[m.table] = before;
        m.mode = Mode::Edit {
            buffer: String::new(),
            error: Some(e),
        };
        return false;
    }
    if m.scenario.offers[m.table] == before {
        return true;
    }
    if let Err(e) = m.recompute() {
        m.scenario.offers[m.table] = before;
        let _ = m.recompute();
        m.toast = Some(format!("not applied: {e}"));
        return false;
    }
    true
}

fn commit_edit(m: &mut Model) {
    let Mode::Edit { buffer, .. } = &m.mode else {
        return;
    };
    let text = buffer.clone();
    let lever = m.current_lever();
    let applied = edit_offer(m, |spec, offer| lever.set_text(spec, offer, &text));
    if applied {
        m.mode = Mode::Normal;
    } else if let Mode::Edit { buffer, .. } = &mut m.mode {
        *buffer = text;
    }
}

fn save(m: &mut Model, then_quit: bool) -> Vec<Effect> {
    m.mode = Mode::Normal;
    if !m.dirty() && m.file.is_some() {
        m.toast = Some("nothing to save: the file already holds these offers".into());
        return if then_quit { quit(m) } else { Vec::new() };
    }
    match write_offers(&m.source, &m.saved, &m.scenario.offers) {
        Ok(text) => vec![Effect::Save { text, then_quit }],
        Err(e) => {
            m.toast = Some(format!("not saved: {e}"));
            Vec::new()
        }
    }
}

fn saved(m: &mut Model, result: Result<String, String>) {
    match result {
        Ok(text) => {
            m.source = text;
            m.saved = m.scenario.offers.clone();
            m.toast = Some(format!("saved {}", m.file_label()));
        }
        Err(e) => {
            m.quit = false;
            m.toast = Some(format!("not saved: {e}"));
        }
    }
}
