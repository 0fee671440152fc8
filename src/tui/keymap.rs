//! One keymap, one source of truth: every binding with the words the footer
//! and the `?` help show. A key is resolved to an [`Action`] by a pure lookup
//! on the current mode; nothing else interprets keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::model::Mode;

/// A key binding: the key, the footer's word for it, what it does.
pub struct Binding {
    pub keys: &'static str,
    pub short: &'static str,
    pub help: &'static str,
    /// Shown in the footer (the most used ones).
    pub footer: bool,
}

const fn b(keys: &'static str, short: &'static str, help: &'static str, footer: bool) -> Binding {
    Binding {
        keys,
        short,
        help,
        footer,
    }
}

/// The bindings of the workbench, for the footer and `?`.
pub const NORMAL: &[Binding] = &[
    b(
        "↑↓",
        "lever",
        "choose a lever (the first is the seat count)",
        true,
    ),
    b(
        "←→",
        "move",
        "move the lever one step (a seat, a cent, a percent, a month)",
        true,
    ),
    b(
        "Shift+←→ PgUp PgDn",
        "coarse",
        "move the lever a coarse step (25 seats, $1, 5 or 10 points, 12 months…)",
        false,
    ),
    b(
        "Enter",
        "type",
        "type an exact value (on Terms: edit the list)",
        true,
    ),
    b(
        "0",
        "reset",
        "reset the lever to the value it inherits",
        false,
    ),
    b(
        "+ -",
        "ramp",
        "add / remove a seat-ramp step (on Seats: make a ramp)",
        false,
    ),
    b(
        "< >",
        "month",
        "move a seat-ramp step a month earlier / later",
        false,
    ),
    b(
        "[ ]",
        "offer",
        "[ previous / ] next offer on the table, in file order",
        true,
    ),
    b(
        "s",
        "save",
        "save the offers into the file (comments and layout kept)",
        true,
    ),
    b("u", "undo", "undo the last change", true),
    b("c", "compare", "every offer side by side", true),
    b(
        "D",
        "drivers",
        "what drove the difference from the reference, and the stress exposure",
        false,
    ),
    b(
        "x",
        "risk",
        "risk over the [uncertainty] draws, and the seats and commit to sign",
        false,
    ),
    b(
        "g",
        "seek",
        "goal seek: the lever's value that reaches a total (Enter applies)",
        false,
    ),
    b(
        "E",
        "export",
        "export the brief .md, the months .csv, the report .json or a workbook .xlsx",
        false,
    ),
    b(
        "C",
        "call",
        "call mode: the live view for a vendor call",
        true,
    ),
    b(
        "n",
        "new",
        "new counter-offer based on the one on the table",
        true,
    ),
    b("S", "save as", "save to another file", false),
    b(
        "R",
        "reload",
        "reload the file when it changed on disk",
        false,
    ),
    b("Ctrl+r", "redo", "redo what was undone", false),
    b("r", "rename", "rename the offer on the table", false),
    b("d", "delete", "delete the offer on the table (asks)", false),
    b("l", "log", "add a line to the negotiation log", false),
    b(
        "Tab",
        "panel",
        "next panel, Shift+Tab previous (the one shown at small sizes)",
        false,
    ),
    b("?", "help", "all keys and what they do", true),
    b(
        "q",
        "quit",
        "quit (asks first if something is unsaved)",
        true,
    ),
];

/// Bindings while typing.
pub const EDIT: &[Binding] = &[
    b("Enter", "apply", "apply", true),
    b("Esc", "cancel", "cancel", true),
    b("Backspace", "delete", "delete a character", false),
];

/// Bindings of a yes/no question.
pub const CONFIRM_DELETE: &[Binding] = &[
    b("y", "delete", "delete the offer", true),
    b("n/Esc", "keep", "keep it", true),
];

/// Bindings of the unsaved-changes question.
pub const CONFIRM_QUIT: &[Binding] = &[
    b("s", "save & quit", "save, then quit", true),
    b("q", "quit, discard", "quit without saving", true),
    b("Esc", "keep working", "keep working", true),
];

/// Bindings of the terms list.
pub const TERMS: &[Binding] = &[
    b("↑↓", "term", "choose a term", true),
    b("Space", "toggle", "the offer carries the term or not", true),
    b("a", "add", "add a term of your own", true),
    b("Esc", "close", "close the list", true),
];

/// Bindings of Compare.
pub const COMPARE: &[Binding] = &[
    b("←→", "offer", "choose an offer (column)", true),
    b("↑↓", "scroll", "scroll the rows", true),
    b(
        "Enter",
        "on the table",
        "put the chosen offer on the table",
        true,
    ),
    b(
        "v",
        "values/Δ",
        "show values or differences against the reference",
        true,
    ),
    b("m", "mark", "mark the chosen offer to walk from (D)", false),
    b(
        "D",
        "drivers",
        "what drove the difference from the marked offer (or the reference)",
        true,
    ),
    b("Esc", "close", "back to the workbench", true),
];

/// Bindings of call mode.
pub const CALL: &[Binding] = &[
    b(
        "v",
        "new offer",
        "type the vendor's new numbers as a new offer",
        true,
    ),
    b("[ ]", "offer", "previous / next offer on the table", true),
    b("t", "target", "set our target total (none clears it)", true),
    b(
        "w",
        "walk-away",
        "set the walk-away total (none clears it)",
        true,
    ),
    b("l", "log", "add a line to the negotiation log", true),
    b("u", "undo", "undo the last change (Ctrl+r redoes)", true),
    b("s", "save", "save, staying in call mode", true),
    b("Esc", "back", "back to the workbench", true),
];

/// Bindings of call mode's quick form.
pub const CALL_FORM: &[Binding] = &[
    b(
        "Tab/↓",
        "next field",
        "next field (Shift+Tab/↑ the previous)",
        true,
    ),
    b(
        "Enter",
        "add offer",
        "add the numbers as a new vendor offer and put it on the table",
        true,
    ),
    b(
        "Esc",
        "cancel",
        "leave the form without adding an offer",
        true,
    ),
];

/// Bindings of the log prompt.
pub const LOG: &[Binding] = &[
    b(
        "Enter",
        "add",
        "add the line (stamped with the time now)",
        true,
    ),
    b("Tab", "who", "switch who said it: us or the vendor", true),
    b("Esc", "cancel", "cancel", true),
];

/// Bindings of the changed-on-disk dialog: keys the workbench does not use.
pub const CONFLICT: &[Binding] = &[
    b(
        "R",
        "reload",
        "reload the file from disk (your unsaved changes are dropped)",
        true,
    ),
    b(
        "O",
        "overwrite",
        "overwrite the file with your offers",
        true,
    ),
    b("A", "save as", "save your offers to another file", true),
    b("Esc", "cancel", "do not save", true),
];

/// Bindings of the recovery question.
pub const RECOVER: &[Binding] = &[
    b("r", "recover", "recover the unsaved changes", true),
    b(
        "d",
        "discard",
        "discard them and open the file as it is",
        true,
    ),
];

/// Bindings of goal seek.
pub const SEEK: &[Binding] = &[
    b(
        "Tab",
        "goal",
        "aim at the reference, our target, the walk-away or a typed total",
        true,
    ),
    b("Enter", "apply", "set the lever to the answer", true),
    b("Esc", "cancel", "leave the lever as it is", true),
];

/// Bindings of the drivers view.
pub const DRIVERS: &[Binding] = &[
    b("[ ]", "offer", "walk to the previous / next offer", true),
    b("Esc", "close", "back to the workbench", true),
];

/// Bindings of the risk view.
pub const RISK: &[Binding] = &[
    b("[ ]", "offer", "previous / next offer on the table", true),
    b(
        "↑↓ ←→",
        "lever",
        "choose and move a lever; the figures recompute",
        true,
    ),
    b("Esc", "close", "back to the workbench", true),
];

/// Bindings of the help overlay.
pub const HELP: &[Binding] = &[
    b("↑↓ PgUp PgDn", "scroll", "scroll the list of keys", true),
    b("Esc", "close", "close the help", true),
];

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
