//! An offer as the file writes it ([`OfferSpec`]: the fields it sets
//! itself) and as the engine sees it ([`Offer`]: inheritance resolved,
//! defaults filled), with what an offer is made of: who proposed it, its
//! billing and true-up, its seats (a count or a ramp) and its API plan.

use rust_decimal::Decimal;

use super::{Route, Workload};
use crate::diag::Span;

/// The party that proposed an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Vendor,
    Us,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Vendor => "vendor",
            Party::Us => "us",
        }
    }
}

/// How seats are billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Billing {
    /// A committed seat count for the term, billed for the year.
    Annual,
    /// Month to month: no commit, the tier's monthly premium applies.
    Monthly,
}

impl Billing {
    pub fn as_str(self) -> &'static str {
        match self {
            Billing::Annual => "annual",
            Billing::Monthly => "monthly",
        }
    }
}

/// How seats used beyond the commit are billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrueUp {
    /// Nothing is added: demand beyond the commit goes unserved.
    Fixed,
    /// Each month's excess is billed that month.
    Monthly,
    /// The quarter's peak excess is billed for all its months.
    Quarterly,
    /// The contract year's peak excess is billed for all twelve months.
    AnnualPeak,
}

impl TrueUp {
    pub const ALL: [TrueUp; 4] = [
        TrueUp::Fixed,
        TrueUp::Monthly,
        TrueUp::Quarterly,
        TrueUp::AnnualPeak,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrueUp::Fixed => "fixed",
            TrueUp::Monthly => "monthly",
            TrueUp::Quarterly => "quarterly",
            TrueUp::AnnualPeak => "annual_peak",
        }
    }

    /// Length of a true-up period in months.
    pub fn period_months(self) -> u32 {
        match self {
            TrueUp::Monthly => 1,
            TrueUp::Quarterly => 3,
            TrueUp::Fixed | TrueUp::AnnualPeak => 12,
        }
    }
}

/// One step of a seat ramp: from `month` on, `seats` are committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RampStep {
    pub month: u32,
    pub seats: u64,
}

/// The committed seats of an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatPlan {
    /// The same count from month 0.
    Fixed(u64),
    /// A stepped ramp; months strictly increase.
    Ramp(Vec<RampStep>),
}

impl SeatPlan {
    /// The base commit in force at month `m` (0 before the first step).
    pub fn base_at(&self, m: u32) -> u64 {
        match self {
            SeatPlan::Fixed(n) => *n,
            SeatPlan::Ramp(steps) => steps
                .iter()
                .take_while(|s| s.month <= m)
                .last()
                .map_or(0, |s| s.seats),
        }
    }
}

/// The API plan fields an offer may set; each falls back to the workload's
/// own value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PlanParts {
    pub route: Option<Route>,
    pub cache_hit: Option<Decimal>,
    pub batch: Option<Decimal>,
    /// Share of cache writes with a one-hour lifetime (§8).
    pub cache_1h: Option<Decimal>,
    /// Share of volume in the 200k–1M context window (§8).
    pub long_context: Option<Decimal>,
    /// Share of volume run US-only (`inference_geo`).
    pub inference_geo_us: Option<Decimal>,
}

/// The keys of an API plan table (`[offer.api]`, a workload's own), in the
/// order a save writes them.
pub const PLAN_KEYS: [&str; 6] = [
    "route",
    "cache_hit",
    "batch",
    "cache_1h",
    "long_context",
    "inference_geo",
];

/// `[offer.api]`: the offer-wide plan and per-workload overrides. Hashable
/// (equal plans hash equal: `Decimal` hashes its normalised value), so a
/// pricer finds a plan it has seen in O(1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ApiPlan {
    pub all: PlanParts,
    /// `[offer.api.workload.NAME]`, in file order.
    pub workloads: Vec<(String, PlanParts)>,
}

impl ApiPlan {
    /// The plan one workload runs under: the per-workload override, then the
    /// offer-wide plan, then the workload as it runs today.
    pub fn for_workload(&self, w: &Workload) -> (Route, Decimal, Decimal) {
        let own = self
            .workloads
            .iter()
            .find(|(n, _)| *n == w.name)
            .map(|(_, p)| p);
        let route = own
            .and_then(|p| p.route.clone())
            .or_else(|| self.all.route.clone())
            .unwrap_or_else(|| w.route.clone());
        let cache_hit = own
            .and_then(|p| p.cache_hit)
            .or(self.all.cache_hit)
            .unwrap_or(w.cache_hit);
        let batch = own
            .and_then(|p| p.batch)
            .or(self.all.batch)
            .unwrap_or(w.batch);
        (route, cache_hit, batch)
    }

    /// The §8 shares one workload runs under, resolved like
    /// [`ApiPlan::for_workload`]: (cache_1h, long_context).
    pub fn shares_for(&self, w: &Workload) -> (Decimal, Decimal) {
        let own = self
            .workloads
            .iter()
            .find(|(n, _)| *n == w.name)
            .map(|(_, p)| p);
        let cache_1h = own
            .and_then(|p| p.cache_1h)
            .or(self.all.cache_1h)
            .unwrap_or(w.cache_1h);
        let long_context = own
            .and_then(|p| p.long_context)
            .or(self.all.long_context)
            .unwrap_or(w.long_context);
        (cache_1h, long_context)
    }

    /// The US-only share one workload runs under, resolved like
    /// [`ApiPlan::for_workload`].
    pub fn geo_us_for(&self, w: &Workload) -> Decimal {
        let own = self
            .workloads
            .iter()
            .find(|(n, _)| *n == w.name)
            .map(|(_, p)| p);
        own.and_then(|p| p.inference_geo_us)
            .or(self.all.inference_geo_us)
            .unwrap_or(w.inference_geo_us)
    }
}

/// An offer as the file writes it: only the fields it sets itself.
/// `based_on` supplies every other field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OfferSpec {
    /// Stable identity while the file is edited: its index in the file when
    /// loaded, a fresh number for a new offer. Never reused.
    pub id: u64,
    pub name: String,
    pub by: Option<Party>,
    pub based_on: Option<String>,
    pub tier: Option<String>,
    pub seats: Option<SeatPlan>,
    pub team_seats: Option<u64>,
    pub team_price: Option<Decimal>,
    pub seat_price: Option<Decimal>,
    pub billing: Option<Billing>,
    pub term_months: Option<u32>,
    pub uplift_pct: Option<Decimal>,
    pub uplift_cap_pct: Option<Decimal>,
    pub renewal_cap_pct: Option<Decimal>,
    pub true_up: Option<TrueUp>,
    pub true_up_ratchet: Option<bool>,
    pub true_up_rate_pct: Option<Decimal>,
    pub true_up_cap_pct: Option<Decimal>,
    pub downsize_at_anniversary: Option<bool>,
    pub api_commit: Option<Decimal>,
    pub api_discount_pct: Option<Decimal>,
    pub terms: Option<Vec<String>>,
    pub api: Option<ApiPlan>,
    pub regional_price: Option<Vec<(String, Decimal)>>,
    /// Where the offer's table starts in the file, for messages.
    pub span: Span,
    /// Where its `name` value is written.
    pub name_span: Span,
    /// Where its `based_on` value is written.
    pub based_on_span: Option<Span>,
}

/// An offer with inheritance resolved and defaults filled: what the engine
/// prices.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub name: String,
    pub by: Party,
    pub based_on: Option<String>,
    pub tier: String,
    /// None only for monthly billing, which has no commit.
    pub seats: Option<SeatPlan>,
    pub team_seats: u64,
    /// Per Team seat per month (never takes the monthly premium).
    pub team_price: Decimal,
    /// Per seat per month in year 1, before any monthly premium.
    pub seat_price: Decimal,
    /// True when `seat_price` is the price book's list price.
    pub seat_price_is_list: bool,
    pub billing: Billing,
    pub term_months: u32,
    pub uplift_pct: Decimal,
    pub uplift_cap_pct: Option<Decimal>,
    pub renewal_cap_pct: Option<Decimal>,
    pub true_up: TrueUp,
    pub true_up_ratchet: bool,
    pub true_up_rate_pct: Decimal,
    pub true_up_cap_pct: Option<Decimal>,
    pub downsize_at_anniversary: bool,
    pub api_commit: Decimal,
    pub api_discount_pct: Decimal,
    pub terms: Vec<String>,
    pub api: ApiPlan,
    pub regional_price: Vec<(String, Decimal)>,
}

impl Offer {
    /// The uplift applied at each anniversary: `min(uplift_pct, uplift_cap_pct)`.
    pub fn effective_uplift_pct(&self) -> Decimal {
        self.uplift_cap_pct
            .map_or(self.uplift_pct, |cap| cap.min(self.uplift_pct))
    }
}

impl OfferSpec {
    /// Take over `parent`'s own fields where this offer sets none, and its
    /// `based_on`: the offer then prices exactly as before without `parent`
    /// (used when `parent` is deleted).
    pub fn absorb(&mut self, parent: &OfferSpec) {
        self.inherit(parent);
        self.based_on = parent.based_on.clone();
        self.based_on_span = None;
    }

    /// Take over `parent`'s fields where this offer sets none (`name`,
    /// `by` and `based_on` stay this offer's own): `based_on` inheritance
    /// one step up.
    pub fn inherit(&mut self, parent: &OfferSpec) {
        macro_rules! take {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = parent.$f.clone(); } )* };
        }
        take!(
            tier,
            seats,
            team_seats,
            team_price,
            seat_price,
            billing,
            term_months,
            uplift_pct,
            uplift_cap_pct,
            renewal_cap_pct,
            true_up,
            true_up_ratchet,
            true_up_rate_pct,
            true_up_cap_pct,
            downsize_at_anniversary,
            api_commit,
            api_discount_pct,
            terms,
            api,
            regional_price
        );
    }
}
