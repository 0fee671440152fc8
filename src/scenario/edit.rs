//! Editing the authored sections of a scenario — the deal, the FX table,
//! the regions with their funnels, the workloads with their routes and
//! `[uncertainty]` — from typed text, exactly or not at all.
//!
//! An [`Edit`] is applied in two steps. [`apply`] reads the typed text
//! ([`typed`]: its form only) into a candidate scenario, with the offers
//! following renamed or removed rows ([`cascade`]). [`validate`] then hands
//! the candidate's file text to the loader, the one place the ranges and
//! the rules between fields live (the funnel dau ≤ wau ≤ mau ≤ provisioned
//! ≤ headcount, a region's currency needing an `[fx]` rate, unique ids,
//! route shares summing to 1, the work budget …): a refusal is the
//! loader's own message, and what is kept is what the file then loads as.
//! Fields the loader derives from others follow them while they still hold
//! the derived value: a region's `name` equal to its `id` follows a new id,
//! a `target_wau` equal to `wau` follows a new `wau`. [`attempt`] does
//! both. A route share is typed exactly and the other shares make room
//! ([`route`]).
//!
//! To make a new field editable: add it to its enum in [`fields`].

pub mod cascade;
pub mod fields;
pub mod route;
pub mod typed;

use rust_decimal::Decimal;

pub use self::fields::{DealField, RegionField, UncertaintyField, WorkloadField};
use super::authored::{Rows, Sections};
use super::model::{Region, Scenario, Uncertainty, Workload};
use super::save::SaveTextError;

/// One change to the authored sections; typed text as the negotiator
/// wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Deal(DealField, String),
    /// A new region after the others, with an unused id and an empty funnel.
    AddRegion,
    RemoveRegion(usize),
    Region(usize, RegionField, String),
    /// A new workload after the others, with an unused name and no volume.
    AddWorkload,
    RemoveWorkload(usize),
    Workload(usize, WorkloadField, String),
    /// Workload `workload`'s share on price-book model `model` (index in
    /// the price book's model order).
    RouteShare {
        workload: usize,
        model: usize,
        text: String,
    },
    /// The rate of currency `code` (added when the table has none).
    Fx(String, String),
    RemoveFx(String),
    /// An `[uncertainty]` table with the defaults (no spread yet).
    AddUncertainty,
    RemoveUncertainty,
    Uncertainty(UncertaintyField, String),
}

/// A scenario edited, and where its rows stand in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    pub scenario: Scenario,
    pub rows: Rows,
}

/// `edit` applied to `s` (whose rows are `rows`): the candidate, not yet
/// judged by the loader; Err when the typed text has no value of the
/// field's kind.
pub fn apply(s: &Scenario, rows: &Rows, edit: &Edit) -> Result<Edited, String> {
    let mut out = Edited {
        scenario: s.clone(),
        rows: rows.clone(),
    };
    let c = &mut out.scenario;
    match edit {
        Edit::Deal(f, text) => f.set(&mut c.deal, text)?,
        Edit::AddRegion => {
            let id = unused(|n| c.regions.iter().any(|r| r.id == n), "region");
            c.regions.push(new_region(id, &c.deal.currency));
            out.rows.regions.push(None);
        }
        Edit::RemoveRegion(i) => {
            let r = row(&c.regions, *i)?;
            let id = r.id.clone();
            c.regions.remove(*i);
            out.rows.regions.remove(*i);
            cascade::region_id(&mut c.offers, &id, None);
        }
        Edit::Region(i, f, text) => {
            let old = row(&c.regions, *i)?;
            let (was, was_wau) = (old.id.clone(), old.wau);
            let r = &mut c.regions[*i];
            f.set(r, text)?;
            // A ramp target equal to today's working population (the
            // loader's default) moves with it.
            if *f == RegionField::Wau && r.target_wau == was_wau {
                r.target_wau = r.wau;
            }
            if r.id != was {
                let now = r.id.clone();
                // A region named by its id (no `name` line) keeps being so.
                if r.name == was {
                    r.name = now.clone();
                }
                cascade::region_id(&mut c.offers, &was, Some(&now));
            }
        }
        Edit::AddWorkload => {
            let name = unused(|n| c.workloads.iter().any(|w| w.name == n), "workload");
            c.workloads.push(new_workload(name));
            out.rows.workloads.push(None);
        }
        Edit::RemoveWorkload(i) => {
            let name = row(&c.workloads, *i)?.name.clone();
            c.workloads.remove(*i);
            out.rows.workloads.remove(*i);
            cascade::workload_name(&mut c.offers, &name, None);
        }
        Edit::Workload(i, f, text) => {
            let was = row(&c.workloads, *i)?.name.clone();
            let w = &mut c.workloads[*i];
            f.set(w, text)?;
            if w.name != was {
                let now = w.name.clone();
                cascade::workload_name(&mut c.offers, &was, Some(&now));
            }
        }
        Edit::RouteShare {
            workload,
            model,
            text,
        } => {
            let models: Vec<String> = c.pricebook.models.iter().map(|(m, _)| m.clone()).collect();
            let key = models.get(*model).map_or("route", String::as_str);
            let share = typed::number(key, text, "")?;
            let w = row(&c.workloads, *workload)?;
            let route = route::set_share(&w.route, &models, *model, share);
            c.workloads[*workload].route = route;
        }
        Edit::Fx(code, text) => {
            let code = typed::code(code);
            let rate = typed::number(&code, text, "")?;
            match c.fx.iter_mut().find(|(k, _)| *k == code) {
                Some((_, r)) => *r = rate,
                None => c.fx.push((code, rate)),
            }
        }
        Edit::RemoveFx(code) => c.fx.retain(|(k, _)| k != code),
        Edit::AddUncertainty => {
            c.uncertainty.get_or_insert_with(Uncertainty::default);
        }
        Edit::RemoveUncertainty => c.uncertainty = None,
        Edit::Uncertainty(f, text) => match c.uncertainty.as_mut() {
            Some(u) => f.set(u, text)?,
            None => return Err("the file has no [uncertainty] table yet".into()),
        },
    }
    Ok(out)
}

fn row<T>(list: &[T], i: usize) -> Result<&T, String> {
    list.get(i)
        .ok_or_else(|| format!("there is no row {} (the file has {})", i + 1, list.len()))
}

/// `stem-N` for the lowest N ≥ 1 not `taken`.
fn unused(taken: impl Fn(&str) -> bool, stem: &str) -> String {
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| stem.to_string())
}

/// A region with nobody in it yet: every funnel figure 0, live from month 0.
fn new_region(id: String, currency: &str) -> Region {
    Region {
        name: id.clone(),
        id,
        currency: currency.to_string(),
        headcount: 0,
        provisioned: 0,
        mau: 0,
        wau: 0,
        dau: 0,
        go_live: 0,
        target_wau: 0,
        ramp_months: 0,
        requires: Vec::new(),
        funnel_source: None,
        funnel_as_of: None,
        uncertainty_pct: None,
    }
}

/// A workload with no volume yet, routed to Opus (the file's default).
fn new_workload(name: String) -> Workload {
    Workload {
        name,
        input_mtok: Decimal::ZERO,
        output_mtok: Decimal::ZERO,
        cacheable: Decimal::ZERO,
        growth_pct: Decimal::ZERO,
        route: vec![("opus".into(), Decimal::ONE)],
        cache_hit: Decimal::ZERO,
        batch: Decimal::ZERO,
        cache_1h: Decimal::ZERO,
        long_context: Decimal::ZERO,
        inference_geo_us: Decimal::ZERO,
        usage_source: None,
        usage_as_of: None,
        uncertainty_pct: None,
    }
}

/// Judge a candidate by loading `text`, its whole file as a save would
/// write it: the loader's first message when it refuses, else the
/// candidate with the sections as the file loads them.
pub fn validate(label: &str, text: &str, mut candidate: Edited) -> Result<Edited, String> {
    match super::load::parse_str(label, text) {
        Ok(loaded) => {
            Sections::of(&loaded).put_into(&mut candidate.scenario);
            Ok(candidate)
        }
        Err(d) => Err(d.0.first().map_or_else(
            || "the file does not load".to_string(),
            |d| d.message.clone(),
        )),
    }
}

/// [`apply`] then [`validate`], with `write` giving the file text of a
/// candidate (what the workbench would save).
pub fn attempt(
    s: &Scenario,
    rows: &Rows,
    edit: &Edit,
    write: impl FnOnce(&Scenario, &Rows) -> Result<String, SaveTextError>,
) -> Result<Edited, String> {
    let candidate = apply(s, rows, edit)?;
    let text = write(&candidate.scenario, &candidate.rows).map_err(|e| e.to_string())?;
    validate("the edited file", &text, candidate)
}
