//! The workbench's state: the scenario being edited, its evaluation (always
//! current), the offer on the table, the lever under the cursor, the panel in
//! focus and the mode. Only `update` changes it.

use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::engine::{self, Evaluation, Outcome};
use crate::money::Overflow;
use crate::scenario::{Offer, OfferSpec, Scenario, load};

use super::levers::Lever;

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

/// What the keys do right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing an exact value for the lever under the cursor.
    Edit {
        buffer: String,
        error: Option<String>,
    },
    /// Quit was asked with unsaved changes.
    ConfirmQuit,
    Help,
}

/// The whole state of the workbench.
pub struct Model {
    /// The scenario file; None for the embedded demo until it is saved.
    pub file: Option<PathBuf>,
    /// The file's text as last loaded or saved.
    pub source: String,
    /// The offers as last loaded or saved, to write only what changed.
    pub saved: Vec<OfferSpec>,
    pub scenario: Scenario,
    pub eval: Evaluation,
    /// Index of the offer on the table (file order).
    pub table: usize,
    /// Index of the lever under the cursor in [`Lever::ALL`].
    pub lever: usize,
    pub focus: Panel,
    pub mode: Mode,
    /// A one-line message (saved, errors) shown until the next key.
    pub toast: Option<String>,
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
        let eval = engine::evaluate(&scenario).map_err(OpenError::Overflow)?;
        Ok(Model {
            file,
            saved: scenario.offers.clone(),
            source,
            scenario,
            eval,
            table: 0,
            lever: 0,
            focus: Panel::Levers,
            mode: Mode::Normal,
            toast: None,
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

    pub fn current_lever(&self) -> Lever {
        Lever::ALL[self.lever.min(Lever::ALL.len() - 1)]
    }

    /// True when an offer differs from the file on disk.
    pub fn dirty(&self) -> bool {
        self.scenario.offers != self.saved
    }

    /// The file name as shown in the header.
    pub fn file_label(&self) -> String {
        match &self.file {
            Some(p) => p.display().to_string(),
            None => "embedded demo (s saves to ./dealbench-demo.toml)".into(),
        }
    }

    /// Re-price every offer after an edit. Runs before the next frame.
    pub fn recompute(&mut self) -> Result<(), Overflow> {
        self.eval = engine::evaluate(&self.scenario)?;
        Ok(())
    }
}

/// Why a file could not be opened in the workbench.
#[derive(Debug)]
pub enum OpenError {
    Invalid(Diagnostics),
    Overflow(Overflow),
}
