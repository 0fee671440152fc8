//! The scenario file model: reading, validating and resolving schema 1
//! (SPEC.md §1, §6).
//!
//! `load` reads a file and returns a validated [`Scenario`] or every
//! [`Diagnostic`](crate::diag::Diagnostic) found, each with file, line and
//! column. The raw TOML is walked with [`crate::reader`], which keeps positions and
//! reads numbers exactly; [`sections`] reads the deal, regions, workloads,
//! stress and log; [`uncertainty`] reads §7's `[uncertainty]`; [`offers`] parses offers; [`resolve`] resolves `based_on`
//! inheritance, each offer once; [`limits`] states the work budget a file
//! must keep to; [`save`] writes edits back keeping the file's layout; [`template`] writes a new file, commented field by field. To add a field: list it in the table's `allowed` keys, read
//! it in the table's parser, store it in [`model`].

#[cfg(test)]
mod format_doc;
pub mod limits;
pub mod load;
pub mod model;
pub mod offers;
pub mod resolve;
pub mod save;
pub mod sections;
pub mod template;
pub mod terms;
pub mod uncertainty;

pub use load::{LoadError, load_file, parse_str};
pub use model::*;

impl Scenario {
    /// The common comparison period in months: the deal's horizon, else the
    /// longest offer term.
    pub fn horizon(&self) -> u32 {
        self.deal.horizon_months.unwrap_or_else(|| {
            self.resolved_offers()
                .iter()
                .map(|o| o.term_months)
                .max()
                .unwrap_or(12)
        })
    }

    /// Every offer with inheritance resolved, in file order. Offers that
    /// cannot be resolved (only possible after an edit that broke the file's
    /// invariants) are left out.
    pub fn resolved_offers(&self) -> Vec<Offer> {
        resolve::resolve_all(self)
            .offers
            .into_iter()
            .flatten()
            .collect()
    }

    /// The reference offer: the first with `by = "vendor"`, else the first.
    pub fn reference_index(&self) -> usize {
        reference_among(&self.resolved_offers())
    }

    /// The negotiation log oldest first: ordered by the moment each entry names
    /// when every time carries its offset (a stable sort: entries at the same
    /// moment keep their file order); otherwise in file order, which §6 keeps
    /// oldest first.
    pub fn log_oldest_first(&self) -> Vec<&LogEntry> {
        let mut entries: Vec<&LogEntry> = self.log.iter().collect();
        let moments: Option<Vec<_>> = entries
            .iter()
            .map(|e| chrono::DateTime::parse_from_rfc3339(&e.at).ok())
            .collect();
        if let Some(moments) = moments {
            let mut keyed: Vec<_> = moments.into_iter().zip(entries).collect();
            keyed.sort_by_key(|(at, _)| *at);
            entries = keyed.into_iter().map(|(_, e)| e).collect();
        }
        entries
    }

    /// The name of region `id`, or the id itself when no region has it.
    pub fn region_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.regions
            .iter()
            .find(|r| r.id == id)
            .map_or(id, |r| r.name.as_str())
    }

    /// The fx rate of `currency` (1 for the deal currency).
    pub fn fx_rate(&self, currency: &str) -> Option<rust_decimal::Decimal> {
        if currency == self.deal.currency {
            return Some(rust_decimal::Decimal::ONE);
        }
        self.fx.iter().find(|(c, _)| c == currency).map(|(_, r)| *r)
    }

    /// Today's working population: Σ weekly active over all regions.
    pub fn working_population(&self) -> u64 {
        self.regions.iter().map(|r| r.wau).sum()
    }
}

/// Which of `offers` is the reference (SPEC.md §3): the first with
/// `by = "vendor"`, else the first.
pub fn reference_among<O: std::borrow::Borrow<Offer>>(offers: &[O]) -> usize {
    offers
        .iter()
        .position(|o| o.borrow().by == Party::Vendor)
        .unwrap_or(0)
}
