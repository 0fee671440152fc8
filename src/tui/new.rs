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
//! To add a field: a [`Slot`], its label and reader in [`Form::check`],
//! its place in [`Form::slots`].

pub mod keys;
pub mod screen;
pub mod view;

use chrono::NaiveDate;

use crate::cli::new::build::Request;
use crate::cli::new::fields::{self, FunnelSpec, RegionSpec};
use crate::cli::new::{DEFAULT_TERM, Given};
use crate::money::plain;
use crate::scenario::template::Quote;

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

    /// Why the text of `slot` does not hold, or `None` when it does (a
    /// blank optional field holds).
    pub fn check(&self, slot: Slot) -> Option<String> {
        let t = self.text(slot);
        let blank = t.trim().is_empty();
        let cur = self.currency.trim();
        let result = match slot {
            Slot::Name => fields::deal_name(t).map(drop),
            Slot::Currency => fields::currency(t).map(drop),
            Slot::Start => fields::start(t).map(drop),
            Slot::Usage | Slot::ApiUsage => Ok(()),
            Slot::Region(i, _) if self.region_blank(i) => Ok(()),
            Slot::Region(i, 0) if blank => Err(format!("region {}: expected a name", i + 1)),
            Slot::Region(_, 0) => Ok(()),
            Slot::Region(i, j) if blank => match j >= 2 && self.funnel_measured(i) {
                true => Ok(()),
                false => Err(format!(
                    "region {}: expected the {}",
                    i + 1,
                    REGION_FIELDS[j]
                )),
            },
            Slot::Region(i, _) => self.region(i).map(drop),
            Slot::Seats if blank => Err("expected the seats the vendor quotes".into()),
            Slot::Seats => fields::count(t, 1).map(drop),
            Slot::Price if blank => Ok(()),
            Slot::Price => fields::seat_price(t, cur).map(drop),
            Slot::Term => fields::term(t).map(drop),
            Slot::Uplift => fields::uplift(t).map(drop),
            Slot::ApiCommit => fields::api_commit(t, cur).map(drop),
        };
        result.err().map(|e| format!("{}: {e}", Form::label(slot)))
    }

    /// A blank field the form cannot do without (a blank region row holds
    /// until it is the only source of regions).
    fn needs(&self, slot: Slot) -> bool {
        matches!(slot, Slot::Name | Slot::Seats | Slot::Region(_, 0))
            && self.text(slot).trim().is_empty()
    }

    /// Region `i` leaves its whole funnel to the usage file.
    fn funnel_measured(&self, i: usize) -> bool {
        !self.usage.trim().is_empty() && self.regions[i][2..].iter().all(|t| t.trim().is_empty())
    }

    fn region_blank(&self, i: usize) -> bool {
        self.regions[i].iter().all(|t| t.trim().is_empty())
    }

    /// Region `i` as far as it is typed: the funnel when all four figures
    /// are there, the funnel rule checked on the figures given so far.
    fn region(&self, i: usize) -> Result<RegionSpec, String> {
        let r = &self.regions[i];
        let name = r[0].trim().to_string();
        let figure = |j: usize| -> Result<Option<u64>, String> {
            match r[j].trim() {
                "" => Ok(None),
                t => fields::count(t, 0).map(Some),
            }
        };
        let headcount = figure(1)?.unwrap_or(0);
        let f = [figure(2)?, figure(3)?, figure(4)?, figure(5)?];
        let known = [Some(headcount), f[0], f[1], f[2], f[3]];
        let filled: Vec<(usize, u64)> = known
            .iter()
            .enumerate()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
        for pair in filled.windows(2) {
            let [(hi_k, hi), (lo_k, lo)] = pair else {
                continue;
            };
            if lo > hi {
                return Err(format!(
                    "funnel of '{name}' out of order: expected {} ≤ {} ({hi}), found '{lo}'",
                    REGION_FIELDS[lo_k + 1],
                    REGION_FIELDS[hi_k + 1]
                ));
            }
        }
        let funnel = match f {
            [Some(provisioned), Some(mau), Some(wau), Some(dau)] => Some(FunnelSpec {
                provisioned,
                mau,
                wau,
                dau,
            }),
            _ => None,
        };
        Ok(RegionSpec {
            name,
            headcount,
            funnel,
        })
    }

    /// The request the form describes, or why it cannot be made yet (the
    /// first field at fault gets the cursor).
    fn request(&mut self) -> Result<Request, String> {
        let slots = self.slots();
        if let Some((k, e)) = slots
            .iter()
            .enumerate()
            .find_map(|(k, s)| self.check(*s).map(|e| (k, e)))
        {
            self.focus = k;
            return Err(e);
        }
        let regions = (0..self.regions.len())
            .filter(|i| !self.region_blank(*i))
            .map(|i| self.region(i))
            .collect::<Result<Vec<_>, _>>()?;
        let usage = Some(self.usage.trim()).filter(|u| !u.is_empty());
        if regions.is_empty() && usage.is_none() {
            return Err(
                "expected a region (Ctrl-N adds one) or a usage file to measure them from".into(),
            );
        }
        let cur = fields::currency(&self.currency)?;
        let price = self.price.trim();
        Ok(Request {
            name: fields::deal_name(&self.name)?,
            start: fields::start(&self.start)?,
            regions,
            usage: usage.map(Into::into),
            api_usage: self.api_usage.split_whitespace().map(Into::into).collect(),
            quote: Quote {
                seats: fields::count(&self.seats, 1)?,
                seat_price: match price.is_empty() {
                    true => None,
                    false => Some(fields::seat_price(price, &cur)?),
                },
                term_months: fields::term(&self.term)?,
                uplift_pct: fields::uplift(&self.uplift)?,
                api_commit: fields::api_commit(&self.api_commit, &cur)?,
            },
            currency: cur,
        })
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
