//! The terms list (Enter on Terms): carry or drop a term with Space, add a
//! term of one's own with `a`, typed on the form component.

use super::{edit_table, report};
use crate::tui::action::Action;
use crate::tui::form::{self, Rule, Step};
use crate::tui::model::queries::term_rows;
use crate::tui::model::{Mode, Model};

/// What a term of one's own takes.
const RULE: Rule = Rule::text(60);

/// Keys while the terms list is open.
pub fn terms_list(m: &mut Model, cursor: usize, adding: Option<String>, action: Action) {
    let rows = term_rows(m);
    match (adding, action) {
        (Some(mut text), action @ (Action::Char(_) | Action::Backspace)) => {
            let step = form::key_one(&mut text, &mut false, &mut None, RULE, &action);
            if step == Step::Edited {
                m.mode = Mode::Terms {
                    cursor,
                    adding: Some(text),
                };
            }
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
