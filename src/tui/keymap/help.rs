//! The help's text (`?`): every key of every mode from the keymap's own
//! bindings (so the help and the footer can never disagree), in sections,
//! wrapped to a width. The overlay that draws and scrolls it is
//! `overlays::help`; `update` reads the same lines to know where scrolling
//! ends. To document a new mode, add its bindings to [`HELP_SECTIONS`].

use super::table::{
    Binding, CALL, CALL_FORM, COMPARE, CONFLICT, DRIVERS, EDIT, LOG, NORMAL, RECOVER, RISK, SEEK,
    TERMS,
};
use crate::tui::widgets::wrap_at;

/// One line of the help as drawn: a section heading, or a binding's keys
/// (on its first line only) and a piece of its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Legend(String),
    Blank,
    Heading(&'static str),
    Key { keys: &'static str, text: String },
}

/// The help wrapped to `width` columns: the legend, then each section's
/// blank line, heading and bindings. Also the width the keys take.
pub fn help_lines(width: u16) -> (Vec<HelpLine>, usize) {
    let legend = "Sliders: ● the value, ┃ the reference offer's value; • the offer sets it itself. Money is shown in full.";
    let mut out: Vec<HelpLine> = wrap_at(legend, " ", width.max(10))
        .into_iter()
        .map(HelpLine::Legend)
        .collect();
    let keys_w = HELP_SECTIONS
        .iter()
        .flat_map(|(_, bs)| bs.iter())
        .map(|b| b.keys.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let text_w = width.saturating_sub(keys_w as u16).max(10);
    for (title, bindings) in HELP_SECTIONS {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(title));
        for b in *bindings {
            for (i, text) in wrap_at(b.help, " ", text_w).into_iter().enumerate() {
                let keys = if i == 0 { b.keys } else { "" };
                out.push(HelpLine::Key { keys, text });
            }
        }
    }
    (out, keys_w)
}

/// The sections of the help: every mode's bindings under a heading.
pub const HELP_SECTIONS: &[(&str, &[Binding])] = &[
    ("The workbench", NORMAL),
    ("Typing a value or a name", EDIT),
    ("Compare", COMPARE),
    ("Terms list", TERMS),
    ("Goal seek", SEEK),
    ("What drove the difference, stress", DRIVERS),
    ("Risk (x)", RISK),
    ("Call mode", CALL),
    ("The vendor's new numbers (call mode)", CALL_FORM),
    ("Negotiation log line", LOG),
    ("File changed on disk", CONFLICT),
    ("Recovered changes", RECOVER),
];
