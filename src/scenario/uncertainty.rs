//! §7 `[uncertainty]`: the spreads of adoption, ramp and API volume the risk
//! figures draw from (docs/risk.md). Optional; a region's or workload's own
//! `uncertainty_pct` is read with its table (`sections`). A key the table
//! leaves out is a spread of 0: that quantity is not drawn.

use rust_decimal::Decimal;

use super::model::{Scenario, Uncertainty};
use super::sections::pct_range;
use crate::diag::Span;
use crate::reader::{Ctx, Fields};

/// The fields of `[uncertainty]` (docs/format.md#uncertainty).
pub const KEYS: &[&str] = &[
    "draws",
    "seed",
    "adoption_pct",
    "ramp_pct",
    "api_volume_pct",
    "api_growth_pp",
];

/// The `[uncertainty]` table, when the file has one (its span for later
/// checks).
pub(crate) fn read(ctx: &Ctx<'_>, top: &Fields<'_, '_>) -> Option<(Uncertainty, Span)> {
    let (span, t) = top.table("uncertainty")?;
    let f = Fields::new(ctx, t, "[uncertainty]", KEYS, span.clone());
    let mut u = Uncertainty::default();
    let max = u64::from(Uncertainty::MAX_DRAWS);
    if let Some(d) = f.whole("draws", 1, max, "a number of draws") {
        u.draws = u32::try_from(d.value).unwrap_or(Uncertainty::DEFAULT_DRAWS);
    }
    if let Some(s) = f.whole("seed", 0, u64::MAX >> 1, "the generator's seed") {
        u.seed = s.value;
    }
    let spread = |key: &str| pct_range(&f, key, 100).map_or(Decimal::ZERO, |s| s.value);
    u.adoption_pct = spread("adoption_pct");
    u.ramp_pct = spread("ramp_pct");
    u.api_volume_pct = spread("api_volume_pct");
    u.api_growth_pp = f
        .decimal(
            "api_growth_pp",
            Decimal::ZERO,
            Decimal::ONE_HUNDRED,
            "a number of percentage points",
        )
        .map_or(Decimal::ZERO, |s| s.value);
    Some((u, span))
}

/// The most risk work a file may ask for: draws × the file's work
/// ([`super::limits::Shape::work`]). The embedded demo (about 46,200 units)
/// may take the full 100,000 draws; at about 2 ns a unit on the project
/// machine (docs/risk.md) that is under 10 s.
pub const RISK_BUDGET: u64 = 5_000_000_000;

/// Draws × work must stay within [`RISK_BUDGET`], so no file can make
/// `report` run for hours.
pub(crate) fn check_budget(ctx: &Ctx<'_>, s: &Scenario, at: &Span) {
    let Some(u) = &s.uncertainty else {
        return;
    };
    let work = super::limits::Shape::of(s).work();
    let asked = work.saturating_mul(u64::from(u.draws));
    if asked > RISK_BUDGET {
        let most = (RISK_BUDGET / work.max(1)).max(1);
        ctx.error(at.clone(), format!(
            "[uncertainty] asks for more risk work than dealbench takes on: expected at most {} units (draws × the file's pricing work, docs/risk.md), found '{}' ({} draws × {}); use at most {} draws for this file",
            crate::money::format_count(RISK_BUDGET),
            crate::money::format_count(asked),
            crate::money::format_count(u.draws),
            crate::money::format_count(work),
            crate::money::format_count(most),
        ));
    }
}

/// The highest draw of every workload (volume × (1 + spread), growth +
/// `api_growth_pp`, at most 100 % a month) must stay within the volume the
/// loader accepts over the horizon, so no draw can leave exact arithmetic.
pub(crate) fn check_growth(ctx: &Ctx<'_>, s: &Scenario, at: &Span) {
    let Some(u) = &s.uncertainty else {
        return;
    };
    let months = s.horizon();
    for w in &s.workloads {
        let spread = w.uncertainty_pct.unwrap_or(u.api_volume_pct);
        let growth = (w.growth_pct + u.api_growth_pp).min(Decimal::ONE_HUNDRED);
        let top = Decimal::ONE + spread / Decimal::ONE_HUNDRED;
        let start = w.input_mtok.max(w.output_mtok).max(Decimal::ONE) * top;
        if super::sections::grows_past_limit(start, growth, months) {
            ctx.error(at.clone(), format!(
                "[uncertainty] lets [[workload]] '{}' grow {} % a month at {} % more volume, which passes 10^12 million tokens a month within the {months}-month horizon: expected spreads the arithmetic can carry exactly",
                w.name, growth.normalize(), spread.normalize()
            ));
        }
    }
}
