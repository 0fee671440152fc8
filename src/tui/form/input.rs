//! Typing into a form: which characters a field takes and how many, what
//! Backspace and the focus keys do, and what a refusal looks like. Pure
//! edits of the texts the mode holds; nothing here knows what a field means.

use crate::tui::action::Action;

/// Which characters a field takes, and how many at most.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub max: usize,
    pub accepts: fn(char) -> bool,
}

fn printable(c: char) -> bool {
    !c.is_control()
}

fn number(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',')
}

impl Rule {
    /// Any text but control characters, up to `max` characters.
    pub const fn text(max: usize) -> Rule {
        Rule {
            max,
            accepts: printable,
        }
    }

    /// Digits and the decimal and thousands marks, up to `max` characters.
    pub const fn number(max: usize) -> Rule {
        Rule {
            max,
            accepts: number,
        }
    }
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A text changed or the focus moved: redraw (and re-preview).
    Edited,
    /// Enter: the editor submits the form.
    Enter,
    /// Esc: the editor leaves the form, changing nothing.
    Cancel,
    /// A key the form does not take (an editor may: Tab in the log line).
    Ignored,
}

/// A form's typed state, lent by the mode that holds it.
pub struct Typing<'a> {
    /// One text a field, in field order.
    pub texts: &'a mut [String],
    pub focus: &'a mut usize,
    /// The focused text is still the value it was filled with: the first
    /// character typed replaces it, Backspace edits it.
    pub fresh: &'a mut bool,
    /// Why the last Enter was refused, until the next edit.
    pub error: &'a mut Option<String>,
}

impl Typing<'_> {
    /// Show why Enter was refused; the texts stay as typed.
    pub fn refuse(&mut self, reason: String) {
        *self.error = Some(reason);
    }

    fn type_char(&mut self, c: char, rule: Rule) -> bool {
        let Some(text) = self.texts.get_mut(*self.focus) else {
            return false;
        };
        if !(rule.accepts)(c) {
            return false;
        }
        if std::mem::take(self.fresh) {
            text.clear();
        }
        if text.chars().count() < rule.max {
            text.push(c);
        }
        *self.error = None;
        true
    }

    fn backspace(&mut self) {
        *self.fresh = false;
        if let Some(text) = self.texts.get_mut(*self.focus) {
            text.pop();
        }
        *self.error = None;
    }

    fn focus_by(&mut self, by: usize) {
        let n = self.texts.len();
        *self.focus = (*self.focus + by) % n;
        *self.fresh = true;
    }
}

/// What `action` does to the form: typing within `rule`, Backspace, and
/// with more than one field Tab/↓ and Shift+Tab/↑ between them (the field
/// reached shows its value as filled: typing replaces it).
pub fn key(mut t: Typing<'_>, rule: Rule, action: &Action) -> Step {
    let fields = t.texts.len();
    match action {
        Action::Char(c) => {
            if t.type_char(*c, rule) {
                Step::Edited
            } else {
                Step::Ignored
            }
        }
        Action::Backspace => {
            t.backspace();
            Step::Edited
        }
        Action::NextPanel | Action::Down if fields > 1 => {
            t.focus_by(1);
            Step::Edited
        }
        Action::PrevPanel | Action::Up if fields > 1 => {
            t.focus_by(fields - 1);
            Step::Edited
        }
        Action::Enter => Step::Enter,
        Action::Cancel => Step::Cancel,
        _ => Step::Ignored,
    }
}

/// [`key`] on a form of one field, whose mode holds its text, whether it is
/// still the value filled in, and its refusal (pass `&mut false` and
/// `&mut None` for what the mode does not hold).
pub fn key_one(
    text: &mut String,
    fresh: &mut bool,
    error: &mut Option<String>,
    rule: Rule,
    action: &Action,
) -> Step {
    let mut focus = 0;
    let typing = Typing {
        texts: std::slice::from_mut(text),
        focus: &mut focus,
        fresh,
        error,
    };
    key(typing, rule, action)
}
