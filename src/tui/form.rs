//! One form component for typed fields, which every editor of the
//! workbench is built on: the lever's exact value, an offer's name, the
//! paths to save and export to, the target and walk-away totals, a log
//! line, and call mode's quick form of the vendor's new numbers.
//!
//! A form is a list of [`Field`]s — a label, a hint, and a parser that sets
//! the field's text into a draft value or says why it cannot — over the
//! texts the mode holds, seen through [`Typing`]: the texts, which field has
//! focus, whether the focused text is still the value it was filled with
//! (then typing replaces it), and the reason the last Enter was refused.
//!
//! * [`key`] does what a key does to the texts ([`input`]): type at the
//!   cursor (the end of the text, where `▏` is drawn) within the field's
//!   [`Rule`], Backspace, Tab/↓ and Shift+Tab/↑ between fields; it hands
//!   Enter and Esc back to the editor as [`Step::Enter`] and
//!   [`Step::Cancel`].
//! * [`submit`] is Enter: a copy of the draft with every field set into it
//!   in order, or the first refusal, which the editor shows with
//!   [`Typing::refuse`] (the texts stay as typed, to correct them).
//! * `update` turns the submitted draft into a model change through
//!   `update::change` or `update::edit_table`, so every applied form is one
//!   step of the undo history.
//! * [`view`] draws a field, its cursor, its hint and a refusal the same way
//!   in every editor; the keys the footer shows for a form are its mode's
//!   list in `keymap::table`.
//!
//! To add an editor, see the steps in the `tui` module's documentation.

pub mod input;
pub mod view;

pub use input::{Rule, Step, Typing, key, key_one};

/// How a field's text is set into the draft, or why it cannot be.
type Setter<'a, D> = Box<dyn Fn(&mut D, &str) -> Result<(), String> + 'a>;

/// One typed field: its label, the hint shown with it, and how its text
/// becomes part of the draft `D` the form builds.
pub struct Field<'a, D> {
    pub label: String,
    pub hint: String,
    set: Setter<'a, D>,
}

impl<'a, D> Field<'a, D> {
    /// A field whose text `set` writes into the draft, exactly, or refuses
    /// with the reason (naming the field and the text found).
    pub fn new(
        label: impl Into<String>,
        hint: impl Into<String>,
        set: impl Fn(&mut D, &str) -> Result<(), String> + 'a,
    ) -> Field<'a, D> {
        Field {
            label: label.into(),
            hint: hint.into(),
            set: Box::new(set),
        }
    }

    /// Set `text` into `draft`, or the reason it cannot be.
    pub fn set(&self, draft: &mut D, text: &str) -> Result<(), String> {
        (self.set)(draft, text)
    }
}

/// Enter on a form: a copy of `draft` with each field's text (`texts`, in
/// field order) set into it, or the first field's reason for refusing.
pub fn submit<D: Clone>(fields: &[Field<'_, D>], texts: &[String], draft: &D) -> Result<D, String> {
    let mut out = draft.clone();
    for (field, text) in fields.iter().zip(texts) {
        field.set(&mut out, text)?;
    }
    Ok(out)
}

/// [`submit`] on a form of one field.
pub fn submit_one<D: Clone>(field: &Field<'_, D>, text: &str, draft: &D) -> Result<D, String> {
    let mut out = draft.clone();
    field.set(&mut out, text)?;
    Ok(out)
}

/// A form's typed state held on its own, for an editor whose mode has no
/// fields of its own to lend: the texts, the focus, the refusal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    pub texts: Vec<String>,
    pub focus: usize,
    /// The focused text is still the value it was filled with.
    pub fresh: bool,
    pub error: Option<String>,
}

impl State {
    /// A form filled with the values now, the first field focused; typing
    /// replaces a filled value, Backspace edits it.
    pub fn filled(texts: Vec<String>) -> State {
        State {
            texts,
            focus: 0,
            fresh: true,
            error: None,
        }
    }

    /// The state seen as [`Typing`], for [`key`] and [`Typing::refuse`].
    pub fn typing(&mut self) -> Typing<'_> {
        Typing {
            texts: &mut self.texts,
            focus: &mut self.focus,
            fresh: &mut self.fresh,
            error: &mut self.error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    fn whole(label: &'static str, at: usize) -> Field<'static, [u32; 2]> {
        Field::new(label, "a whole number", move |v: &mut [u32; 2], t: &str| {
            v[at] = t
                .parse()
                .map_err(|_| format!("{label}: expected a whole number, found '{t}'"))?;
            Ok(())
        })
    }

    #[test]
    fn typing_replaces_a_filled_value_and_backspace_edits_it() {
        let mut s = State::filled(vec!["12".into(), "7".into()]);
        let rule = Rule::number(4);
        assert_eq!(key(s.typing(), rule, &Action::Char('3')), Step::Edited);
        assert_eq!(s.texts[0], "3", "the first digit replaces the value shown");
        key(s.typing(), rule, &Action::NextPanel);
        key(s.typing(), rule, &Action::Backspace);
        key(s.typing(), rule, &Action::Char('9'));
        assert_eq!((s.focus, s.texts[1].as_str()), (1, "9"));
        assert_eq!(key(s.typing(), rule, &Action::Char('x')), Step::Ignored);
        for _ in 0..6 {
            key(s.typing(), rule, &Action::Char('1'));
        }
        assert_eq!(s.texts[1], "9111", "no more than the rule's length");
        key(s.typing(), rule, &Action::PrevPanel);
        assert_eq!(s.focus, 0);
    }

    #[test]
    fn enter_gives_every_value_or_the_first_reason_and_an_edit_clears_it() {
        let fields = [whole("Seats", 0), whole("Term", 1)];
        let mut s = State::filled(vec!["900".into(), "1.5".into()]);
        let err = submit(&fields, &s.texts, &[0, 0]).unwrap_err();
        assert_eq!(err, "Term: expected a whole number, found '1.5'");
        s.typing().refuse(err);
        assert!(s.error.is_some());
        s.focus = 1;
        key(s.typing(), Rule::number(4), &Action::Backspace);
        assert_eq!(s.error, None, "an edit clears the refusal");
        key(s.typing(), Rule::number(4), &Action::Backspace);
        assert_eq!(
            key(s.typing(), Rule::number(4), &Action::Enter),
            Step::Enter
        );
        assert_eq!(submit(&fields, &s.texts, &[0, 0]), Ok([900, 1]));
        assert_eq!(
            key(s.typing(), Rule::number(4), &Action::Cancel),
            Step::Cancel
        );
    }
}
