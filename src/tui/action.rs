//! What the negotiator asked for ([`Action`]) and what the loop must carry
//! out for the model ([`Effect`]).

use std::path::PathBuf;

/// A request resolved from a key (or from the loop, e.g. a save's result).
/// The same action means what fits the mode: `Up` moves the lever cursor in
/// the workbench and scrolls in Compare.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Up,
    Down,
    /// Move the lever under the cursor by `steps` (Compare: the column).
    Step {
        steps: i64,
        coarse: bool,
    },
    /// Enter: type a value, open the terms, confirm a prompt, choose a column.
    Enter,
    Char(char),
    Backspace,
    Cancel,
    /// `0`: the lever back to the value the offer inherits.
    Reset,
    /// `+` / `-`: add or remove a seat-ramp step.
    AddStep,
    RemoveStep,
    /// `<` / `>`: move a seat-ramp step a month.
    MoveStep(i64),
    NextOffer,
    PrevOffer,
    NextPanel,
    PrevPanel,
    NewOffer,
    Rename,
    Delete,
    Compare,
    /// Call mode.
    Call,
    /// A line for the negotiation log.
    Log,
    Undo,
    Redo,
    Save,
    SaveAs,
    SaveAndQuit,
    DiscardAndQuit,
    Quit,
    Help,
    /// The loop's report of a save: Ok(the text written) or the error.
    Saved {
        result: Result<String, String>,
        path: Option<PathBuf>,
    },
    /// `R`: reload the file from disk.
    Reload,
    /// The loop's report of a reload: the file's text or the error.
    Reloaded(Result<String, String>),
    /// The loop saw the file change on disk.
    DiskChanged,
    /// A save found the file changed on disk since it was loaded.
    SaveBlocked {
        then_quit: bool,
    },
    /// `g`: goal seek on the lever under the cursor.
    Seek,
    /// `D`: what drove the difference, and the stress exposure.
    Drivers,
    /// `x`: the risk view (§7).
    Risk,
    /// The background risk figures of generation `generation` arrived
    /// ([`Effect::Risk`]); an older generation's are dropped.
    RiskDone {
        generation: u64,
        result: Box<Result<crate::tui::model::risk::RiskFigures, String>>,
    },
    /// `E`: export what is on screen.
    Export,
    /// The loop's report of an export: the path written or the error.
    Written(Result<PathBuf, String>),
    /// The background pricing of generation `generation` finished
    /// ([`Effect::Price`]); a result for an older generation is dropped.
    Priced {
        generation: u64,
        result: Box<Result<crate::engine::Evaluation, crate::money::Overflow>>,
    },
}

/// Work the loop does on the model's behalf.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write `text` to `path` (None: the model's file).
    Save {
        text: String,
        path: Option<PathBuf>,
        then_quit: bool,
    },
    /// Leave the workbench.
    Quit,
    /// Read the file again and report with [`Action::Reloaded`].
    Reload,
    /// The negotiator discarded the unsaved changes of an earlier session.
    DiscardRecovery,
    /// Write an export to `path` and report with [`Action::Written`].
    Write { path: PathBuf, bytes: Vec<u8> },
    /// Compute the risk figures of `scenario` with offer `table` on the
    /// table away from the loop, and report with [`Action::RiskDone`].
    Risk {
        generation: u64,
        scenario: Box<crate::scenario::Scenario>,
        table: usize,
    },
    /// Price `scenario` away from the loop (so keys keep answering) and
    /// report with [`Action::Priced`] tagged `generation`.
    Price {
        generation: u64,
        scenario: Box<crate::scenario::Scenario>,
    },
}
