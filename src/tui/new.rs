//! The guided start of `dealbench new` in a terminal: a short form for the
//! deal, its regions (typed, or measured from a usage file) and the
//! vendor's quote, before the workbench opens on the new file.
//!
//! Built on the workbench's form component ([`crate::tui::form`]): the
//! texts, the focus and the refusal are a [`form::State`], typing goes
//! through [`form::key`] (a value filled in — a default, a flag's — is
//! replaced by the first character typed), and every field is a
//! [`form::Field`] of [`fields`] whose setter reads the text exactly into a
//! [`fields::Draft`], as the flags are read ([`crate::cli::new::fields`]),
//! or refuses it with the reason. A field is checked when the cursor
//! leaves it; Ctrl+S [`form::submit`]s them all.
//!
//! The Elm Architecture, as in the workbench: [`Form`] holds the state, a
//! key resolves to a [`FormAction`] through [`keys::resolve`] (one table
//! with each key's description, which the footer shows), [`update`] is the
//! only place the form changes and returns a [`FormEffect`] the loop in
//! [`screen`] carries out; [`view`] draws the form.
//!
//! To add a field: a [`Slot`], its place in [`Form::slots`], its text in
//! [`Form::new`] and its [`form::Field`] in [`fields`].

pub mod fields;
pub mod keys;
pub mod screen;
pub mod view;

use chrono::NaiveDate;

use crate::cli::new::build::Request;
use crate::cli::new::fields::{RegionSpec, next_month};
use crate::cli::new::{DEFAULT_TERM, Given};
use crate::money::plain;
use crate::tui::action::Action;
use crate::tui::form::{self, Rule};

/// One field of a region: its name, headcount and the four funnel figures.
pub const REGION_FIELDS: [&str; 6] = [
    "name",
    "headcount",
    "provisioned",
    "monthly active",
    "weekly active",
    "daily active",
];

/// The longest text a field takes.
const MAX_TEXT: usize = 200;

/// Where the cursor can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Name,
    Currency,
    Start,
    Usage,
    ApiUsage,
    /// Region `i`, field `j` of [`REGION_FIELDS`].
    Region(usize, usize),
    Seats,
    Price,
    Term,
    Uplift,
    ApiCommit,
}

/// The fields before the regions, in order.
const HEAD: [Slot; 5] = [
    Slot::Name,
    Slot::Currency,
    Slot::Start,
    Slot::Usage,
    Slot::ApiUsage,
];
/// The vendor's quote, after the regions.
const QUOTE: [Slot; 5] = [
    Slot::Seats,
    Slot::Price,
    Slot::Term,
    Slot::Uplift,
    Slot::ApiCommit,
];

/// What a key asks of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    Type(char),
    Backspace,
    Clear,
    Next,
    Prev,
    AddRegion,
    RemoveRegion,
    Submit,
    Cancel,
}

/// What the loop carries out.
#[derive(Debug, Clone, PartialEq)]
pub enum FormEffect {
    /// Write the scenario; a failure comes back through [`Form::refused`].
    Create(Request),
    /// Leave without writing.
    Quit,
}

/// The form's state: every field's text in [`Form::slots`] order, the
/// focus and the last refusal, and how many region rows there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub state: form::State,
    pub regions: usize,
    /// The file the form writes, as the user named it.
    pub target: String,
}

impl Form {
    /// The form for `target` with what the flags gave filled in and the
    /// defaults shown; the cursor on the first field still needed.
    pub fn new(given: &Given, today: NaiveDate, target: &str) -> Form {
        let text = |v: Option<String>| v.unwrap_or_default();
        let mut rows: Vec<[String; 6]> = given.regions.iter().map(region_texts).collect();
        if rows.is_empty() && given.usage.is_none() {
            rows.push(Default::default());
        }
        let api_usage: Vec<String> = given
            .api_usage
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let mut texts = vec![
            text(given.name.clone()),
            given.currency.clone().unwrap_or_else(|| "USD".into()),
            given.start.unwrap_or_else(|| next_month(today)).to_string(),
            text(given.usage.as_ref().map(|p| p.display().to_string())),
            api_usage.join(" "),
        ];
        texts.extend(rows.iter().flatten().cloned());
        texts.extend([
            text(given.seats.map(|s| s.to_string())),
            text(given.price.map(plain)),
            given.term.unwrap_or(DEFAULT_TERM).to_string(),
            plain(given.uplift.unwrap_or_default()),
            plain(given.api_commit.unwrap_or_default()),
        ]);
        let mut form = Form {
            state: form::State::filled(texts),
            regions: rows.len(),
            target: target.to_string(),
        };
        form.state.focus = form
            .slots()
            .iter()
            .position(|s| form.check(*s).is_some() || form.needs(*s))
            .unwrap_or(0);
        form
    }

    /// Every field in the order the cursor visits them.
    pub fn slots(&self) -> Vec<Slot> {
        let mut out = HEAD.to_vec();
        for i in 0..self.regions {
            out.extend((0..REGION_FIELDS.len()).map(|j| Slot::Region(i, j)));
        }
        out.extend(QUOTE);
        out
    }

    fn index(&self, slot: Slot) -> usize {
        let quote = HEAD.len() + self.regions * REGION_FIELDS.len();
        match slot {
            Slot::Region(i, j) => HEAD.len() + i * REGION_FIELDS.len() + j,
            s => HEAD
                .iter()
                .position(|h| *h == s)
                .or_else(|| QUOTE.iter().position(|q| *q == s).map(|k| quote + k))
                .unwrap_or(0),
        }
    }

    /// The field under the cursor.
    pub fn focused(&self) -> Slot {
        let slots = self.slots();
        slots[self.state.focus.min(slots.len() - 1)]
    }

    /// Put the cursor on `slot`.
    pub fn focus(&mut self, slot: Slot) {
        self.state.focus = self.index(slot);
        self.state.fresh = true;
    }

    /// The text of `slot`.
    pub fn text(&self, slot: Slot) -> &str {
        &self.state.texts[self.index(slot)]
    }

    /// Why the last field or the whole form was refused.
    pub fn error(&self) -> Option<&str> {
        self.state.error.as_deref()
    }

    /// Why the text of `slot` does not hold, or `None` when it does (a
    /// blank optional field holds). The fields before it are read first,
    /// as far as they hold (the price needs the currency).
    pub fn check(&self, slot: Slot) -> Option<String> {
        let fields = fields::fields(self);
        let at = self.index(slot);
        let mut draft = fields::Draft::default();
        for (field, text) in fields.iter().zip(&self.state.texts).take(at) {
            let _ = field.set(&mut draft, text);
        }
        fields[at].set(&mut draft, &self.state.texts[at]).err()
    }

    /// A blank field the form cannot do without (a blank region row holds
    /// until it is the only source of regions).
    fn needs(&self, slot: Slot) -> bool {
        matches!(slot, Slot::Name | Slot::Seats | Slot::Region(_, 0))
            && self.text(slot).trim().is_empty()
    }

    /// The request the form describes, or why it cannot be made yet (the
    /// first field at fault gets the cursor).
    fn request(&mut self) -> Result<Request, String> {
        let fields = fields::fields(self);
        let mut draft = fields::Draft::default();
        for (k, (field, text)) in fields.iter().zip(&self.state.texts).enumerate() {
            if let Err(e) = field.set(&mut draft, text) {
                self.state.focus = k;
                return Err(e);
            }
        }
        draft.request()
    }

    /// The write failed: say why, keep everything typed.
    pub fn refused(&mut self, message: &str) {
        let text: Vec<&str> = message.lines().collect();
        self.state.typing().refuse(text.join(" "));
    }

    /// Type into the field under the cursor through the form component.
    fn key(&mut self, action: &Action) {
        form::key(self.state.typing(), Rule::text(MAX_TEXT), action);
    }
}

fn region_texts(r: &RegionSpec) -> [String; 6] {
    let f = r.funnel;
    let n = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    [
        r.name.clone(),
        r.headcount.to_string(),
        n(f.map(|f| f.provisioned)),
        n(f.map(|f| f.mau)),
        n(f.map(|f| f.wau)),
        n(f.map(|f| f.dau)),
    ]
}

/// The only place the form changes.
pub fn update(form: &mut Form, action: FormAction) -> Option<FormEffect> {
    let slot = form.focused();
    match action {
        FormAction::Type(c) => form.key(&Action::Char(c)),
        FormAction::Backspace => form.key(&Action::Backspace),
        FormAction::Clear => {
            let at = form.state.focus;
            form.state.texts[at].clear();
            form.state.error = None;
        }
        FormAction::Next => {
            form.state.error = form.check(slot);
            let last = form.slots().len() - 1;
            if form.state.error.is_none() && form.state.focus == last {
                return update(form, FormAction::Submit);
            }
            if form.state.error.is_none() {
                form.state.focus += 1;
                form.state.fresh = true;
            }
        }
        FormAction::Prev => {
            form.state.error = None;
            form.state.focus = form.state.focus.saturating_sub(1);
            form.state.fresh = true;
        }
        FormAction::AddRegion => {
            let at = match slot {
                Slot::Region(i, _) => i + 1,
                _ => form.regions,
            };
            let start = HEAD.len() + at * REGION_FIELDS.len();
            let blank = std::iter::repeat_n(String::new(), REGION_FIELDS.len());
            form.state.texts.splice(start..start, blank);
            form.regions += 1;
            form.focus(Slot::Region(at, 0));
            form.state.error = None;
        }
        FormAction::RemoveRegion => {
            let Slot::Region(i, _) = slot else {
                form.state.error = Some("the cursor is on no region: nothing to remove".into());
                return None;
            };
            let start = HEAD.len() + i * REGION_FIELDS.len();
            form.state.texts.drain(start..start + REGION_FIELDS.len());
            form.regions -= 1;
            form.state.focus = form.state.focus.min(form.slots().len() - 1);
            form.state.error = None;
        }
        FormAction::Submit => match form.request() {
            Ok(req) => {
                form.state.error = None;
                return Some(FormEffect::Create(req));
            }
            Err(e) => form.state.error = Some(e),
        },
        FormAction::Cancel => return Some(FormEffect::Quit),
    }
    None
}
