//! The prompts that take over the keys, each a one-field form: the lever's
//! exact value, an offer's name, the path to save to, the path to export
//! to; and the delete question. Typing is the form component's
//! ([`form::key_one`]); Enter submits the editor's field
//! ([`crate::tui::editors`]) and turns the value into a model change.

use std::path::PathBuf;

use super::{edit_table, offers, report};
use crate::cli::export::{Format, render};
use crate::tui::action::{Action, Effect};
use crate::tui::editors::{lever, name, path};
use crate::tui::form::{self, Step};
use crate::tui::model::{Mode, Model, NameFor};

/// Keys while a prompt, a question or the terms list is open.
pub fn prompt(m: &mut Model, action: Action) -> Vec<Effect> {
    if let Action::Saved { result, path } = action {
        return offers::saved(m, result, path);
    }
    let mut mode = m.mode.clone();
    let step = match &mut mode {
        Mode::Edit { buffer, error } => {
            form::key_one(buffer, &mut false, error, lever::RULE, &action)
        }
        Mode::Name { buffer, error, .. } => {
            form::key_one(buffer, &mut false, error, name::RULE, &action)
        }
        Mode::SaveAs { buffer, error } | Mode::Export { buffer, error } => {
            form::key_one(buffer, &mut false, error, path::RULE, &action)
        }
        Mode::Terms { cursor, adding } if action != Action::Cancel => {
            super::terms::terms_list(m, *cursor, adding.clone(), action);
            return Vec::new();
        }
        _ if action == Action::Cancel => Step::Cancel,
        _ if action == Action::Enter => Step::Enter,
        _ => Step::Ignored,
    };
    match step {
        Step::Edited => m.mode = mode,
        Step::Cancel => cancel(m, &mode),
        Step::Enter => return enter(m, mode),
        Step::Ignored => {}
    }
    Vec::new()
}

fn cancel(m: &mut Model, mode: &Mode) {
    match mode {
        Mode::Name {
            purpose: NameFor::NewOffer { back_to },
            ..
        } => offers::cancel_new(m, *back_to),
        _ => m.mode = Mode::Normal,
    }
}

fn enter(m: &mut Model, mode: Mode) -> Vec<Effect> {
    match mode {
        Mode::Edit { buffer, .. } => commit_value(m, &buffer),
        Mode::Name {
            buffer,
            suggestion,
            purpose,
            ..
        } => commit_name(m, &buffer, &suggestion, purpose),
        Mode::SaveAs { buffer, error } => return commit_path(m, &buffer, error),
        Mode::Export { buffer, .. } => return commit_export(m, &buffer),
        Mode::ConfirmDelete { .. } => offers::delete(m),
        _ => {}
    }
    Vec::new()
}

/// Show why Enter was refused in the prompt open now.
fn refuse(m: &mut Model, reason: String) {
    if let Mode::Edit { error, .. }
    | Mode::Name { error, .. }
    | Mode::SaveAs { error, .. }
    | Mode::Export { error, .. } = &mut m.mode
    {
        *error = Some(reason);
    }
}

fn commit_value(m: &mut Model, text: &str) {
    let draft = m.scenario.offers[m.table].clone();
    let spec = form::submit_one(&lever::field(m), text, &draft);
    let applied = spec.and_then(|spec| {
        edit_table(m, |s, _, _| {
            *s = spec;
            Ok(())
        })
    });
    match applied {
        Ok(()) => m.mode = Mode::Normal,
        Err(e) => refuse(m, e),
    }
}

fn commit_name(m: &mut Model, typed: &str, suggestion: &str, purpose: NameFor) {
    let chosen = form::submit_one(&name::field(m, suggestion), typed, &String::new());
    let chosen = match chosen {
        Ok(n) => n,
        Err(e) => return refuse(m, e),
    };
    match purpose {
        NameFor::NewOffer { back_to } => offers::name_new(m, chosen, back_to),
        NameFor::Rename => {
            let result = offers::rename(m, chosen);
            report(m, result);
        }
    }
    m.mode = Mode::Normal;
}

fn commit_path(m: &mut Model, typed: &str, asked: Option<String>) -> Vec<Effect> {
    let chosen = form::submit_one(&path::save_as(m, asked.as_deref()), typed, &PathBuf::new());
    match chosen {
        Ok(p) => offers::save(m, false, Some(p)),
        Err(e) => {
            refuse(m, e);
            Vec::new()
        }
    }
}

/// Enter on the export prompt: render what is on screen, for the loop to
/// write. A refusal empties the line for the next path.
fn commit_export(m: &mut Model, typed: &str) -> Vec<Effect> {
    let chosen = form::submit_one(&path::export(m), typed, &(PathBuf::new(), Format::Md));
    let written = chosen.and_then(|(path, format)| {
        let bytes = render(format, &m.scenario, &m.eval).map_err(|e| e.to_string())?;
        Ok(Effect::Write { path, bytes })
    });
    match written {
        Ok(effect) => {
            m.mode = Mode::Normal;
            vec![effect]
        }
        Err(e) => {
            m.mode = Mode::Export {
                buffer: String::new(),
                error: Some(e),
            };
            Vec::new()
        }
    }
}
