//! The parts of a scenario the workbench authors besides the offers: the
//! deal, the FX table, the regions, the workloads and `[uncertainty]`
//! ([`Sections`]), and where each region and workload stands in the file
//! ([`Rows`]), so a save edits the table a row was loaded from even after
//! rows before it were removed or it was renamed.

use rust_decimal::Decimal;

use super::model::{Deal, Region, Scenario, Uncertainty, Workload};

/// The authored sections of a scenario, as the engine reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct Sections {
    pub deal: Deal,
    pub fx: Vec<(String, Decimal)>,
    pub regions: Vec<Region>,
    pub workloads: Vec<Workload>,
    pub uncertainty: Option<Uncertainty>,
}

impl Sections {
    /// The sections of `s`.
    pub fn of(s: &Scenario) -> Sections {
        Sections {
            deal: s.deal.clone(),
            fx: s.fx.clone(),
            regions: s.regions.clone(),
            workloads: s.workloads.clone(),
            uncertainty: s.uncertainty.clone(),
        }
    }

    /// `s` with these sections in place of its own.
    pub fn put_into(self, s: &mut Scenario) {
        s.deal = self.deal;
        s.fx = self.fx;
        s.regions = self.regions;
        s.workloads = self.workloads;
        s.uncertainty = self.uncertainty;
    }
}

/// For each region and workload of the edited scenario, the number of the
/// `[[region]]` / `[[workload]]` table of the file it was loaded from
/// (None: added since).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub regions: Vec<Option<usize>>,
    pub workloads: Vec<Option<usize>>,
}

impl Rows {
    /// Every row where the file has it: sections as loaded.
    pub fn loaded(s: &Sections) -> Rows {
        Rows {
            regions: (0..s.regions.len()).map(Some).collect(),
            workloads: (0..s.workloads.len()).map(Some).collect(),
        }
    }
}

impl Rows {
    /// Where the rows of `now` stand in a file holding `file`, matched by
    /// region id and workload name (a recovered scenario, whose rows carry
    /// no place of their own). When as many rows are unmatched on both
    /// sides — renamed, none added or removed — they pair in order.
    pub fn matched(file: &Sections, now: &Sections) -> Rows {
        Rows {
            regions: pair(&file.regions, &now.regions, |r| r.id.as_str()),
            workloads: pair(&file.workloads, &now.workloads, |w| w.name.as_str()),
        }
    }
}

fn pair<T>(file: &[T], now: &[T], key: impl Fn(&T) -> &str) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = now
        .iter()
        .map(|n| file.iter().position(|f| key(f) == key(n)))
        .collect();
    let free: Vec<usize> = (0..file.len())
        .filter(|k| !out.contains(&Some(*k)))
        .collect();
    let unmatched = out.iter().filter(|o| o.is_none()).count();
    if unmatched == free.len() {
        let mut free = free.into_iter();
        for slot in out.iter_mut().filter(|o| o.is_none()) {
            *slot = free.next();
        }
    }
    out
}
