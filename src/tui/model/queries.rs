//! What `update` and the views both read off the model, so neither has to
//! ask the other: the rows of the terms list, and the lowest-mean answer of
//! a goal seek once the risk figures have arrived.

use super::{Mode, Model};
use crate::engine::risk::minimise::Minimum;
use crate::engine::seek;
use crate::scenario::terms;

/// A row of the terms list: the term, carried by the offer, required by
/// the deal or a region, earned from the levers.
pub struct TermRow {
    pub term: String,
    pub carried: bool,
    pub required: bool,
    pub derived: bool,
}

/// The terms list of the offer on the table: the known vocabulary, then
/// any other term the offer lists or the deal requires.
pub fn term_rows(m: &Model) -> Vec<TermRow> {
    let o = m.offer();
    let required = terms::required(&m.scenario);
    let derived = terms::derived(o);
    let mut names: Vec<String> = terms::KNOWN.iter().map(|(t, _)| t.to_string()).collect();
    for t in o.terms.iter().chain(&required) {
        if !names.contains(t) {
            names.push(t.clone());
        }
    }
    names
        .into_iter()
        .map(|t| TermRow {
            carried: o.terms.contains(&t),
            required: required.contains(&t),
            derived: derived.contains(&t.as_str()),
            term: t,
        })
        .collect()
}

/// The answer for [`SeekGoal::LowestMean`](super::SeekGoal::LowestMean) once the risk figures of the
/// model as it is have arrived: the seats or the commit that minimise the
/// offer's mean total over the draws.
pub fn lowest_mean(m: &Model) -> Option<Result<&Minimum, String>> {
    let Mode::Seek { lever, .. } = &m.mode else {
        return None;
    };
    let figures = m.risk.as_ref()?.figures.as_ref()?;
    Some(match figures {
        Err(e) => Err(e.clone()),
        Ok(f) => {
            let best = match seek::Lever::parse(lever) {
                Some(seek::Lever::Seats) => f.seats.as_ref(),
                _ => f.commit.as_ref(),
            };
            best.ok_or_else(|| "no value of this lever lowers the mean here".to_string())
        }
    })
}
