//! What the keys do right now ([`Mode`]) and the state each mode carries:
//! the text being typed and its refusal, the question asked, the view open.
//!
//! To add a mode: add its variant here, its keys in `keymap` (a bindings
//! list and an arm in `resolve`), its arm in `update`, and where it is drawn
//! (an overlay in `overlays::render`, or a view of its own).

use rust_decimal::Decimal;

/// What a name prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameFor {
    /// A new counter-offer; Esc takes it back and puts offer `back_to`
    /// on the table again.
    NewOffer {
        back_to: usize,
    },
    Rename,
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
    /// Naming an offer; Enter on an empty line takes the suggestion.
    Name {
        buffer: String,
        suggestion: String,
        purpose: NameFor,
        error: Option<String>,
    },
    /// Typing the path to save a copy to.
    SaveAs {
        buffer: String,
        error: Option<String>,
    },
    /// Delete the offer on the table? `children` are based on it.
    ConfirmDelete {
        children: Vec<String>,
    },
    /// Quit was asked with unsaved changes.
    ConfirmQuit,
    Help,
    /// The terms list of the offer on the table; `adding` while a free
    /// term is typed.
    Terms {
        cursor: usize,
        adding: Option<String>,
    },
    /// The risk view (§7): every offer's spread over the draws.
    Risk,
    /// Every offer side by side.
    Compare {
        col: usize,
        row: usize,
        diff: bool,
    },
    /// The full-screen view for a live vendor call; `form` while the
    /// vendor's new numbers are typed.
    Call {
        form: Option<CallForm>,
    },
    /// Typing the target or walk-away total (`call`: back to call mode).
    /// The buffer starts with the value now; while `fresh`, typing
    /// replaces it and Backspace edits it.
    Target {
        which: TargetKind,
        buffer: String,
        error: Option<String>,
        call: bool,
        fresh: bool,
    },
    /// Typing a negotiation log entry; Tab switches who said it.
    Log {
        vendor: bool,
        buffer: String,
        call: bool,
    },
    /// Saving would overwrite a file that changed on disk since it was
    /// loaded: reload, overwrite or save as.
    Conflict {
        then_quit: bool,
    },
    /// Unsaved changes from an earlier session were found: recover them or
    /// discard them.
    Recover {
        saved_at: String,
        file_changed_since: bool,
    },
    /// Goal seek on a lever (its file key) toward a goal; the answer is in
    /// [`Model::seek`](super::Model::seek).
    Seek {
        lever: &'static str,
        goal: SeekGoal,
    },
    /// What drove the difference from offer `from` to offer `to`, and every
    /// offer's stress exposure ([`Model::power`](super::Model::power)).
    Drivers {
        from: usize,
        to: usize,
    },
    /// Typing the path to export to; its extension picks the format.
    Export {
        buffer: String,
        error: Option<String>,
    },
}

/// What a goal seek aims at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeekGoal {
    /// Another offer's total (index in file order).
    Offer(usize),
    OurTarget,
    WalkAway,
    /// An amount being typed.
    Typed(String),
    /// The lowest mean total over the `[uncertainty]` draws (seats and API
    /// commit only), computed in the background with the risk figures.
    LowestMean,
}

/// What the drivers view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerView {
    pub waterfall: crate::engine::drivers::Waterfall,
    pub stress: crate::engine::stress::Stress,
}

/// Which of the deal's totals a prompt sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Target,
    WalkAway,
}

/// The quick form of call mode: the vendor's new numbers as typed, and the
/// figures they give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallForm {
    /// Seats, seat price, term, uplift %, API commit, API discount %.
    pub fields: [String; 6],
    pub focus: usize,
    /// The focused field still shows the value it was filled with: the first
    /// digit typed replaces it (Backspace edits it instead).
    pub fresh: bool,
    /// The vendor offer the new numbers start from.
    pub base: String,
    pub preview: Option<Preview>,
    pub error: Option<String>,
}

/// What the typed numbers come to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub total: Decimal,
    /// The seat price at which these numbers reach our target (goal seek).
    pub break_even: Option<Decimal>,
}
