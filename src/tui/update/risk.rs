//! The risk view's figures: open the view (asking for them in the
//! background), ask again after a lever or the offer moves (a newer
//! generation, see `normal::risk_keys`), and take the figures of the
//! generation asked for last only.

use crate::tui::action::Effect;
use crate::tui::model::risk::{RiskFigures, RiskState};
use crate::tui::model::{Mode, Model};

/// `x`: open the risk view, or say why there is none.
pub fn open(m: &mut Model) -> Vec<Effect> {
    if m.scenario.uncertainty.is_none() {
        m.toast = Some(
            "no [uncertainty] table in this file: add one to see the risk (docs/risk.md)".into(),
        );
        return Vec::new();
    }
    m.mode = Mode::Risk;
    vec![request(m)]
}

/// Ask for the figures of the model as it is now; whatever an older request
/// brings is dropped.
pub fn request(m: &mut Model) -> Effect {
    m.risk_generation += 1;
    m.risk = Some(RiskState {
        generation: m.risk_generation,
        figures: None,
    });
    Effect::Risk {
        generation: m.risk_generation,
        scenario: Box::new(m.scenario.clone()),
        table: m.table,
    }
}

/// The loop's report of a risk computation: kept only when it is the one
/// the view waits for.
pub fn done(m: &mut Model, generation: u64, result: Result<RiskFigures, String>) {
    if let Some(state) = &mut m.risk
        && state.generation == generation
    {
        state.figures = Some(result);
    }
}
