//! The fields of a `[[workload]]` besides its route.

use super::super::typed::{geo, number, optional_date, optional_number, optional_text, show};
use crate::money::plain;
use crate::scenario::model::Workload;

/// A field of a `[[workload]]` (its route is edited share by share:
/// [`crate::scenario::edit::Edit::RouteShare`]).
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
