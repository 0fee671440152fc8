//! One keymap, one source of truth: every binding with the words the footer
//! and the `?` help show. A key is resolved to an [`Action`] by a pure lookup
//! on the current mode; nothing else interprets keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::model::Mode;

/// A key binding: the key, what it is called on screen, what it does.
pub struct Binding {
    pub keys: &'static str,
    /// The footer's word for it.
    pub short: &'static str,
    pub help: &'static str,
    /// Shown in the footer (the most used ones).
    pub footer: bool,
}

/// The bindings of the workbench in normal mode, for the footer and `?`.
pub const NORMAL: &[Binding] = &[
    Binding {
        keys: "↑↓",
        short: "lever",
        help: "choose a lever (the first is the seat count)",
        footer: true,
    },
    Binding {
        keys: "←→",
        short: "move",
        help: "move the lever one step (a seat, a cent, a percent, a month)",
        footer: true,
    },
    Binding {
        keys: "Shift+←→",
        short: "coarse step",
        help: "move the lever a coarse step",
        footer: false,
    },
    Binding {
        keys: "Enter",
        short: "type",
        help: "type an exact value for the lever",
        footer: true,
    },
    Binding {
        keys: "[ ]",
        short: "offer",
        help: "[ previous / ] next offer on the table, in file order",
        footer: true,
    },
    Binding {
        keys: "Tab",
        short: "panel",
        help: "next panel, Shift+Tab previous (the one shown at small sizes)",
        footer: true,
    },
    Binding {
        keys: "s",
        short: "save",
        help: "save the offers into the file (comments and layout kept)",
        footer: true,
    },
    Binding {
        keys: "?",
        short: "help",
        help: "all keys and what they do",
        footer: true,
    },
    Binding {
        keys: "q",
        short: "quit",
        help: "quit (asks first if something is unsaved)",
        footer: true,
    },
];

/// Bindings while typing a value.
pub const EDIT: &[Binding] = &[
    Binding {
        keys: "Enter",
        short: "apply",
        help: "apply the value",
        footer: true,
    },
    Binding {
        keys: "Esc",
        short: "cancel",
        help: "cancel",
        footer: true,
    },
    Binding {
        keys: "Backspace",
        short: "delete",
        help: "delete a character",
        footer: false,
    },
];

/// Bindings of the unsaved-changes question.
pub const CONFIRM_QUIT: &[Binding] = &[
    Binding {
        keys: "s",
        short: "save & quit",
        help: "save, then quit",
        footer: true,
    },
    Binding {
        keys: "q",
        short: "quit, discard",
        help: "quit without saving",
        footer: true,
    },
    Binding {
        keys: "Esc",
        short: "keep working",
        help: "keep working",
        footer: true,
    },
];

/// Bindings of the help overlay.
pub const HELP: &[Binding] = &[Binding {
    keys: "Esc / ? / q",
    short: "close",
    help: "close the help",
    footer: true,
}];

/// The bindings in force in `mode`.
pub fn bindings(mode: &Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Edit { .. } => EDIT,
        Mode::ConfirmQuit => CONFIRM_QUIT,
        Mode::Help => HELP,
    }
}

/// The action a key means in `mode`, if any.
pub fn resolve(mode: &Mode, key: KeyEvent) -> Option<Action> {
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Normal => match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::LeverUp),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::LeverDown),
            KeyCode::Right | KeyCode::Char('l') => Some(Action::Step {
                steps: 1,
                coarse: shift,
            }),
            KeyCode::Left | KeyCode::Char('h') => Some(Action::Step {
                steps: -1,
                coarse: shift,
            }),
            KeyCode::Char('L') => Some(Action::Step {
                steps: 1,
                coarse: true,
            }),
            KeyCode::Char('H') => Some(Action::Step {
                steps: -1,
                coarse: true,
            }),
            KeyCode::Enter => Some(Action::StartEdit),
            KeyCode::Char(']') => Some(Action::NextOffer),
            KeyCode::Char('[') => Some(Action::PrevOffer),
            KeyCode::Tab => Some(Action::NextPanel),
            KeyCode::BackTab => Some(Action::PrevPanel),
            KeyCode::Char('s') => Some(Action::Save),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Mode::Edit { .. } => match key.code {
            KeyCode::Enter => Some(Action::EditCommit),
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Backspace => Some(Action::EditBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::EditChar(c)),
            _ => None,
        },
        Mode::ConfirmQuit => match key.code {
            KeyCode::Char('s') => Some(Action::SaveAndQuit),
            KeyCode::Char('q') => Some(Action::DiscardAndQuit),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') => Some(Action::Cancel),
            _ => None,
        },
    }
}
