//! How the workbench re-prices: at once when the work is small, on a
//! thread when it is not. A file opens unpriced ([`Model::unpriced`]) and is
//! priced in the background ([`Model::first_pricing`]); an edit re-prices the
//! offer on the table and the offers based on it, the latter in the
//! background beyond [`EDIT_SYNC_WORK`]. Background results come back as
//! [`Action::Priced`](super::action::Action::Priced) tagged with a
//! generation, and `update` takes only the one the model waits for.

use super::model::Model;
use crate::engine;
use crate::money::Overflow;
use crate::scenario::limits::Shape;
use crate::scenario::offers;

impl Model {
    /// The effect that prices an unpriced model in the background.
    pub fn first_pricing(&self) -> Vec<super::action::Effect> {
        self.pricing
            .map(|generation| super::action::Effect::Price {
                generation,
                scenario: Box::new(self.scenario.clone()),
            })
            .into_iter()
            .collect()
    }

    /// Re-price every offer. Runs before the next frame.
    pub fn recompute(&mut self) -> Result<(), Overflow> {
        let shared = engine::Shared::of(&self.scenario)?;
        self.eval = engine::evaluate_on(&self.scenario, &shared)?;
        self.shared = std::sync::Arc::new(shared);
        // Whatever a background pricing brings is older than this.
        self.repricing = None;
        Ok(())
    }

    /// Re-price after an edit of the offer on the table: that offer and the
    /// offers based on it whose resolved terms changed, then every saving. Falls back to [`recompute`]
    /// when the edit moved the horizon or the set of offers. When the
    /// dependants are more work than [`EDIT_SYNC_WORK`] (or a background
    /// re-pricing is already under way), only the offer on the table is
    /// priced now and the rest in the background ([`Model::repricing`]), so
    /// the next key is answered at once.
    ///
    /// [`recompute`]: Model::recompute
    pub fn recompute_table(&mut self) -> Result<(), Overflow> {
        let horizon = self.scenario.horizon();
        if horizon != self.eval.horizon || self.eval.outcomes.len() != self.scenario.offers.len() {
            return self.recompute();
        }
        let shared = self.shared.clone();
        let mut pricer = engine::FastPricer::new(&self.scenario, &shared);
        let resolved = crate::scenario::resolve::resolve_all(&self.scenario).offers;
        let mut now = offers::dependants(&self.scenario, self.table);
        let shape = |offers| Shape {
            offers,
            months: u64::from(horizon),
            regions: self.scenario.regions.len() as u64,
            workloads: self.scenario.workloads.len() as u64,
        };
        let per_offer = shape(1).work() - shape(0).work();
        let background = self.repricing.is_some()
            || (now.len() as u64).saturating_mul(per_offer) > EDIT_SYNC_WORK;
        if background {
            now.retain(|&i| i == self.table);
        }
        for i in now {
            if let Some(offer) = &resolved[i] {
                // A dependant whose terms come out the same (it sets the
                // moved lever itself) has the same figures: only the offer
                // changed, not the scenario it is priced in.
                if i != self.table && self.eval.outcomes[i].offer == *offer {
                    continue;
                }
                self.eval.outcomes[i] = engine::evaluate_with(&mut pricer, offer)?;
            }
        }
        if background {
            self.generation += 1;
            self.repricing = Some(self.generation);
            self.price_request = true;
        }
        engine::apply_savings(&mut self.eval.outcomes, self.eval.reference)
    }

    /// The background re-pricing an edit asked for, for the loop to carry
    /// out (once).
    pub fn take_price_request(&mut self) -> Option<super::action::Effect> {
        std::mem::take(&mut self.price_request).then(|| super::action::Effect::Price {
            generation: self.generation,
            scenario: Box::new(self.scenario.clone()),
        })
    }
}

/// The most pricing work (in [`crate::scenario::limits`] units) an edit
/// does before the next frame; beyond it the offers based on the edited
/// one are re-priced in the background. About 100 ms at today's 40 ns a
/// unit for pricing alone.
pub const EDIT_SYNC_WORK: u64 = 2_500_000;
