//! The bounds a scenario keeps to, stated once: the largest count
//! ([`MAX_COUNT`]) and period ([`MAX_MONTHS`]) any field may hold, and the
//! work budget — how much pricing a scenario may ask for.
//!
//! Every command prices each offer month by month over the horizon, and
//! each offer-month costs a fixed part (the seat schedule, the drivers walk
//! and stress, the report's rows) plus a part per region (demand shares,
//! regional bills) and per workload (API volumes and plan). So the work a
//! file asks for is predictable from its shape alone:
//!
//! ```text
//! work = (offers + 4) × (months + 36) × (regions + 4 × workloads + 60)
//!        + 1000 × regions
//! ```
//!
//! The offsets are the fixed costs in the same units: every offer costs
//! about 36 months' worth whatever the horizon (resolution, warnings, its
//! drivers and stress rows), every offer-month about 60 regions' worth
//! whatever the footprint, a workload about 4 regions; the shared demand
//! and API growth cost about 4 offers; and a region carries a fixed cost
//! of its own whatever the offers and months (reading and checking it,
//! its row in every regional table of the report) of about 1,000 units. A file whose work passes
//! [`WORK_BUDGET`] is refused at load, before any pricing, at the table
//! where the count crosses it (docs/model.md, "How much a file may ask").
//! The constants were fitted to `report --json` timings (the costliest
//! command) on the shapes of `scripts/bench-limits.sh`; retune them here
//! when the engine changes.

use super::model::Scenario;
use crate::diag::Span;
use crate::money::format_count;
use crate::reader::Ctx;

/// Upper bound of any head or seat count.
pub const MAX_COUNT: u64 = 10_000_000;
/// Upper bound of any period in months (50 years).
pub const MAX_MONTHS: u32 = 600;

/// The most pricing work a scenario may ask for, in the units of [`work`].
/// Chosen so that the fast engine (issue 13) checks and reports any
/// accepted file in under 2 s on the 2-core project machine: `report
/// --json` costs at most about 45 ns a unit over the shapes of
/// `scripts/bench-limits.sh` on a loaded host, so about 1.5 s at the
/// budget (docs/model.md, "How much a file may ask").
pub const WORK_BUDGET: u64 = 32_000_000;
/// Fixed work of an offer, in months.
pub const OFFER_MONTHS: u64 = 36;
/// Fixed work of an offer-month, in regions.
pub const MONTH_REGIONS: u64 = 60;
/// The work of one workload, in regions.
pub const WORKLOAD_REGIONS: u64 = 4;
/// The shared work (demand, API growth and baseline), in offers.
pub const SHARED_OFFERS: u64 = 4;
/// The fixed work of a region, in units.
pub const REGION_UNITS: u64 = 1000;

/// The counts that decide how much work a scenario is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    pub offers: u64,
    pub months: u64,
    pub regions: u64,
    pub workloads: u64,
}

impl Shape {
    /// The shape of a scenario as loaded.
    pub fn of(s: &Scenario) -> Shape {
        Shape {
            offers: s.offers.len() as u64,
            months: u64::from(s.horizon()),
            regions: s.regions.len() as u64,
            workloads: s.workloads.len() as u64,
        }
    }

    /// The pricing work this shape asks for (saturating: a count too large
    /// for the product is far above the budget anyway).
    pub fn work(self) -> u64 {
        self.offers
            .saturating_add(SHARED_OFFERS)
            .saturating_mul(self.months.saturating_add(OFFER_MONTHS))
            .saturating_mul(
                self.regions
                    .saturating_add(self.workloads.saturating_mul(WORKLOAD_REGIONS))
                    .saturating_add(MONTH_REGIONS),
            )
            .saturating_add(self.regions.saturating_mul(REGION_UNITS))
    }
}

/// Which table a span starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Region,
    Workload,
    Offer,
}

/// Refuse a scenario above [`WORK_BUDGET`], pointing at the `[[region]]`,
/// `[[workload]]` or `[[offer]]` table (in file order) whose count makes
/// the work pass it. `tables` are the spans of those tables, any order.
pub(crate) fn check_budget(ctx: &Ctx<'_>, s: &Scenario, mut tables: Vec<(Span, Table)>) {
    let whole = Shape::of(s);
    if whole.work() <= WORK_BUDGET {
        return;
    }
    tables.sort_by_key(|(span, _)| span.start);
    let mut shape = Shape {
        months: whole.months,
        ..Shape::default()
    };
    let crossing = tables.into_iter().find(|(_, table)| {
        match table {
            Table::Region => shape.regions += 1,
            Table::Workload => shape.workloads += 1,
            Table::Offer => shape.offers += 1,
        }
        shape.work() > WORK_BUDGET
    });
    let (span, what) = match crossing {
        Some((span, Table::Region)) => (span, format!("[[region]] number {}", shape.regions)),
        Some((span, Table::Workload)) => (span, format!("[[workload]] number {}", shape.workloads)),
        Some((span, Table::Offer)) => (span, format!("[[offer]] number {}", shape.offers)),
        None => (0..0, "the scenario".to_string()),
    };
    let n = |x: u64| format_count(x);
    ctx.error(
        span,
        format!(
            "the scenario asks for more pricing work than dealbench takes on: expected at most {} units of work \
             ((offers + {SHARED_OFFERS}) × (months + {OFFER_MONTHS}) × (regions + {WORKLOAD_REGIONS} × workloads + {MONTH_REGIONS}) + {REGION_UNITS} × regions), \
             found '{}' by {what} ('{}' for the whole file: {}, {}, {}, {}); \
             split the scenario, or use fewer offers, regions or workloads or a shorter horizon",
            n(WORK_BUDGET),
            n(shape.work()),
            n(whole.work()),
            counted(whole.offers, "offer"),
            counted(whole.months, "month"),
            counted(whole.regions, "region"),
            counted(whole.workloads, "workload"),
        ),
    );
}

/// `n` things, the word in the plural but for one.
fn counted(n: u64, word: &str) -> String {
    format!(
        "{} {word}{}",
        format_count(n),
        if n == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_grows_with_every_count() {
        let base = Shape {
            offers: 10,
            months: 24,
            regions: 5,
            workloads: 2,
        };
        assert_eq!(base.work(), 14 * 60 * (5 + 4 * 2 + 60) + 1000 * 5);
        for more in [
            Shape { offers: 11, ..base },
            Shape { months: 25, ..base },
            Shape { regions: 6, ..base },
            Shape {
                workloads: 3,
                ..base
            },
        ] {
            assert!(more.work() > base.work());
        }
        let huge = Shape {
            offers: u64::MAX,
            ..base
        };
        assert_eq!(huge.work(), u64::MAX);
    }
}
