//! The keymap's table: every binding of every mode with the footer's word
//! for it and the help's sentence. The footer and the `?` help read these
//! lists, so they can never disagree with each other; which list is in force
//! is [`super::bindings`], what a key does is [`super::resolve`].
//!
//! To add a key: add its binding to the mode's list here and its arm in
//! `super::resolve`; a new mode gets a new list, a place in
//! `super::bindings` and, to be documented, in `super::help::HELP_SECTIONS`.

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
