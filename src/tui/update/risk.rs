//! The risk view's keys: open it (asking for the figures in the background),
//! move levers and offers in it (asking again: a newer generation), close
//! it, and take the figures of the generation asked for last only.

use super::super::action::{Action, Effect};
use super::super::model::{Mode, Model};
use super::super::risk::{RiskFigures, RiskState};

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

/// Keys in the risk view: offers and levers move as in the workbench and
/// the figures are asked for again; Esc goes back.
pub fn keys(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Cancel => {
            m.mode = Mode::Normal;
            m.risk = None;
            Vec::new()
        }
        Action::NextOffer | Action::PrevOffer | Action::Up | Action::Down | Action::Step { .. } => {
            let (offers, table) = (m.scenario.offers.clone(), m.table);
            let mut effects = super::normal(m, action);
            if m.scenario.offers != offers || m.table != table {
                effects.push(request(m));
            }
            m.mode = Mode::Risk;
            effects
        }
        _ => Vec::new(),
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
