//! The workbench's state: the scenario being edited, its evaluation (current,
//! or on its way from a background pricing: [`super::pricing`]), the offer
//! on the table, the lever under the cursor, the panel in focus, the mode,
//! and the undo history. Only `update` changes it.

use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::diag::Diagnostics;
use crate::engine::{self, Evaluation, Outcome};
use crate::money::Overflow;
use crate::scenario::{LogEntry, Offer, OfferSpec, Scenario, load, offers};

use super::levers::{Ctx, Lever};

mod mode;
pub mod queries;
pub mod risk;

pub use mode::{CallForm, Mode, NameFor, PowerView, Preview, SeekGoal, TargetKind};

/// The panels, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Levers,
    Regions,
    Funnel,
    Term,
    Api,
    Totals,
}

impl Panel {
    pub const ALL: [Panel; 6] = [
        Panel::Levers,
        Panel::Regions,
        Panel::Funnel,
        Panel::Term,
        Panel::Api,
        Panel::Totals,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Levers => "Levers",
            Panel::Regions => "Regions",
            Panel::Funnel => "Seat funnel",
            Panel::Term => "Term & uplift",
            Panel::Api => "API bundle",
            Panel::Totals => "Totals",
        }
    }
}

/// A state the history can return to.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub offers: Vec<OfferSpec>,
    pub table: usize,
    /// The deal's target and walk-away totals.
    pub targets: (Option<Decimal>, Option<Decimal>),
    /// The negotiation log.
    pub log: Vec<LogEntry>,
}

/// The whole state of the workbench.
pub struct Model {
    /// The scenario file; None for the embedded demo until it is saved.
    pub file: Option<PathBuf>,
    /// The file's text as last loaded or saved.
    pub source: String,
    /// The offers as the file holds them, in file order, to write only
    /// what changed.
    pub saved: Vec<OfferSpec>,
    pub scenario: Scenario,
    pub eval: Evaluation,
    /// What every offer shares (demand, growth, the API plans priced so
    /// far): kept while only offers change.
    pub shared: std::sync::Arc<engine::Shared>,
    /// Index of the offer on the table (file order).
    pub table: usize,
    /// Index of the lever under the cursor in [`Model::levers`].
    pub lever: usize,
    /// Which API plan the plan levers edit: None for every workload.
    pub plan: Option<usize>,
    pub focus: Panel,
    pub mode: Mode,
    /// States before each change, oldest first (back to the file as opened).
    pub history: Vec<Snapshot>,
    /// States undone, for redo.
    pub future: Vec<Snapshot>,
    /// The next id for a new offer.
    pub next_id: u64,
    /// The deal's target and walk-away totals as the file holds them.
    pub saved_targets: (Option<Decimal>, Option<Decimal>),
    /// How many log entries the file holds; later ones are new.
    pub saved_log: usize,
    /// The file changed on disk since it was loaded or saved (a
    /// colleague's edit, a `git pull`): a banner offers to reload.
    pub disk_changed: bool,
    /// The next save may overwrite a change on disk (chosen in the dialog).
    pub overwrite: bool,
    /// The text of unsaved changes found at start, while the negotiator
    /// chooses to recover or discard them.
    pub recovery: Option<String>,
    /// The goal seek's answer while [`Mode::Seek`] is shown.
    pub seek: Option<Result<crate::engine::seek::SeekResult, String>>,
    /// The drivers and stress figures while [`Mode::Drivers`] is shown.
    pub power: Option<PowerView>,
    /// The risk figures asked for last ([`Mode::Risk`]): the generation
    /// they wait for and, once arrived, the figures.
    pub risk: Option<risk::RiskState>,
    /// The last generation of risk figures asked for.
    pub risk_generation: u64,
    /// The Compare column marked as the offer to walk from (`m`).
    pub compare_from: Option<usize>,
    /// A one-line message (saved, errors) shown until the next key.
    pub toast: Option<String>,
    /// First line of the help shown (the help scrolls).
    pub help_scroll: u16,
    /// Where Esc in the drivers view goes back to (Compare, when opened
    /// from there).
    pub drivers_back: Option<Box<Mode>>,
    /// The generation of the pricing running in the background while the
    /// file opens: until its result arrives `eval` holds no offers, the
    /// screen says "pricing…" and only quitting is possible.
    pub pricing: Option<u64>,
    /// Why the file could not be priced (the workbench then ends with it).
    pub unpriced: Option<String>,
    /// The generation of the re-pricing running in the background after an
    /// edit on a large file: the offer on the table is priced already, the
    /// other offers show their figures from before until it arrives.
    pub repricing: Option<u64>,
    /// The last generation handed to a background pricing.
    pub generation: u64,
    /// An edit asked for a background re-pricing that `update` has not yet
    /// handed to the loop.
    pub price_request: bool,
    pub quit: bool,
}

/// The embedded demo scenario.
pub const DEMO: &str = include_str!("../../assets/demo.toml");

impl Model {
    /// A model over scenario text; `file` None marks the embedded demo.
    pub fn from_text(
        file: Option<PathBuf>,
        label: &str,
        source: String,
    ) -> Result<Model, OpenError> {
        let scenario = load::parse_str(label, &source).map_err(OpenError::Invalid)?;
        let mut m = Model::unpriced(file, source, scenario).map_err(OpenError::Overflow)?;
        m.eval = engine::evaluate_on(&m.scenario, &m.shared).map_err(OpenError::Overflow)?;
        m.pricing = None;
        Ok(m)
    }

    /// A model over a scenario already loaded from `source`, not yet priced:
    /// the first frame can draw at once while [`Model::first_pricing`] runs
    /// away from the loop. Its `eval` holds no offers until
    /// [`Action::Priced`](super::action::Action::Priced) arrives.
    pub fn unpriced(
        file: Option<PathBuf>,
        source: String,
        scenario: Scenario,
    ) -> Result<Model, Overflow> {
        let shared = engine::Shared::of(&scenario)?;
        let eval = Evaluation {
            horizon: scenario.horizon(),
            reference: 0,
            outcomes: Vec::new(),
            funnel: engine::Funnel::of(&scenario)?,
            consolidation: Vec::new(),
        };
        Ok(Model {
            shared: std::sync::Arc::new(shared),
            file,
            saved: scenario.offers.clone(),
            next_id: scenario.offers.len() as u64,
            saved_targets: (scenario.deal.target_total, scenario.deal.walk_away_total),
            saved_log: scenario.log.len(),
            source,
            scenario,
            eval,
            table: 0,
            lever: 0,
            plan: None,
            focus: Panel::Levers,
            mode: Mode::Normal,
            history: Vec::new(),
            future: Vec::new(),
            disk_changed: false,
            overwrite: false,
            recovery: None,
            seek: None,
            power: None,
            risk: None,
            risk_generation: 0,
            compare_from: None,
            toast: None,
            help_scroll: 0,
            drivers_back: None,
            pricing: Some(0),
            unpriced: None,
            repricing: None,
            generation: 0,
            price_request: false,
            quit: false,
        })
    }

    /// The embedded demo.
    pub fn demo() -> Result<Model, OpenError> {
        Model::from_text(None, "demo.toml", DEMO.to_string())
    }

    /// The outcome of the offer on the table.
    pub fn outcome(&self) -> &Outcome {
        &self.eval.outcomes[self.table.min(self.eval.outcomes.len().saturating_sub(1))]
    }

    /// The reference offer's outcome.
    pub fn reference(&self) -> &Outcome {
        &self.eval.outcomes[self.eval.reference]
    }

    pub fn offer(&self) -> &Offer {
        &self.outcome().offer
    }

    /// What levers read besides the offer.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            scenario: &self.scenario,
            plan: self.plan,
        }
    }

    /// The levers of the offer on the table, in cursor order.
    pub fn levers(&self) -> Vec<Lever> {
        Lever::list(self.offer(), &self.scenario)
    }

    pub fn current_lever(&self) -> Lever {
        let levers = self.levers();
        levers[self.lever.min(levers.len() - 1)]
    }

    /// The offer the one on the table is based on, resolved.
    pub fn parent(&self) -> Option<Offer> {
        let spec = self.scenario.offers.get(self.table)?;
        let name = spec.based_on.as_ref()?;
        offers::resolve(&self.scenario, name).ok()
    }

    /// True when the offers, the targets or the log differ from the file.
    pub fn dirty(&self) -> bool {
        self.scenario.offers != self.saved
            || self.targets() != self.saved_targets
            || self.scenario.log.len() != self.saved_log
    }

    /// The file's text with every change made here: what a save writes
    /// and what the recovery file holds.
    pub fn file_text(&self) -> Result<String, crate::scenario::save::SaveTextError> {
        use crate::scenario::save::{write_deal_and_log, write_offers};
        let new_log = &self.scenario.log[self.saved_log.min(self.scenario.log.len())..];
        write_offers(&self.source, &self.saved, &self.scenario.offers)
            .and_then(|t| write_deal_and_log(&t, self.targets(), new_log))
    }

    /// The deal's target and walk-away totals now.
    pub fn targets(&self) -> (Option<Decimal>, Option<Decimal>) {
        (
            self.scenario.deal.target_total,
            self.scenario.deal.walk_away_total,
        )
    }

    /// The file name as shown in the header.
    pub fn file_label(&self) -> String {
        match &self.file {
            Some(p) => p.display().to_string(),
            None => "embedded demo (s saves to ./dealbench-demo.toml)".into(),
        }
    }

    /// The state the history records.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            offers: self.scenario.offers.clone(),
            table: self.table,
            targets: self.targets(),
            log: self.scenario.log.clone(),
        }
    }
}

/// Why a file could not be opened in the workbench.
#[derive(Debug)]
pub enum OpenError {
    Invalid(Diagnostics),
    Overflow(Overflow),
}
