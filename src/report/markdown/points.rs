//! Talking points for the brief, each derived from the figures and written
//! only when its figure supports it: no oversized commit, no point about
//! idle seats; no saving, no point about savings. Points are plain text (the
//! brief escapes them; the JSON export carries them as they are).
//!
//! To add a point: write a function from the [`Brief`] to `Option<String>`
//! (or a `Vec` for one point per offer) that returns nothing unless its
//! figure is there, and list it in [`talking_points`].

mod exposure;

use rust_decimal::Decimal;

use super::Brief;
use crate::engine::seats::usage_sized;
use crate::engine::seek::SeekError;
use crate::engine::{Outcome, percent_of};
use crate::money::{format_count, plain, two_places};
use crate::scenario::{Billing, Offer, Party};

/// Every point the figures support, most decisive first.
pub fn talking_points(b: &Brief<'_>) -> Vec<String> {
    let mut p = Vec::new();
    p.extend(oversized_commits(b));
    p.extend(dormant_seats(b));
    p.extend(best_savings(b));
    p.extend(break_even(b));
    p.extend(largest_driver(b));
    p.extend(uncapped_uplift(b));
    p.extend(exposure::spike(b));
    p.extend(exposure::low_adoption(b));
    p.extend(exposure::unused_api_commit(b));
    p.extend(exposure::api_plan(b));
    p.extend(against_targets(b));
    p.extend(missing_terms(b));
    p
}

/// True for the scenario's only vendor offer, which points call "the
/// vendor's quote".
fn is_the_vendor(b: &Brief<'_>, o: &Offer) -> bool {
    let vendors = b.ev.outcomes.iter().filter(|x| x.offer.by == Party::Vendor);
    o.by == Party::Vendor && vendors.count() == 1
}

/// How a point names an offer: "The vendor's quote" or its name in quotes.
fn subject(b: &Brief<'_>, o: &Offer) -> String {
    if is_the_vendor(b, o) {
        "The vendor's quote".into()
    } else {
        format!("'{}'", o.name)
    }
}

fn reference<'a>(b: &Brief<'a>) -> Option<&'a Outcome> {
    b.ev.outcomes.get(b.ev.reference)
}

/// The counter-offer that saves most against the reference, if any saves.
fn best<'a>(b: &Brief<'a>) -> Option<(usize, &'a Outcome)> {
    b.ev.outcomes
        .iter()
        .enumerate()
        .filter(|(i, o)| *i != b.ev.reference && o.savings > Decimal::ZERO)
        .max_by_key(|(_, o)| o.savings)
}

fn oversized_commits(b: &Brief<'_>) -> Vec<String> {
    b.ev.outcomes
        .iter()
        .filter(|o| o.offer.billing == Billing::Annual)
        .filter_map(|o| oversized(b, o))
        .collect()
}

fn oversized(b: &Brief<'_>, o: &Outcome) -> Option<String> {
    let term = (o.offer.term_months as usize).min(o.months.len());
    let first = &o.months[..term];
    let peak_commit = first.iter().map(|m| m.seats.commit).max()?;
    let peak_demand = first.iter().map(|m| m.seats.tier_demand).max()?;
    let sized = usage_sized(peak_demand, b.s.deal.buffer_pct).ok()?;
    // The same 5 % leeway as the engine's warning: a tidy round number is
    // not an oversized commit.
    if Decimal::from(peak_commit) <= Decimal::from(sized) * Decimal::new(105, 2) {
        return None;
    }
    let cost: Decimal = first
        .iter()
        .map(|m| Decimal::from(m.seats.commit.saturating_sub(sized)) * m.seats.price)
        .sum();
    let p0 = first.first()?.seats.price;
    let rising = if first.iter().any(|m| m.seats.price != p0) {
        " and rising"
    } else {
        ""
    };
    let head = if is_the_vendor(b, &o.offer) {
        format!("The vendor's {} seats are", format_count(peak_commit))
    } else {
        format!(
            "'{}' commits {} seats,",
            o.offer.name,
            format_count(peak_commit)
        )
    };
    Some(format!(
        "{head} {} above what peak usage needs with a {} % buffer ({}); at {} a seat{rising}, those idle seats cost {} over {} months.",
        format_count(peak_commit - sized),
        plain(b.s.deal.buffer_pct),
        format_count(sized),
        b.cash(p0),
        b.cash(cost),
        term
    ))
}

fn dormant_seats(b: &Brief<'_>) -> Option<String> {
    let t = &b.ev.funnel.total;
    if t.dormant == 0 || t.provisioned == 0 {
        return None;
    }
    let share = percent_of(Decimal::from(t.dormant), Decimal::from(t.provisioned)).ok()?;
    Some(format!(
        "{} of the {} seats provisioned today ({} %) saw no use in the last 30 days; {} people use Claude in most weeks.",
        format_count(t.dormant),
        format_count(t.provisioned),
        plain(share.round_dp(0)),
        format_count(t.wau)
    ))
}

fn best_savings(b: &Brief<'_>) -> Option<String> {
    let (_, o) = best(b)?;
    Some(format!(
        "'{}' costs {} over {} months: {} ({} %) less than '{}'.",
        o.offer.name,
        b.cash(o.total),
        b.ev.horizon,
        b.cash(o.savings),
        two_places(o.savings_pct),
        b.reference_name()
    ))
}

fn break_even(b: &Brief<'_>) -> Option<String> {
    let (i, o) = best(b)?;
    let e = b.break_evens.iter().find(|e| e.counter == i)?;
    match &e.result {
        Ok(r) if r.value < r.current_value && !r.current_value.is_zero() => {
            let cut = percent_of(r.current_value - r.value, r.current_value).ok()?;
            Some(format!(
                "'{}' costs no more than '{}' only at {} a seat, {} % below the {} quoted, with everything else as it stands.",
                b.reference_name(),
                o.offer.name,
                b.cash(r.value),
                two_places(cut),
                b.cash(r.current_value)
            ))
        }
        Err(SeekError::NoSolution(n)) => Some(format!(
            "Even at {} a seat, '{}' would cost {}, more than '{}' at {}: the gap is in its structure (seats, term, clauses, API), not its seat price.",
            b.cash(Decimal::ZERO),
            b.reference_name(),
            b.cash(n.lowest_total),
            o.offer.name,
            b.cash(o.total)
        )),
        _ => None,
    }
}

fn largest_driver(b: &Brief<'_>) -> Option<String> {
    let (i, _) = best(b)?;
    let w = b.power.as_ref().ok()?.walk(i)?;
    let st = w
        .steps
        .iter()
        .filter(|s| s.changed && !s.effect.is_zero())
        .max_by_key(|s| s.effect.abs())?;
    let verb = if st.effect < Decimal::ZERO {
        "saves"
    } else {
        "adds"
    };
    let diff = w.end - w.start;
    let share = if st.effect == diff {
        format!(
            "which accounts for the whole {} difference",
            b.cash(diff.abs())
        )
    } else {
        format!(
            "which {verb} {} of the {} difference",
            b.cash(st.effect.abs()),
            b.cash(diff.abs())
        )
    };
    Some(format!(
        "The biggest single driver from '{}' to '{}' is the {} ({} → {}), {share}.",
        w.from,
        w.to,
        st.group.label().to_lowercase(),
        st.from,
        st.to,
    ))
}

fn uncapped_uplift(b: &Brief<'_>) -> Vec<String> {
    b.ev.outcomes
        .iter()
        .filter(|o| o.offer.uplift_pct > Decimal::ZERO && o.offer.uplift_cap_pct.is_none())
        .filter_map(|o| {
            let (first, last) = (o.years.first()?, o.years.last()?);
            (last.price > first.price).then(|| {
                format!(
                    "{} carries an uncapped {} % uplift: the seat price climbs from {} in year 1 to {} in year {}.",
                    subject(b, &o.offer),
                    plain(o.offer.uplift_pct),
                    b.cash(first.price),
                    b.cash(last.price),
                    last.year
                )
            })
        })
        .collect()
}

fn against_targets(b: &Brief<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let deal = &b.s.deal;
    if let (Some(wa), Some(r)) = (deal.walk_away_total, reference(b))
        && r.total > wa
    {
        out.push(format!(
            "'{}' at {} is {} above our walk-away total of {}.",
            r.offer.name,
            b.cash(r.total),
            b.cash(r.total - wa),
            b.cash(wa)
        ));
    }
    let cheapest = b.ev.outcomes.iter().min_by_key(|o| o.total);
    if let (Some(t), Some(c)) = (deal.target_total, cheapest) {
        out.push(if c.total <= t {
            format!(
                "'{}' at {} is {} under our target of {}.",
                c.offer.name,
                b.cash(c.total),
                b.cash(t - c.total),
                b.cash(t)
            )
        } else {
            format!(
                "Even the cheapest offer, '{}' at {}, is {} above our target of {}.",
                c.offer.name,
                b.cash(c.total),
                b.cash(c.total - t),
                b.cash(t)
            )
        });
    }
    out
}

/// The reference's missing terms, grouped by who requires them.
fn missing_terms(b: &Brief<'_>) -> Option<String> {
    let r = reference(b)?;
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for t in &r.missing_terms {
        let mut by: Vec<&str> = Vec::new();
        if b.s.deal.requires.contains(t) {
            by.push("the deal");
        }
        by.extend(
            b.s.regions
                .iter()
                .filter(|g| g.requires.contains(t))
                .map(|g| g.name.as_str()),
        );
        let by = by.join(" and ");
        match groups.iter_mut().find(|(k, _)| *k == by) {
            Some((_, terms)) => terms.push(t),
            None => groups.push((by, vec![t])),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(by, terms)| format!("{} (required by {by})", terms.join(", ")))
        .collect();
    (!parts.is_empty()).then(|| format!("{} lacks {}.", subject(b, &r.offer), parts.join("; ")))
}
