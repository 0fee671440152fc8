//! The fields the workbench edits, one enum per table, each field named by
//! its file key (SPEC.md §1): how it shows for editing and how typed text
//! sets it ([`super::typed`]); regions' fields are in [`region`], workloads'
//! in [`workload`]. To make a new field editable: add a variant, its key,
//! label, `show` and `set` arms, and list it in `ALL`.

use rust_decimal::Decimal;

mod region;
mod workload;

pub use region::RegionField;
pub use workload::WorkloadField;

use super::typed::{
    cleared, code, date, number, optional_number, optional_text, show, show_terms, terms, whole,
    whole32,
};
use crate::money::plain;
use crate::scenario::model::{Deal, Uncertainty};

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
