//! The API side from the buyer's real usage (SPEC.md §8): pages of
//! Anthropic's Messages Usage Report in, one workload per group out.
//!
//! * [`parse`] — a page's JSON, exactly and defensively (bounded size,
//!   whole non-negative token counts, file/line/column on every refusal);
//! * [`window`] — the pages' buckets merged (a repeated bucket counts once);
//! * [`derive`] — buckets summed per group and turned into `input_mtok`,
//!   shares, route and growth;
//! * [`figures`] — the exact arithmetic of those figures;
//! * [`output`] — the table and the JSON;
//! * [`write`] — `[[workload]]` tables added or updated in a scenario;
//! * [`cost`] — `--cost`: the Cost Report beside the price book;
//! * [`cli`] — `dealbench api-usage`.
//!
//! To add a derived figure: sum what it needs in [`derive::Sums`], compute
//! it in [`derive::derive`], then show it in `output.rs` and write it in
//! `write.rs`.

pub mod cli;
pub mod cost;
pub mod derive;
pub mod figures;
pub mod output;
pub mod parse;
pub mod window;
pub mod write;

use rust_decimal::Decimal;

use self::derive::{Derived, GroupBy, ModelMap, Window};
use crate::engine::api::workload_unit_cost;
use crate::money::{Overflow, round_cents};
use crate::pricebook::PriceBook;
use crate::scenario::{ApiPlan, Workload};

/// The derived workloads over one window, each with its list cost per
/// month under the price book.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub window: Window,
    pub workloads: Vec<(Derived, Decimal)>,
    /// With `--cost`: the invoice beside the price book.
    pub cost: Option<CostView>,
}

/// The Cost Report beside the price book over the days both cover.
#[derive(Debug, Clone, PartialEq)]
pub struct CostView {
    pub from: parse::Stamp,
    pub to: parse::Stamp,
    /// Per workload name: (invoiced, price book) for the same usage.
    pub workloads: Vec<(String, cost::Compared)>,
    /// Invoiced amounts that are not token costs (left out).
    pub other: Decimal,
}

/// Put the invoice beside the price book (`--cost`); `None` when the two
/// reports share no days.
pub fn with_cost(
    usage: &mut Usage,
    inv: &cost::Invoiced,
    opts: &Options,
    book: &PriceBook,
) -> Option<()> {
    let span = cost::common(&usage.window, inv)?;
    let per_key = cost::compare(&usage.window, inv, span, opts.group_by, &opts.map, book);
    let names: std::collections::HashMap<&str, &str> = usage
        .workloads
        .iter()
        .map(|(d, _)| (d.key.as_str(), d.name.as_str()))
        .collect();
    let name_of = |key: &str| {
        names
            .get(key)
            .map_or_else(|| key.to_string(), |n| n.to_string())
    };
    usage.cost = Some(CostView {
        from: span.0,
        to: span.1,
        workloads: per_key.into_iter().map(|(k, c)| (name_of(&k), c)).collect(),
        other: inv.other,
    });
    Some(())
}

/// How to read the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub group_by: GroupBy,
    /// `--name GROUP=NAME` pairs.
    pub names: Vec<(String, String)>,
    pub map: ModelMap,
}

/// Derive the workloads from merged buckets; an `Err` is bad input.
pub fn measure(window: Window, opts: &Options, book: &PriceBook) -> Result<Usage, String> {
    for (_, id) in &opts.map.explicit {
        if book.model(id).is_none() {
            return Err(format!(
                "--map names the price-book model '{id}', which the price book does not have: expected one of {}",
                book.model_ids().join(", ")
            ));
        }
    }
    let groups = derive::sum_groups(&window, opts.group_by, &opts.map)?;
    if let Some((key, _)) = opts
        .names
        .iter()
        .find(|(k, _)| !groups.iter().any(|(g, _)| g == k))
    {
        let keys: Vec<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
        return Err(format!(
            "--name '{key}=…' names no group of the report: expected one of {}",
            keys.join(", ")
        ));
    }
    let order = book.model_ids();
    let mut workloads = Vec::new();
    for (key, sums) in groups {
        let name = opts
            .names
            .iter()
            .find(|(k, _)| *k == key)
            .map_or_else(|| key.clone(), |(_, n)| n.clone());
        let d = derive::derive(key, name, sums, &window, &order);
        let cost = list_cost(book, &d).map_err(|e| {
            format!(
                "{e} for the group '{}': expected smaller token counts",
                d.key
            )
        })?;
        workloads.push((d, cost));
    }
    Ok(Usage {
        window,
        workloads,
        cost: None,
    })
}

/// The workload a derived group stands for, as a scenario would hold it.
pub fn as_workload(d: &Derived) -> Workload {
    Workload {
        name: d.name.clone(),
        input_mtok: d.input_mtok,
        output_mtok: d.output_mtok,
        cacheable: d.cacheable,
        growth_pct: d.growth_pct,
        route: d.route.clone(),
        cache_hit: d.cache_hit,
        batch: d.batch,
        cache_1h: d.cache_1h,
        long_context: d.long_context,
        inference_geo_us: d.inference_geo,
        usage_source: None,
        usage_as_of: None,
        uncertainty_pct: None,
    }
}

/// What the price book says a month of this usage costs at list (§3, §8).
pub fn list_cost(book: &PriceBook, d: &Derived) -> Result<Decimal, Overflow> {
    let w = as_workload(d);
    Ok(round_cents(workload_unit_cost(
        book,
        &w,
        &ApiPlan::default(),
    )?))
}
