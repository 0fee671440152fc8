//! The checks of the offers that need every offer at once: names, the
//! `based_on` chains (no cycle, no unknown parent), and US-only inference
//! where a price book sells it.

use std::collections::HashMap;

use crate::reader::Ctx;
use crate::scenario::model::*;

/// Checks across offers: unique names, `based_on` targets and cycles, seats
/// for annual offers. Linear in the number of offers: each is resolved
/// once ([`crate::scenario::resolve::resolve_all`]).
pub(crate) fn validate_offers(ctx: &Ctx<'_>, s: &Scenario) {
    // An invalid `seats` earlier would also read as "no seats": say it once.
    let clean_so_far = !ctx.has_errors();
    let resolution = crate::scenario::resolve::resolve_all(s);
    let mut on_cycle: HashMap<usize, usize> = HashMap::new();
    for (c, cycle) in resolution.cycles.iter().enumerate() {
        on_cycle.extend(cycle.iter().map(|&i| (i, c)));
    }
    let index = crate::scenario::resolve::name_index(s);
    let names: Vec<&str> = s.offers.iter().map(|o| o.name.as_str()).collect();
    for (i, o) in s.offers.iter().enumerate() {
        if index.get(o.name.as_str()) != Some(&i) {
            ctx.error(
                o.name_span.clone(),
                format!(
                    "duplicate offer name: expected each [[offer]] `name` once, found '{}' again",
                    o.name
                ),
            );
            continue;
        }
        let at = o.based_on_span.clone().unwrap_or_else(|| o.span.clone());
        if let Some(n) = o.based_on.as_deref().filter(|n| !index.contains_key(n)) {
            let hint = ctx.name_hint(n, &names);
            ctx.error(
                at,
                format!(
                    "`based_on` in [[offer]] '{}' names no offer: expected one of the offer names, found '{n}'{hint}",
                    o.name
                ),
            );
        } else if let Some(&c) = on_cycle.get(&i) {
            ctx.error(
                at,
                format!(
                    "`based_on` cycle through [[offer]] '{}': {}; expected a chain that ends at an offer without `based_on`",
                    o.name,
                    cycle_from(s, &resolution.cycles[c], i)
                ),
            );
        } else if let Some(Some(r)) = resolution.offers.get(i)
            && clean_so_far
            && r.billing == Billing::Annual
            && r.seats.is_none()
        {
            ctx.error(
                o.span.clone(),
                format!(
                    "[[offer]] '{}' bills annually but commits no seats: expected `seats` or `seat_ramp` (or `billing = \"monthly\"`)",
                    o.name
                ),
            );
        }
    }
}

/// An offer's own API plan must not run US-only on a model that sells no
/// US-only inference (a workload's own plan is checked where it is read).
pub(crate) fn validate_geo(ctx: &Ctx<'_>, s: &Scenario) {
    for o in &s.offers {
        let Some(plan) = &o.api else { continue };
        for w in &s.workloads {
            let geo = plan.geo_us_for(w);
            let (route, _, _) = plan.for_workload(w);
            if geo == w.inference_geo_us && route == w.route {
                continue;
            }
            let what = format!(
                "[offer.api] of [[offer]] '{}' for workload '{}'",
                o.name, w.name
            );
            crate::scenario::sections::check_geo(
                ctx,
                &s.pricebook,
                &route,
                geo,
                o.span.clone(),
                &what,
            );
        }
    }
}

/// The names of a cycle from offer `from` round to it again; a long cycle
/// keeps its first and last names (one message per offer on it must not
/// grow with the square of its length).
fn cycle_from(s: &Scenario, cycle: &[usize], from: usize) -> String {
    const SHOWN: usize = 8;
    let k = cycle.iter().position(|&i| i == from).unwrap_or(0);
    let names: Vec<&str> = cycle[k..]
        .iter()
        .chain(&cycle[..k])
        .chain(std::iter::once(&from))
        .map(|&i| s.offers[i].name.as_str())
        .collect();
    if names.len() <= SHOWN + 2 {
        return names.join(" → ");
    }
    format!(
        "{} → … {} more … → {}",
        names[..SHOWN - 2].join(" → "),
        names.len() - SHOWN,
        names[names.len() - 2..].join(" → ")
    )
}
