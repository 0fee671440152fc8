//! The fields of a `[[region]]`: its identity, its seat funnel, its ramp.

use super::super::typed::{
    code, optional_date, optional_number, optional_text, show, show_terms, terms, whole, whole32,
};
use crate::money::plain;
use crate::scenario::model::Region;

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
