//! The modes that take over the keys: typing a value, a name or a path,
//! the delete question, the terms list, the help, and Compare.

use std::path::PathBuf;

use super::offers;
use super::{edit_table, report};
use crate::scenario::terms;
use crate::tui::action::{Action, Effect};
use crate::tui::compare;
use crate::tui::model::{Mode, Model, NameFor};

/// Keys while a prompt, a question, the terms list or the help is open.
pub fn prompt(m: &mut Model, action: Action) -> Vec<Effect> {
    let mode = m.mode.clone();
    match (mode, action) {
        (_, Action::Saved { result, path }) => return offers::saved(m, result, path),
        (
            Mode::Name {
                purpose: NameFor::NewOffer { back_to },
                ..
            },
            Action::Cancel,
        ) => offers::cancel_new(m, back_to),
        (_, Action::Cancel) => m.mode = Mode::Normal,
        (
            Mode::Edit { .. } | Mode::Name { .. } | Mode::SaveAs { .. } | Mode::Export { .. },
            Action::Char(c),
        ) => type_char(m, c),
        (
            Mode::Edit { .. } | Mode::Name { .. } | Mode::SaveAs { .. } | Mode::Export { .. },
            Action::Backspace,
        ) => backspace(m),
        (Mode::Edit { buffer, .. }, Action::Enter) => commit_value(m, buffer),
        (
            Mode::Name {
                buffer,
                suggestion,
                purpose,
                ..
            },
            Action::Enter,
        ) => commit_name(m, buffer, suggestion, purpose),
        (Mode::SaveAs { buffer, .. }, Action::Enter) => return commit_path(m, buffer),
        (Mode::ConfirmDelete { .. }, Action::Enter) => offers::delete(m),
        (Mode::Terms { cursor, adding }, action) => terms_list(m, cursor, adding, action),
        _ => {}
    }
    Vec::new()
}

fn buffer_and_error(mode: &mut Mode) -> Option<(&mut String, &mut Option<String>)> {
    match mode {
        Mode::Edit { buffer, error }
        | Mode::Name { buffer, error, .. }
        | Mode::SaveAs { buffer, error }
        | Mode::Export { buffer, error } => Some((buffer, error)),
        _ => None,
    }
}

fn type_char(m: &mut Model, c: char) {
    if let Some((buffer, error)) = buffer_and_error(&mut m.mode) {
        if buffer.chars().count() < 200 && !c.is_control() {
            buffer.push(c);
        }
        *error = None;
    }
}

fn backspace(m: &mut Model) {
    if let Some((buffer, error)) = buffer_and_error(&mut m.mode) {
        buffer.pop();
        *error = None;
    }
}

fn set_error(m: &mut Model, e: String) {
    if let Some((_, error)) = buffer_and_error(&mut m.mode) {
        *error = Some(e);
    }
}

fn commit_value(m: &mut Model, text: String) {
    let lever = m.current_lever();
    match edit_table(m, |spec, o, c| lever.set_text(spec, o, c, &text)) {
        Ok(()) => m.mode = Mode::Normal,
        Err(e) => set_error(m, e),
    }
}

fn commit_name(m: &mut Model, typed: String, suggestion: String, purpose: NameFor) {
    let name = if typed.trim().is_empty() {
        suggestion
    } else {
        typed.trim().to_string()
    };
    if let Err(e) = offers::check_name(m, &name) {
        return set_error(m, e);
    }
    match purpose {
        NameFor::NewOffer { back_to } => offers::name_new(m, name, back_to),
        NameFor::Rename => {
            let result = offers::rename(m, name);
            report(m, result);
        }
    }
    m.mode = Mode::Normal;
}

fn commit_path(m: &mut Model, typed: String) -> Vec<Effect> {
    let path = PathBuf::from(typed.trim());
    if typed.trim().is_empty() {
        set_error(m, "type the path of the file to save to".into());
        return Vec::new();
    }
    if path.is_dir() {
        set_error(
            m,
            format!("'{}' is a folder: type a file name", path.display()),
        );
        return Vec::new();
    }
    // Another file that exists is replaced only on a second Enter.
    let same = m
        .file
        .as_deref()
        .is_some_and(|f| std::fs::canonicalize(f).ok() == std::fs::canonicalize(&path).ok());
    if path.exists() && !same {
        let msg = exists_message(&path);
        let confirmed = matches!(&m.mode, Mode::SaveAs { error: Some(e), .. } if *e == msg);
        if !confirmed {
            set_error(m, msg);
            return Vec::new();
        }
    }
    offers::save(m, false, Some(path))
}

/// The question a save over another existing file asks.
pub fn exists_message(path: &std::path::Path) -> String {
    format!(
        "'{}' already exists: Enter again replaces it (its old version is kept as {}.bak)",
        path.display(),
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    )
}

/// A row of the terms list: the term, carried by the offer, required by
/// the deal or a region, earned from the levers.
pub struct TermRow {
    pub term: String,
    pub carried: bool,
    pub required: bool,
    pub derived: bool,
}

/// The terms list of the offer on the table: the known vocabulary, then
/// any other term the offer lists or the deal requires.
pub fn term_rows(m: &Model) -> Vec<TermRow> {
    let o = m.offer();
    let required = terms::required(&m.scenario);
    let derived = terms::derived(o);
    let mut names: Vec<String> = terms::KNOWN.iter().map(|(t, _)| t.to_string()).collect();
    for t in o.terms.iter().chain(&required) {
        if !names.contains(t) {
            names.push(t.clone());
        }
    }
    names
        .into_iter()
        .map(|t| TermRow {
            carried: o.terms.contains(&t),
            required: required.contains(&t),
            derived: derived.contains(&t.as_str()),
            term: t,
        })
        .collect()
}

fn terms_list(m: &mut Model, cursor: usize, adding: Option<String>, action: Action) {
    let rows = term_rows(m);
    match (adding, action) {
        (Some(mut text), Action::Char(c)) if !c.is_control() && text.chars().count() < 60 => {
            text.push(c);
            m.mode = Mode::Terms {
                cursor,
                adding: Some(text),
            };
        }
        (Some(mut text), Action::Backspace) => {
            text.pop();
            m.mode = Mode::Terms {
                cursor,
                adding: Some(text),
            };
        }
        (Some(text), Action::Enter) => {
            let term = text.trim().to_string();
            if !term.is_empty() && !rows.iter().any(|r| r.term == term && r.carried) {
                let result = edit_table(m, |spec, o, _| {
                    let mut list = o.terms.clone();
                    list.push(term.clone());
                    spec.terms = Some(list);
                    Ok(())
                });
                report(m, result);
            }
            let at = term_rows(m)
                .iter()
                .position(|r| r.term == term)
                .unwrap_or(cursor);
            m.mode = Mode::Terms {
                cursor: at,
                adding: None,
            };
        }
        (None, Action::Up) => {
            m.mode = Mode::Terms {
                cursor: cursor.saturating_sub(1),
                adding: None,
            }
        }
        (None, Action::Down) => {
            m.mode = Mode::Terms {
                cursor: (cursor + 1).min(rows.len() - 1),
                adding: None,
            }
        }
        (None, Action::Char('a')) => {
            m.mode = Mode::Terms {
                cursor,
                adding: Some(String::new()),
            }
        }
        (None, Action::Char(' ')) => {
            if let Some(row) = rows.get(cursor) {
                let term = row.term.clone();
                let result = edit_table(m, |spec, o, _| {
                    let mut list = o.terms.clone();
                    match list.iter().position(|t| *t == term) {
                        Some(i) => {
                            list.remove(i);
                        }
                        None => list.push(term.clone()),
                    }
                    spec.terms = Some(list);
                    Ok(())
                });
                report(m, result);
            }
        }
        _ => {}
    }
}

/// Keys in Compare: choose a column, scroll, put an offer on the table.
pub fn compare(m: &mut Model, action: Action) {
    let Mode::Compare { col, row, diff } = m.mode else {
        return;
    };
    let cols = m.eval.outcomes.len();
    let rows = compare::rows(m).len();
    m.mode = match action {
        Action::Step { steps, .. } => Mode::Compare {
            col: (col as i64 + steps).clamp(0, cols as i64 - 1) as usize,
            row,
            diff,
        },
        Action::Up => Mode::Compare {
            col,
            row: row.saturating_sub(1),
            diff,
        },
        Action::Down => Mode::Compare {
            col,
            row: (row + 1).min(rows.saturating_sub(1)),
            diff,
        },
        Action::Char('v') => Mode::Compare {
            col,
            row,
            diff: !diff,
        },
        Action::Char('m') => {
            m.compare_from = Some(col);
            m.toast = Some(format!(
                "walk from '{}': D shows what drove the difference",
                m.eval.outcomes[col].offer.name
            ));
            Mode::Compare { col, row, diff }
        }
        Action::Char('D') => {
            let from = m.compare_from.unwrap_or(m.eval.reference);
            let compare = Mode::Compare { col, row, diff };
            super::power::open_drivers(m, from, col);
            if matches!(m.mode, Mode::Drivers { .. }) {
                // Esc in the drivers view goes back to Compare.
                m.drivers_back = Some(Box::new(compare));
            }
            return;
        }
        Action::Enter => {
            m.table = col;
            m.lever = 0;
            Mode::Normal
        }
        Action::Cancel => Mode::Normal,
        _ => Mode::Compare { col, row, diff },
    };
}
