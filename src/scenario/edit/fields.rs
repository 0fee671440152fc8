//! The fields the workbench edits, one enum per table, each field named by
//! its file key (SPEC.md §1): how it shows for editing and how typed text
//! sets it ([`super::typed`]). To make a new field editable: add a variant,
//! its key, label, `show` and `set` arms, and list it in `ALL`.

use rust_decimal::Decimal;

use super::typed::{
    cleared, code, date, geo, number, optional_date, optional_number, optional_text, show,
    show_terms, terms, whole, whole32,
};
use crate::money::plain;
use crate::scenario::model::{Deal, Region, Uncertainty, Workload};

/// A field of `[deal]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealField {
    Name,
    Vendor,
    Currency,
    Start,
    Horizon,
    Buffer,
    RenewalUplift,
    Requires,
    Target,
    WalkAway,
}

impl DealField {
    pub const ALL: [DealField; 10] = [
        DealField::Name,
        DealField::Vendor,
        DealField::Currency,
        DealField::Start,
        DealField::Horizon,
        DealField::Buffer,
        DealField::RenewalUplift,
        DealField::Requires,
        DealField::Target,
        DealField::WalkAway,
    ];

    /// The key the file writes.
    pub fn key(self) -> &'static str {
        match self {
            DealField::Name => "name",
            DealField::Vendor => "vendor",
            DealField::Currency => "currency",
            DealField::Start => "start",
            DealField::Horizon => "horizon_months",
            DealField::Buffer => "buffer_pct",
            DealField::RenewalUplift => "renewal_uplift_pct",
            DealField::Requires => "requires",
            DealField::Target => "target_total",
            DealField::WalkAway => "walk_away_total",
        }
    }

    /// What the negotiator sees the field as.
    pub fn label(self) -> &'static str {
        match self {
            DealField::Name => "Deal name",
            DealField::Vendor => "Vendor",
            DealField::Currency => "Deal currency",
            DealField::Start => "Start (month 0)",
            DealField::Horizon => "Horizon, months",
            DealField::Buffer => "Growth buffer %",
            DealField::RenewalUplift => "Renewal uplift %",
            DealField::Requires => "Required terms",
            DealField::Target => "Our target total",
            DealField::WalkAway => "Walk-away total",
        }
    }

    /// The value as typed text (nothing when not set).
    pub fn show(self, d: &Deal) -> String {
        match self {
            DealField::Name => d.name.clone(),
            DealField::Vendor => show(d.vendor.as_ref()),
            DealField::Currency => d.currency.clone(),
            DealField::Start => d.start.to_string(),
            DealField::Horizon => show(d.horizon_months),
            DealField::Buffer => plain(d.buffer_pct),
            DealField::RenewalUplift => plain(d.renewal_uplift_pct),
            DealField::Requires => show_terms(&d.requires),
            DealField::Target => show(d.target_total.map(plain)),
            DealField::WalkAway => show(d.walk_away_total.map(plain)),
        }
    }

    /// Set the field from typed text.
    pub fn set(self, d: &mut Deal, text: &str) -> Result<(), String> {
        let (key, cur) = (self.key(), d.currency.clone());
        match self {
            DealField::Name => d.name = text.trim().to_string(),
            DealField::Vendor => d.vendor = optional_text(text),
            DealField::Currency => d.currency = code(text),
            DealField::Start => d.start = date(key, text)?,
            DealField::Horizon if cleared(text) => d.horizon_months = None,
            DealField::Horizon => d.horizon_months = Some(whole32(key, text)?),
            DealField::Buffer => d.buffer_pct = number(key, text, &cur)?,
            DealField::RenewalUplift => d.renewal_uplift_pct = number(key, text, &cur)?,
            DealField::Requires => d.requires = terms(text),
            DealField::Target => d.target_total = optional_number(key, text, &cur)?,
            DealField::WalkAway => d.walk_away_total = optional_number(key, text, &cur)?,
        }
        Ok(())
    }
}

/// A field of a `[[region]]`: its identity, its seat funnel and its ramp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionField {
    Id,
    Name,
    Currency,
    Headcount,
    Provisioned,
    Mau,
    Wau,
    Dau,
    GoLive,
    TargetWau,
    RampMonths,
    Requires,
    FunnelSource,
    FunnelAsOf,
    Uncertainty,
}

impl RegionField {
    pub const ALL: [RegionField; 15] = [
        RegionField::Id,
        RegionField::Name,
        RegionField::Currency,
        RegionField::Headcount,
        RegionField::Provisioned,
        RegionField::Mau,
        RegionField::Wau,
        RegionField::Dau,
        RegionField::GoLive,
        RegionField::TargetWau,
        RegionField::RampMonths,
        RegionField::Requires,
        RegionField::FunnelSource,
        RegionField::FunnelAsOf,
        RegionField::Uncertainty,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RegionField::Id => "id",
            RegionField::Name => "name",
            RegionField::Currency => "currency",
            RegionField::Headcount => "headcount",
            RegionField::Provisioned => "provisioned",
            RegionField::Mau => "mau",
            RegionField::Wau => "wau",
            RegionField::Dau => "dau",
            RegionField::GoLive => "go_live",
            RegionField::TargetWau => "target_wau",
            RegionField::RampMonths => "ramp_months",
            RegionField::Requires => "requires",
            RegionField::FunnelSource => "funnel_source",
            RegionField::FunnelAsOf => "funnel_as_of",
            RegionField::Uncertainty => "uncertainty_pct",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RegionField::Id => "Id",
            RegionField::Name => "Name",
            RegionField::Currency => "Currency",
            RegionField::Headcount => "Headcount",
            RegionField::Provisioned => "Provisioned seats",
            RegionField::Mau => "Monthly active",
            RegionField::Wau => "Weekly active (working pop.)",
            RegionField::Dau => "Daily active (core)",
            RegionField::GoLive => "Go-live month",
            RegionField::TargetWau => "Target weekly active",
            RegionField::RampMonths => "Ramp months",
            RegionField::Requires => "Required terms",
            RegionField::FunnelSource => "Funnel source",
            RegionField::FunnelAsOf => "Funnel as of",
            RegionField::Uncertainty => "Adoption spread %",
        }
    }

    /// True for the seat funnel (SPEC.md §1: dau ≤ wau ≤ mau ≤ provisioned
    /// ≤ headcount).
    pub fn is_funnel(self) -> bool {
        matches!(
            self,
            RegionField::Headcount
                | RegionField::Provisioned
                | RegionField::Mau
                | RegionField::Wau
                | RegionField::Dau
        )
    }

    pub fn show(self, r: &Region) -> String {
        match self {
            RegionField::Id => r.id.clone(),
            RegionField::Name => r.name.clone(),
            RegionField::Currency => r.currency.clone(),
            RegionField::Headcount => r.headcount.to_string(),
            RegionField::Provisioned => r.provisioned.to_string(),
            RegionField::Mau => r.mau.to_string(),
            RegionField::Wau => r.wau.to_string(),
            RegionField::Dau => r.dau.to_string(),
            RegionField::GoLive => r.go_live.to_string(),
            RegionField::TargetWau => r.target_wau.to_string(),
            RegionField::RampMonths => r.ramp_months.to_string(),
            RegionField::Requires => show_terms(&r.requires),
            RegionField::FunnelSource => show(r.funnel_source.as_ref()),
            RegionField::FunnelAsOf => show(r.funnel_as_of),
            RegionField::Uncertainty => show(r.uncertainty_pct.map(plain)),
        }
    }

    pub fn set(self, r: &mut Region, text: &str) -> Result<(), String> {
        let key = self.key();
        match self {
            RegionField::Id => r.id = text.trim().to_string(),
            RegionField::Name => r.name = text.trim().to_string(),
            RegionField::Currency => r.currency = code(text),
            RegionField::Headcount => r.headcount = whole(key, text)?,
            RegionField::Provisioned => r.provisioned = whole(key, text)?,
            RegionField::Mau => r.mau = whole(key, text)?,
            RegionField::Wau => r.wau = whole(key, text)?,
            RegionField::Dau => r.dau = whole(key, text)?,
            RegionField::GoLive => r.go_live = whole32(key, text)?,
            RegionField::TargetWau => r.target_wau = whole(key, text)?,
            RegionField::RampMonths => r.ramp_months = whole32(key, text)?,
            RegionField::Requires => r.requires = terms(text),
            RegionField::FunnelSource => r.funnel_source = optional_text(text),
            RegionField::FunnelAsOf => r.funnel_as_of = optional_date(key, text)?,
            RegionField::Uncertainty => r.uncertainty_pct = optional_number(key, text, "")?,
        }
        Ok(())
    }
}

/// A field of a `[[workload]]` (its route is edited share by share:
/// [`super::Edit::RouteShare`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadField {
    Name,
    Input,
    Output,
    Cacheable,
    Growth,
    CacheHit,
    Batch,
    Cache1h,
    LongContext,
    InferenceGeo,
    UsageSource,
    UsageAsOf,
    Uncertainty,
}

impl WorkloadField {
    pub const ALL: [WorkloadField; 13] = [
        WorkloadField::Name,
        WorkloadField::Input,
        WorkloadField::Output,
        WorkloadField::Cacheable,
        WorkloadField::Growth,
        WorkloadField::CacheHit,
        WorkloadField::Batch,
        WorkloadField::Cache1h,
        WorkloadField::LongContext,
        WorkloadField::InferenceGeo,
        WorkloadField::UsageSource,
        WorkloadField::UsageAsOf,
        WorkloadField::Uncertainty,
    ];

    pub fn key(self) -> &'static str {
        match self {
            WorkloadField::Name => "name",
            WorkloadField::Input => "input_mtok",
            WorkloadField::Output => "output_mtok",
            WorkloadField::Cacheable => "cacheable",
            WorkloadField::Growth => "growth_pct",
            WorkloadField::CacheHit => "cache_hit",
            WorkloadField::Batch => "batch",
            WorkloadField::Cache1h => "cache_1h",
            WorkloadField::LongContext => "long_context",
            WorkloadField::InferenceGeo => "inference_geo",
            WorkloadField::UsageSource => "usage_source",
            WorkloadField::UsageAsOf => "usage_as_of",
            WorkloadField::Uncertainty => "uncertainty_pct",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            WorkloadField::Name => "Name",
            WorkloadField::Input => "Input Mtok/month",
            WorkloadField::Output => "Output Mtok/month",
            WorkloadField::Cacheable => "Cacheable share",
            WorkloadField::Growth => "Growth % a month",
            WorkloadField::CacheHit => "Cache hit today",
            WorkloadField::Batch => "Batch share today",
            WorkloadField::Cache1h => "1-hour cache share",
            WorkloadField::LongContext => "Long-context share",
            WorkloadField::InferenceGeo => "US-only share",
            WorkloadField::UsageSource => "Usage source",
            WorkloadField::UsageAsOf => "Usage as of",
            WorkloadField::Uncertainty => "Volume spread %",
        }
    }

    pub fn show(self, w: &Workload) -> String {
        match self {
            WorkloadField::Name => w.name.clone(),
            WorkloadField::Input => plain(w.input_mtok),
            WorkloadField::Output => plain(w.output_mtok),
            WorkloadField::Cacheable => plain(w.cacheable),
            WorkloadField::Growth => plain(w.growth_pct),
            WorkloadField::CacheHit => plain(w.cache_hit),
            WorkloadField::Batch => plain(w.batch),
            WorkloadField::Cache1h => plain(w.cache_1h),
            WorkloadField::LongContext => plain(w.long_context),
            WorkloadField::InferenceGeo => plain(w.inference_geo_us),
            WorkloadField::UsageSource => show(w.usage_source.as_ref()),
            WorkloadField::UsageAsOf => show(w.usage_as_of),
            WorkloadField::Uncertainty => show(w.uncertainty_pct.map(plain)),
        }
    }

    pub fn set(self, w: &mut Workload, text: &str) -> Result<(), String> {
        let key = self.key();
        let share = |t: &str| number(key, t, "");
        match self {
            WorkloadField::Name => w.name = text.trim().to_string(),
            WorkloadField::Input => w.input_mtok = number(key, text, "")?,
            WorkloadField::Output => w.output_mtok = number(key, text, "")?,
            WorkloadField::Cacheable => w.cacheable = share(text)?,
            WorkloadField::Growth => w.growth_pct = number(key, text, "")?,
            WorkloadField::CacheHit => w.cache_hit = share(text)?,
            WorkloadField::Batch => w.batch = share(text)?,
            WorkloadField::Cache1h => w.cache_1h = share(text)?,
            WorkloadField::LongContext => w.long_context = share(text)?,
            WorkloadField::InferenceGeo => w.inference_geo_us = geo(text)?,
            WorkloadField::UsageSource => w.usage_source = optional_text(text),
            WorkloadField::UsageAsOf => w.usage_as_of = optional_date(key, text)?,
            WorkloadField::Uncertainty => w.uncertainty_pct = optional_number(key, text, "")?,
        }
        Ok(())
    }
}

/// A field of `[uncertainty]` (§7, docs/risk.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UncertaintyField {
    Draws,
    Seed,
    Adoption,
    Ramp,
    ApiVolume,
    ApiGrowth,
}

impl UncertaintyField {
    pub const ALL: [UncertaintyField; 6] = [
        UncertaintyField::Draws,
        UncertaintyField::Seed,
        UncertaintyField::Adoption,
        UncertaintyField::Ramp,
        UncertaintyField::ApiVolume,
        UncertaintyField::ApiGrowth,
    ];

    pub fn key(self) -> &'static str {
        match self {
            UncertaintyField::Draws => "draws",
            UncertaintyField::Seed => "seed",
            UncertaintyField::Adoption => "adoption_pct",
            UncertaintyField::Ramp => "ramp_pct",
            UncertaintyField::ApiVolume => "api_volume_pct",
            UncertaintyField::ApiGrowth => "api_growth_pp",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UncertaintyField::Draws => "Draws",
            UncertaintyField::Seed => "Seed",
            UncertaintyField::Adoption => "Adoption spread %",
            UncertaintyField::Ramp => "Ramp spread %",
            UncertaintyField::ApiVolume => "API volume spread %",
            UncertaintyField::ApiGrowth => "API growth spread pp",
        }
    }

    pub fn show(self, u: &Uncertainty) -> String {
        match self {
            UncertaintyField::Draws => u.draws.to_string(),
            UncertaintyField::Seed => u.seed.to_string(),
            UncertaintyField::Adoption => plain(u.adoption_pct),
            UncertaintyField::Ramp => plain(u.ramp_pct),
            UncertaintyField::ApiVolume => plain(u.api_volume_pct),
            UncertaintyField::ApiGrowth => plain(u.api_growth_pp),
        }
    }

    pub fn set(self, u: &mut Uncertainty, text: &str) -> Result<(), String> {
        let key = self.key();
        let spread = |t: &str| -> Result<Decimal, String> { number(key, t, "") };
        match self {
            UncertaintyField::Draws => u.draws = whole32(key, text)?,
            UncertaintyField::Seed => u.seed = whole(key, text)?,
            UncertaintyField::Adoption => u.adoption_pct = spread(text)?,
            UncertaintyField::Ramp => u.ramp_pct = spread(text)?,
            UncertaintyField::ApiVolume => u.api_volume_pct = spread(text)?,
            UncertaintyField::ApiGrowth => u.api_growth_pp = spread(text)?,
        }
        Ok(())
    }
}
