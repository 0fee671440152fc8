//! The validated scenario: the deal, its regions and workloads, the offers as
//! the file writes them ([`OfferSpec`], fields it sets itself) and as the
//! engine sees them ([`Offer`], inheritance resolved and defaults filled);
//! the offers' types are in `model/offer.rs`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

mod offer;

pub use offer::*;

use crate::pricebook::PriceBook;

/// A scenario file, validated: every invariant the engine relies on holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The deal's header.
    pub deal: Deal,
    /// Units of local currency per unit of the deal currency, in file order.
    pub fx: Vec<(String, Decimal)>,
    /// Regions in file order.
    pub regions: Vec<Region>,
    /// API workloads in file order.
    pub workloads: Vec<Workload>,
    /// Offers as written (own fields only), in file order.
    pub offers: Vec<OfferSpec>,
    /// The built-in price book with this scenario's overrides applied.
    pub pricebook: PriceBook,
    /// The stress test settings (§6).
    pub stress: Stress,
    /// The negotiation log, oldest first (§6).
    pub log: Vec<LogEntry>,
    /// §7 `[uncertainty]`: the spreads the risk figures draw from (None:
    /// the file has no such table and no risk is computed).
    pub uncertainty: Option<Uncertainty>,
}

/// The deal header: what is negotiated, in which currency, over how long.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub name: String,
    pub vendor: Option<String>,
    /// ISO 4217 code of the deal currency.
    pub currency: String,
    /// First day of month 0 of every offer.
    pub start: NaiveDate,
    /// The common comparison period, as written (None: the longest term).
    pub horizon_months: Option<u32>,
    /// Growth buffer applied when a commit is re-sized to usage.
    pub buffer_pct: Decimal,
    /// Price rise at a renewal that no offer clause caps.
    pub renewal_uplift_pct: Decimal,
    /// Terms every offer must carry.
    pub requires: Vec<String>,
    /// What we aim to pay over the horizon (§6).
    pub target_total: Option<Decimal>,
    /// Above this total we walk away (§6).
    pub walk_away_total: Option<Decimal>,
}

/// One region of the footprint with its seat funnel and adoption ramp.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub currency: String,
    pub headcount: u64,
    /// Seats assigned today.
    pub provisioned: u64,
    /// Active in the last 30 days.
    pub mau: u64,
    /// Active in most weeks: the working population.
    pub wau: u64,
    /// Active almost every working day: the core.
    pub dau: u64,
    /// Contract month in which the region switches on.
    pub go_live: u32,
    /// Working population once ramped.
    pub target_wau: u64,
    /// Months after go-live to reach `target_wau`.
    pub ramp_months: u32,
    /// Non-price terms this region needs.
    pub requires: Vec<String>,
    pub funnel_source: Option<String>,
    pub funnel_as_of: Option<NaiveDate>,
    /// §7: this region's own adoption spread in percent, in place of
    /// `[uncertainty] adoption_pct`.
    pub uncertainty_pct: Option<Decimal>,
}

impl Region {
    /// Seats provisioned but not used in the last 30 days.
    pub fn dormant(&self) -> u64 {
        self.provisioned.saturating_sub(self.mau)
    }
}

/// Model shares of a route, in file order; they sum to exactly 1.
pub type Route = Vec<(String, Decimal)>;

/// An API workload as it runs today.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub name: String,
    /// Million input tokens per month today.
    pub input_mtok: Decimal,
    /// Million output tokens per month today.
    pub output_mtok: Decimal,
    /// Share of input that is repeated context.
    pub cacheable: Decimal,
    /// Compound growth per month, in percent.
    pub growth_pct: Decimal,
    pub route: Route,
    pub cache_hit: Decimal,
    pub batch: Decimal,
    /// Share of cache writes with a one-hour lifetime (§8); 0: all 5-minute.
    pub cache_1h: Decimal,
    /// Share of volume in the 200k–1M context window, priced at the
    /// model's long-context prices (§8).
    pub long_context: Decimal,
    /// Share of volume run US-only (`inference_geo = "us"`: 1; "global",
    /// the default: 0; or the share a usage report measured), priced at
    /// each model's `inference_geo_us` multiplier.
    pub inference_geo_us: Decimal,
    /// Where the volumes came from (`dealbench api-usage --write`).
    pub usage_source: Option<String>,
    /// The date the volumes describe.
    pub usage_as_of: Option<NaiveDate>,
    /// §7: this workload's own volume spread in percent, in place of
    /// `[uncertainty] api_volume_pct`.
    pub uncertainty_pct: Option<Decimal>,
}

/// §6 `[stress]`: how far adoption may miss the plan either way, and the
/// size of a one-month spike.
#[derive(Debug, Clone, PartialEq)]
pub struct Stress {
    pub adoption_pct: Decimal,
    pub spike_pct: Decimal,
}

impl Default for Stress {
    fn default() -> Self {
        Stress {
            adoption_pct: Decimal::from(25),
            spike_pct: Decimal::from(30),
        }
    }
}

/// §7 `[uncertainty]`: how far adoption and API volume may land from the
/// file's figures, and how many draws price it (docs/risk.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// How many draws, 1 … [`Uncertainty::MAX_DRAWS`].
    pub draws: u32,
    /// The generator's seed: the same file gives the same figures everywhere.
    pub seed: u64,
    /// Each region's `target_wau` spread, in percent either way.
    pub adoption_pct: Decimal,
    /// Each region's `ramp_months` spread, in percent either way.
    pub ramp_pct: Decimal,
    /// Each workload's volume spread, in percent either way.
    pub api_volume_pct: Decimal,
    /// Each workload's `growth_pct` spread, in percentage points either way.
    pub api_growth_pp: Decimal,
}

impl Uncertainty {
    pub const MAX_DRAWS: u32 = 100_000;
    pub const DEFAULT_DRAWS: u32 = 2_000;
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            draws: Self::DEFAULT_DRAWS,
            seed: 1,
            adoption_pct: Decimal::ZERO,
            ramp_pct: Decimal::ZERO,
            api_volume_pct: Decimal::ZERO,
            api_growth_pp: Decimal::ZERO,
        }
    }
}

/// One entry of the negotiation log (§6).
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// The moment, as written (an RFC 3339 date-time).
    pub at: String,
    pub who: String,
    pub text: String,
}
