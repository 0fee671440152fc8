//! From what the user gave (flags or the form) to the [`Draft`] of the new
//! file: the regions' funnels typed or measured from a usage export, the
//! workloads from an API usage report, and the counter-offer sized to the
//! working population plus the buffer.
//!
//! A region given with its funnel keeps it; a region the usage export
//! measures takes the export's funnel (and its headcount from the flag, or
//! the provisioned count when none was given, marked in the file). A
//! last-activity export cannot tell weekly and daily active: those regions
//! need the figures typed.

use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::fields::{FunnelSpec, RegionSpec, funnel_order, region_id};
use crate::cli::{Failure, bad_input};
use crate::diag::sanitize;
use crate::pricebook::PriceBook;
use crate::scenario::template::{Draft, Quote, RegionDraft};
use crate::usage::funnel::Funnel;

/// Everything needed to write a new scenario, each figure already checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub name: String,
    pub currency: String,
    pub start: NaiveDate,
    pub regions: Vec<RegionSpec>,
    /// An activity export (or the §5 JSON) to measure the funnels from.
    pub usage: Option<PathBuf>,
    /// Pages of Anthropic's usage report to derive the workloads from.
    pub api_usage: Vec<PathBuf>,
    pub quote: Quote,
}

/// The default growth buffer over the working population (SPEC.md §1).
pub const BUFFER_PCT: i64 = 15;

/// The draft of the new file: files read, funnels merged, counter sized.
pub fn draft(req: &Request) -> Result<Draft, Failure> {
    let measured = match &req.usage {
        Some(path) => {
            let (funnel, source) = crate::usage::cli::funnel_of(path)?;
            Some((path, funnel, source))
        }
        None => None,
    };
    let regions = match &measured {
        Some((path, funnel, source)) => merge(&req.regions, path, funnel, source)?,
        None => typed(&req.regions)?,
    };
    let edition = crate::pricebook::edition::latest();
    let workloads = if req.api_usage.is_empty() {
        Vec::new()
    } else {
        let book = PriceBook::edition(edition).unwrap_or_else(PriceBook::builtin);
        crate::apiusage::cli::workloads_of(&req.api_usage, &book)?
    };
    let buffer = Decimal::from(BUFFER_PCT);
    let wau: u64 = regions.iter().map(|r| r.wau).sum();
    let counter_seats = crate::engine::seats::usage_sized(wau, buffer)
        .map_err(|e| bad_input(format!("error: {e}: expected fewer weekly active users")))?;
    Ok(Draft {
        name: req.name.clone(),
        currency: req.currency.clone(),
        start: req.start,
        buffer_pct: buffer,
        edition: edition.to_string(),
        regions,
        workloads,
        quote: req.quote.clone(),
        counter_seats,
    })
}

fn unique_id(name: &str, taken: &[RegionDraft]) -> String {
    let base = region_id(name, taken.len() + 1);
    let mut id = base.clone();
    let mut n = 2;
    while taken.iter().any(|r| r.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn region_of(spec: &RegionSpec, f: FunnelSpec, taken: &[RegionDraft]) -> RegionDraft {
    RegionDraft {
        id: unique_id(&spec.name, taken),
        name: spec.name.clone(),
        headcount: spec.headcount,
        headcount_assumed: false,
        provisioned: f.provisioned,
        mau: f.mau,
        wau: f.wau,
        dau: f.dau,
        funnel_source: None,
        funnel_as_of: None,
    }
}

/// Regions with their funnels typed, no export to measure them from.
fn typed(specs: &[RegionSpec]) -> Result<Vec<RegionDraft>, Failure> {
    if specs.is_empty() {
        return Err(bad_input(
            "error: expected at least one region: --region NAME:HEADCOUNT:PROVISIONED:MONTHLY:WEEKLY:DAILY, or --from-usage FILE to measure them",
        ));
    }
    let mut out: Vec<RegionDraft> = Vec::new();
    for spec in specs {
        let Some(f) = spec.funnel else {
            return Err(bad_input(format!(
                "error: region '{}' has a headcount but no funnel: expected NAME:HEADCOUNT:PROVISIONED:MONTHLY:WEEKLY:DAILY, or --from-usage FILE to measure it",
                sanitize(&spec.name)
            )));
        };
        let r = region_of(spec, f, &out);
        out.push(r);
    }
    Ok(out)
}

/// The regions given, with the export's funnel where it measures them,
/// then the export's other regions.
fn merge(
    specs: &[RegionSpec],
    path: &std::path::Path,
    funnel: &Funnel,
    source: &str,
) -> Result<Vec<RegionDraft>, Failure> {
    let file = sanitize(&path.display().to_string());
    let as_of = crate::usage::dates::to_date(funnel.as_of);
    let mut out: Vec<RegionDraft> = Vec::new();
    let mut used = vec![false; funnel.regions.len()];
    for spec in specs {
        let found = funnel.regions.iter().position(|m| {
            m.region.eq_ignore_ascii_case(&spec.name)
                || region_id(&m.region, 0) == region_id(&spec.name, 0)
        });
        if let Some(i) = found {
            used[i] = true;
        }
        let r = match (spec.funnel, found) {
            (Some(f), _) => region_of(spec, f, &out),
            (None, Some(i)) => {
                let m = &funnel.regions[i];
                let f = measured_figures(&file, &m.region, &m.counts)?;
                funnel_order(&spec.name, spec.headcount, &f).map_err(|e| {
                    bad_input(format!(
                        "error: {e} (the funnel measured from {file}; give the real headcount)"
                    ))
                })?;
                RegionDraft {
                    funnel_source: Some(source.to_string()),
                    funnel_as_of: as_of,
                    ..region_of(spec, f, &out)
                }
            }
            (None, None) => {
                let names: Vec<String> = funnel
                    .regions
                    .iter()
                    .map(|m| format!("'{}'", sanitize(&m.region)))
                    .collect();
                return Err(bad_input(format!(
                    "error: region '{}' is not in {file} (its regions: {}): expected one of them, or the region's funnel NAME:HEADCOUNT:PROVISIONED:MONTHLY:WEEKLY:DAILY",
                    sanitize(&spec.name),
                    names.join(", ")
                )));
            }
        };
        out.push(r);
    }
    for (m, _) in funnel.regions.iter().zip(&used).filter(|(_, u)| !**u) {
        let f = measured_figures(&file, &m.region, &m.counts)?;
        let spec = RegionSpec {
            name: m.region.clone(),
            headcount: f.provisioned,
            funnel: None,
        };
        out.push(RegionDraft {
            headcount_assumed: true,
            funnel_source: Some(source.to_string()),
            funnel_as_of: as_of,
            ..region_of(&spec, f, &out)
        });
    }
    if out.is_empty() {
        return Err(bad_input(format!(
            "error: {file}: no region has seat holders"
        )));
    }
    Ok(out)
}

/// The four funnel figures of a measured region; a last-activity export
/// cannot tell weekly and daily active.
fn measured_figures(
    file: &str,
    region: &str,
    c: &crate::usage::funnel::Counts,
) -> Result<FunnelSpec, Failure> {
    match (c.wau, c.dau) {
        (Some(wau), Some(dau)) => Ok(FunnelSpec {
            provisioned: c.provisioned,
            mau: c.mau,
            wau,
            dau,
        }),
        _ => Err(bad_input(format!(
            "error: {file} gives each user's last activity only: it cannot tell the weekly and daily active of region '{}'; expected them typed, --region {}:HEADCOUNT:{}:{}:WEEKLY:DAILY",
            sanitize(region),
            sanitize(region),
            c.provisioned,
            c.mau
        ))),
    }
}
