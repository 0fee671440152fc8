//! The guided start of `dealbench new` in a terminal: a short form for the
//! deal, its regions (typed, or measured from a usage file) and the
//! vendor's quote, before the workbench opens on the new file.
//!
//! The Elm Architecture, as in the workbench: [`Form`] holds the state, a
//! key resolves to a [`FormAction`] through [`keys::resolve`] (one table
//! with each key's description, which the footer shows), [`update`] is the
//! only place the form changes and returns a [`FormEffect`] the loop in
//! [`screen`] carries out; [`view`] draws the form. Every figure is read by
//! [`crate::cli::new::fields`], as the flags are: a field that does not
//! hold is refused with the reason when the cursor leaves it.
//!
//! To add a field: a [`Slot`], its label, its reader in [`Form::check`]
//! (`validate`),
//! its place in [`Form::slots`].

pub mod keys;
pub mod screen;
mod validate;
pub mod view;

use chrono::NaiveDate;

use crate::cli::new::build::Request;
use crate::cli::new::fields::{self, RegionSpec};
use crate::cli::new::{DEFAULT_TERM, Given};
use crate::money::plain;

/// One field of a region: its name, headcount and the four funnel figures.
pub const REGION_FIELDS: [&str; 6] = [
    "name",
    "headcount",
    "provisioned",
    "monthly active",
    "weekly active",
    "daily active",
];

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

/// The form's state: every field as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub name: String,
    pub currency: String,
    pub start: String,
    pub usage: String,
    pub api_usage: String,
    pub regions: Vec<[String; 6]>,
    pub seats: String,
    pub price: String,
    pub term: String,
    pub uplift: String,
    pub api_commit: String,
    /// Index into [`Form::slots`].
    pub focus: usize,
    /// Why the last field or the whole form was refused.
    pub error: Option<String>,
    /// The file the form writes, as the user named it.
    pub target: String,
}

impl Form {
    /// The form for `target` with what the flags gave filled in and the
    /// defaults shown; the cursor on the first field still needed.
    pub fn new(given: &Given, today: NaiveDate, target: &str) -> Form {
        let text = |v: Option<String>| v.unwrap_or_default();
        let mut regions: Vec<[String; 6]> = given.regions.iter().map(region_texts).collect();
        if regions.is_empty() && given.usage.is_none() {
            regions.push(Default::default());
        }
        let mut form = Form {
            name: text(given.name.clone()),
            currency: given.currency.clone().unwrap_or_else(|| "USD".into()),
            start: given
                .start
                .unwrap_or_else(|| fields::next_month(today))
                .to_string(),
            usage: text(given.usage.as_ref().map(|p| p.display().to_string())),
            api_usage: given
                .api_usage
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            regions,
            seats: text(given.seats.map(|s| s.to_string())),
            price: text(given.price.map(plain)),
            term: given.term.unwrap_or(DEFAULT_TERM).to_string(),
            uplift: plain(given.uplift.unwrap_or_default()),
            api_commit: plain(given.api_commit.unwrap_or_default()),
            focus: 0,
            error: None,
            target: target.to_string(),
        };
        form.focus = form
            .slots()
            .iter()
            .position(|s| form.check(*s).is_some() || form.needs(*s))
            .unwrap_or(0);
        form
    }

    /// Every field in the order the cursor visits them.
    pub fn slots(&self) -> Vec<Slot> {
        let mut out = vec![
            Slot::Name,
            Slot::Currency,
            Slot::Start,
            Slot::Usage,
            Slot::ApiUsage,
        ];
        for i in 0..self.regions.len() {
            out.extend((0..REGION_FIELDS.len()).map(|j| Slot::Region(i, j)));
        }
        out.extend([
            Slot::Seats,
            Slot::Price,
            Slot::Term,
            Slot::Uplift,
            Slot::ApiCommit,
        ]);
        out
    }

    /// The field under the cursor.
    pub fn focused(&self) -> Slot {
        let slots = self.slots();
        slots[self.focus.min(slots.len() - 1)]
    }

    /// The text of `slot`.
    pub fn text(&self, slot: Slot) -> &str {
        match slot {
            Slot::Name => &self.name,
            Slot::Currency => &self.currency,
            Slot::Start => &self.start,
            Slot::Usage => &self.usage,
            Slot::ApiUsage => &self.api_usage,
            Slot::Region(i, j) => &self.regions[i][j],
            Slot::Seats => &self.seats,
            Slot::Price => &self.price,
            Slot::Term => &self.term,
            Slot::Uplift => &self.uplift,
            Slot::ApiCommit => &self.api_commit,
        }
    }

    fn text_mut(&mut self, slot: Slot) -> &mut String {
        match slot {
            Slot::Name => &mut self.name,
            Slot::Currency => &mut self.currency,
            Slot::Start => &mut self.start,
            Slot::Usage => &mut self.usage,
            Slot::ApiUsage => &mut self.api_usage,
            Slot::Region(i, j) => &mut self.regions[i][j],
            Slot::Seats => &mut self.seats,
            Slot::Price => &mut self.price,
            Slot::Term => &mut self.term,
            Slot::Uplift => &mut self.uplift,
            Slot::ApiCommit => &mut self.api_commit,
        }
    }

    /// What the label of `slot` says.
    pub fn label(slot: Slot) -> &'static str {
        match slot {
            Slot::Name => "Deal name",
            Slot::Currency => "Currency",
            Slot::Start => "Start",
            Slot::Usage => "Usage file",
            Slot::ApiUsage => "API usage report",
            Slot::Region(_, j) => REGION_FIELDS[j],
            Slot::Seats => "Seats",
            Slot::Price => "Price per seat-month",
            Slot::Term => "Term (months)",
            Slot::Uplift => "Uplift (% a year)",
            Slot::ApiCommit => "API commit per year",
        }
    }

    /// The write failed: say why, keep everything typed.
    pub fn refused(&mut self, message: &str) {
        let text: Vec<&str> = message.lines().collect();
        self.error = Some(text.join(" "));
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
        FormAction::Type(c) => {
            form.text_mut(slot).push(c);
            form.error = None;
        }
        FormAction::Backspace => {
            form.text_mut(slot).pop();
            form.error = None;
        }
        FormAction::Clear => form.text_mut(slot).clear(),
        FormAction::Next => {
            form.error = form.check(slot);
            let last = form.slots().len() - 1;
            if form.error.is_none() && form.focus == last {
                return update(form, FormAction::Submit);
            }
            if form.error.is_none() {
                form.focus += 1;
            }
        }
        FormAction::Prev => {
            form.error = None;
            form.focus = form.focus.saturating_sub(1);
        }
        FormAction::AddRegion => {
            let at = match slot {
                Slot::Region(i, _) => i + 1,
                _ => form.regions.len(),
            };
            form.regions.insert(at, Default::default());
            form.focus = form
                .slots()
                .iter()
                .position(|s| *s == Slot::Region(at, 0))
                .unwrap_or(form.focus);
            form.error = None;
        }
        FormAction::RemoveRegion => {
            let Slot::Region(i, _) = slot else {
                form.error = Some("the cursor is on no region: nothing to remove".into());
                return None;
            };
            form.regions.remove(i);
            form.focus = form.focus.min(form.slots().len() - 1);
            form.error = None;
        }
        FormAction::Submit => match form.request() {
            Ok(req) => {
                form.error = None;
                return Some(FormEffect::Create(req));
            }
            Err(e) => form.error = Some(e),
        },
        FormAction::Cancel => return Some(FormEffect::Quit),
    }
    None
}
