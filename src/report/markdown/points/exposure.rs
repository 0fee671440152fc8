//! Points about risk and money left on the table: what a spike or lower
//! adoption does to each offer, API commit left unused, and what the API
//! plan saves against all-Opus list.

use rust_decimal::Decimal;

use super::{Brief, best, reference, subject};
use crate::engine::Outcome;
use crate::money::{plain, two_places};
use crate::report::schedule::month_date;
use crate::scenario::{Billing, TrueUp};

pub(super) fn spike(b: &Brief<'_>) -> Option<String> {
    let st = &b.power.as_ref().ok()?.stress;
    let pairs: Vec<(&Outcome, Decimal)> =
        b.ev.outcomes
            .iter()
            .zip(&st.offers)
            .map(|(o, s)| (o, s.spike.exposure))
            .collect();
    let (worst, most) = pairs.iter().max_by_key(|(_, e)| *e)?;
    let (calm, least) = pairs.iter().min_by_key(|(_, e)| *e)?;
    if *most <= Decimal::ZERO {
        return None;
    }
    let o = &worst.offer;
    let clause = match (o.true_up, o.true_up_ratchet) {
        (TrueUp::AnnualPeak, true) => {
            ": its annual-peak true-up bills the peak all year and the ratchet keeps it to the end of the term"
        }
        (TrueUp::AnnualPeak, false) => {
            ": its annual-peak true-up bills the peak for the whole year"
        }
        (_, true) => ": its ratchet keeps the added seats to the end of the term",
        _ => "",
    };
    let other = if least.is_zero() {
        format!("; '{}' absorbs it at no extra cost", calm.offer.name)
    } else if most > least {
        format!("; '{}' pays {} more", calm.offer.name, b.cash(*least))
    } else {
        String::new()
    };
    Some(format!(
        "A one-month spike of {} % in {} costs '{}' {} more, the most of any offer{clause}{other}.",
        plain(st.curves.spike_pct),
        month_date(b.s.deal.start, st.curves.spike_month),
        o.name,
        b.cash(*most)
    ))
}

pub(super) fn low_adoption(b: &Brief<'_>) -> Option<String> {
    let st = &b.power.as_ref().ok()?.stress;
    let r = st.offers.get(b.ev.reference)?;
    let flex = st.offers.iter().min_by_key(|o| o.low.exposure)?;
    if flex.name == r.name || flex.low.exposure >= r.low.exposure {
        return None;
    }
    let ref_part = if r.low.exposure.is_zero() {
        format!("'{}' costs exactly the same", r.name)
    } else {
        format!("'{}' costs only {} less", r.name, b.cash(-r.low.exposure))
    };
    let annual = reference(b).is_some_and(|o| o.offer.billing == Billing::Annual);
    let why = if annual {
        ", because its commit is paid either way"
    } else {
        ""
    };
    Some(format!(
        "If adoption runs {} % below plan, {ref_part}{why}; '{}' costs {} less.",
        plain(st.curves.adoption_pct),
        flex.name,
        b.cash(-flex.low.exposure)
    ))
}

/// The API commit left unused, for the reference and our best offer.
pub(super) fn unused_api_commit(b: &Brief<'_>) -> Vec<String> {
    let mut picks: Vec<&Outcome> = reference(b).into_iter().collect();
    picks.extend(best(b).map(|(_, o)| o));
    picks
        .into_iter()
        .filter(|o| o.api_unused_commit > Decimal::ZERO && o.offer.api_commit > Decimal::ZERO)
        .map(|o| {
            let leanest = o
                .years
                .iter()
                .filter(|y| y.months == 12)
                .map(|y| y.api_cost - y.api_unused_commit)
                .min();
            let use_part = leanest
                .map(|u| {
                    format!(
                        "; planned use at {} % off is {} in its leanest full year",
                        plain(o.offer.api_discount_pct),
                        b.cash(u)
                    )
                })
                .unwrap_or_default();
            format!(
                "{} commits {} a year to the API and leaves {} of it unused over {} months{use_part}.",
                subject(b, &o.offer),
                b.cash(o.offer.api_commit),
                b.cash(o.api_unused_commit),
                b.ev.horizon
            )
        })
        .collect()
}

/// The API plan furthest below all-Opus list (the first such offer).
pub(super) fn api_plan(b: &Brief<'_>) -> Option<String> {
    if b.s.workloads.is_empty() {
        return None;
    }
    let o =
        b.ev.outcomes
            .iter()
            .fold(None::<&Outcome>, |acc, o| match acc {
                Some(a) if a.api_savings_pct >= o.api_savings_pct => Some(a),
                _ => Some(o),
            })?;
    (o.api_savings_pct > Decimal::ZERO).then(|| {
        format!(
            "With its routing, caching and batch plan, '{}' pays {} for the API, {} % below running every workload on Opus at list ({}).",
            o.offer.name,
            b.cash(o.api_cost),
            two_places(o.api_savings_pct),
            b.cash(o.api_baseline)
        )
    })
}
