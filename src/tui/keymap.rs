//! One keymap, one source of truth: every binding with the words the footer
//! and the `?` help show ([`table`]), and the pure lookup that resolves a key
//! to an [`Action`] on the current mode ([`resolve`]); nothing else
//! interprets keys. The help's text, wrapped, is [`help`].

pub mod help;
pub mod table;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use help::{HELP_SECTIONS, HelpLine, help_lines};
pub use table::{
    Binding, CALL, CALL_FORM, COMPARE, CONFIRM_DELETE, CONFIRM_QUIT, CONFLICT, DRIVERS, EDIT, HELP,
    LOG, NORMAL, RECOVER, RISK, SEEK, TERMS,
};

use super::action::Action;
use super::model::Mode;

/// The bindings in force in `mode`.
pub fn bindings(mode: &Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Edit { .. }
        | Mode::Name { .. }
        | Mode::SaveAs { .. }
        | Mode::Target { .. }
        | Mode::Terms {
            adding: Some(_), ..
        } => EDIT,
        Mode::Log { .. } => LOG,
        Mode::ConfirmDelete { .. } => CONFIRM_DELETE,
        Mode::ConfirmQuit => CONFIRM_QUIT,
        Mode::Terms { .. } => TERMS,
        Mode::Compare { .. } => COMPARE,
        Mode::Call { form: None } => CALL,
        Mode::Call { form: Some(_) } => CALL_FORM,
        Mode::Conflict { .. } => CONFLICT,
        Mode::Seek { .. } => SEEK,
        Mode::Drivers { .. } => DRIVERS,
        Mode::Risk => RISK,
        Mode::Export { .. } => EDIT,
        Mode::Recover { .. } => RECOVER,
        Mode::Help => HELP,
    }
}

fn arrows(code: KeyCode, shift: bool) -> Option<Action> {
    match code {
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::Right => Some(Action::Step {
            steps: 1,
            coarse: shift,
        }),
        KeyCode::Left => Some(Action::Step {
            steps: -1,
            coarse: shift,
        }),
        KeyCode::PageDown => Some(Action::Step {
            steps: 1,
            coarse: true,
        }),
        KeyCode::PageUp => Some(Action::Step {
            steps: -1,
            coarse: true,
        }),
        _ => None,
    }
}

fn text_input(code: KeyCode, ctrl: bool) -> Option<Action> {
    match code {
        KeyCode::Enter => Some(Action::Enter),
        KeyCode::Esc => Some(Action::Cancel),
        KeyCode::Backspace => Some(Action::Backspace),
        KeyCode::Tab => Some(Action::NextPanel),
        KeyCode::BackTab => Some(Action::PrevPanel),
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::Char(c) if !ctrl => Some(Action::Char(c)),
        _ => None,
    }
}

/// The one key that works while a file's first pricing runs: `q` (or Esc,
/// or Ctrl+C) quits.
pub fn while_pricing(key: KeyEvent) -> Option<Action> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    (matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) || ctrl_c).then_some(Action::Quit)
}

/// The action a key means in `mode`, if any.
pub fn resolve(mode: &Mode, key: KeyEvent) -> Option<Action> {
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Normal => normal(key.code, shift, ctrl),
        Mode::Edit { .. }
        | Mode::Name { .. }
        | Mode::SaveAs { .. }
        | Mode::Target { .. }
        | Mode::Log { .. }
        | Mode::Call { form: Some(_) }
        | Mode::Terms {
            adding: Some(_), ..
        } => text_input(key.code, ctrl),
        Mode::ConfirmDelete { .. } => match key.code {
            KeyCode::Char('y') => Some(Action::Enter),
            KeyCode::Char('n') | KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        Mode::ConfirmQuit => match key.code {
            KeyCode::Char('s') => Some(Action::SaveAndQuit),
            KeyCode::Char('q') => Some(Action::DiscardAndQuit),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        Mode::Terms { .. } => match key.code {
            KeyCode::Char(' ') => Some(Action::Char(' ')),
            KeyCode::Char('a') => Some(Action::Char('a')),
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => Some(Action::Cancel),
            code => arrows(code, shift),
        },
        Mode::Compare { .. } => match key.code {
            KeyCode::Enter => Some(Action::Enter),
            KeyCode::Char(c @ ('v' | 'm' | 'D')) => Some(Action::Char(c)),
            KeyCode::Esc | KeyCode::Char('c') | KeyCode::Char('q') => Some(Action::Cancel),
            code => arrows(code, shift),
        },
        Mode::Call { form: None } if ctrl => {
            (key.code == KeyCode::Char('r')).then_some(Action::Redo)
        }
        Mode::Call { form: None } => match key.code {
            KeyCode::Char(c @ ('v' | 't' | 'w')) => Some(Action::Char(c)),
            KeyCode::Char('u') => Some(Action::Undo),
            KeyCode::Char('l') => Some(Action::Log),
            KeyCode::Char(']') => Some(Action::NextOffer),
            KeyCode::Char('[') => Some(Action::PrevOffer),
            KeyCode::Char('s') => Some(Action::Save),
            KeyCode::Esc | KeyCode::Char('C') | KeyCode::Char('q') => Some(Action::Cancel),
            _ => None,
        },
        Mode::Export { .. } => text_input(key.code, ctrl),
        Mode::Seek { .. } => match key.code {
            KeyCode::Tab | KeyCode::Right => Some(Action::NextPanel),
            KeyCode::BackTab | KeyCode::Left => Some(Action::PrevPanel),
            code => text_input(code, ctrl),
        },
        Mode::Drivers { .. } => match key.code {
            KeyCode::Char(']') => Some(Action::NextOffer),
            KeyCode::Char('[') => Some(Action::PrevOffer),
            KeyCode::Esc | KeyCode::Char('D') | KeyCode::Char('q') => Some(Action::Cancel),
            code => arrows(code, shift),
        },
        Mode::Risk => match key.code {
            KeyCode::Char(']') => Some(Action::NextOffer),
            KeyCode::Char('[') => Some(Action::PrevOffer),
            KeyCode::Esc | KeyCode::Char('x') | KeyCode::Char('q') => Some(Action::Cancel),
            code => arrows(code, shift),
        },
        Mode::Conflict { .. } => match key.code {
            KeyCode::Char(c @ ('R' | 'O' | 'A')) => Some(Action::Char(c)),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        Mode::Recover { .. } => match key.code {
            KeyCode::Char(c @ ('r' | 'd')) => Some(Action::Char(c)),
            _ => None,
        },
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') => Some(Action::Cancel),
            code => arrows(code, shift),
        },
    }
}

fn normal(code: KeyCode, shift: bool, ctrl: bool) -> Option<Action> {
    if ctrl {
        return (code == KeyCode::Char('r')).then_some(Action::Redo);
    }
    if let Some(a) = arrows(code, shift) {
        return Some(a);
    }
    Some(match code {
        KeyCode::Enter => Action::Enter,
        KeyCode::Char('0') => Action::Reset,
        KeyCode::Char('+') | KeyCode::Char('=') => Action::AddStep,
        KeyCode::Char('-') => Action::RemoveStep,
        KeyCode::Char('<') | KeyCode::Char(',') => Action::MoveStep(-1),
        KeyCode::Char('>') | KeyCode::Char('.') => Action::MoveStep(1),
        KeyCode::Char(']') => Action::NextOffer,
        KeyCode::Char('[') => Action::PrevOffer,
        KeyCode::Char('n') => Action::NewOffer,
        KeyCode::Char('r') => Action::Rename,
        KeyCode::Char('d') => Action::Delete,
        KeyCode::Char('c') => Action::Compare,
        KeyCode::Char('C') => Action::Call,
        KeyCode::Char('l') => Action::Log,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Tab => Action::NextPanel,
        KeyCode::BackTab => Action::PrevPanel,
        KeyCode::Char('s') => Action::Save,
        KeyCode::Char('S') => Action::SaveAs,
        KeyCode::Char('R') => Action::Reload,
        KeyCode::Char('g') => Action::Seek,
        KeyCode::Char('D') => Action::Drivers,
        KeyCode::Char('x') => Action::Risk,
        KeyCode::Char('E') => Action::Export,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    })
}
