//! What the negotiator asked for ([`Action`]) and what the loop must carry
//! out for the model ([`Effect`]).

/// A request resolved from a key (or from the loop, e.g. a save's result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    LeverUp,
    LeverDown,
    /// Move the lever under the cursor by `steps`.
    Step {
        steps: i64,
        coarse: bool,
    },
    StartEdit,
    EditChar(char),
    EditBackspace,
    EditCommit,
    Cancel,
    NextOffer,
    PrevOffer,
    NextPanel,
    PrevPanel,
    Save,
    SaveAndQuit,
    DiscardAndQuit,
    Quit,
    Help,
    /// The loop's report of a save: Ok(new file text) or the error message.
    Saved(Result<String, String>),
}

/// Work the loop does on the model's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write this text to the model's file.
    Save { text: String, then_quit: bool },
    /// Leave the workbench.
    Quit,
}
