//! Warnings a careful negotiator wants raised about an offer: clauses that
//! cost money quietly (uncapped uplift, ratchet, expensive true-up), commits
//! that overshoot usage, and figures that rest on assumptions (a non-USD deal
//! priced from the built-in USD book).

use rust_decimal::Decimal;

use super::Outcome;
use super::seats::usage_sized;
use crate::money::{Overflow, format_count, format_money, plain};
use crate::scenario::{Billing, Scenario, SeatPlan};

/// Every warning about `out`, in a stable order.
pub fn of(s: &Scenario, out: &Outcome) -> Result<Vec<String>, Overflow> {
    let o = &out.offer;
    let mut w = Vec::new();
    let cur = &s.deal.currency;
    if o.billing == Billing::Annual {
        commit_vs_usage(s, out, &mut w)?;
    }
    if o.uplift_pct > Decimal::ZERO && o.uplift_cap_pct.is_none() && o.term_months > 12 {
        w.push(format!(
            "uncapped uplift: the price rises {} % at every anniversary with no `uplift_cap_pct`",
            plain(o.uplift_pct)
        ));
    }
    if s.deal.renewal_uplift_pct > Decimal::ZERO
        && o.renewal_cap_pct.is_none()
        && o.term_months < out.months.len() as u32
    {
        w.push(format!(
            "uncapped renewal: the price rises {} % at renewal with no `renewal_cap_pct`",
            plain(s.deal.renewal_uplift_pct)
        ));
    }
    if o.true_up_ratchet && o.billing == Billing::Annual {
        w.push("ratchet on: seats added by a true-up become the floor for the rest of the term, so a temporary spike is paid until renewal".into());
    }
    if o.true_up_rate_pct > Decimal::ONE_HUNDRED {
        w.push(format!(
            "true-up above the contract rate: added seats cost {} % of the seat price",
            plain(o.true_up_rate_pct)
        ));
    }
    if let Some(tier) = s.pricebook.tier(&o.tier) {
        let lowest = match &o.seats {
            Some(SeatPlan::Fixed(n)) => Some(*n),
            Some(SeatPlan::Ramp(steps)) => steps.iter().map(|s| s.seats).min(),
            None => None,
        };
        if let (Billing::Annual, Some(n)) = (o.billing, lowest)
            && n < tier.min_seats
        {
            w.push(format!(
                "seats under the tier minimum: {} seats committed, the {} tier's minimum is {}",
                format_count(n),
                o.tier,
                format_count(tier.min_seats)
            ));
        }
    }
    if out.api_unused_commit > Decimal::ZERO {
        w.push(format!(
            "API commit above expected use: {cur} {} of commit goes unused over the horizon",
            format_money(out.api_unused_commit)
        ));
    }
    if out.unserved_seat_months > 0 {
        w.push(format!(
            "unserved demand: {} seat-months of demand fall beyond the commit and are not billed or served",
            format_count(out.unserved_seat_months)
        ));
    }
    // A ramp step the first term never reaches: the horizon ends first, or
    // the renewal re-sizes the commit to usage before it.
    if let (Billing::Annual, Some(SeatPlan::Ramp(steps))) = (o.billing, &o.seats) {
        let reach = o.term_months.min(out.months.len() as u32);
        for step in steps.iter().filter(|st| st.month >= reach) {
            w.push(format!(
                "seat-ramp step never applies: {} seats from month {} come after {}",
                format_count(step.seats),
                step.month,
                if o.term_months < out.months.len() as u32 {
                    format!(
                        "the {}-month term (the renewal re-sizes the commit)",
                        o.term_months
                    )
                } else {
                    format!("the {}-month horizon", out.months.len())
                }
            ));
        }
    }
    if o.api_commit.is_zero() && o.api_discount_pct > Decimal::ZERO && !s.workloads.is_empty() {
        w.push("API discount without a commit: the discount applies only under an `api_commit`, so API use is priced at list".into());
    }
    // A region's own quote that differs from the central rate converted is
    // flagged either way: above, it costs more; below, it is a lever to
    // claim for the whole footprint.
    for q in out
        .regional_quotes
        .iter()
        .filter(|q| !q.difference.is_zero())
    {
        let (side, more, sign) = if q.difference > Decimal::ZERO {
            ("above", "more", "+")
        } else {
            ("below", "less", "−")
        };
        w.push(format!(
            "regional price {side} the central rate in {}: quoted {} {} a seat-month, the central rate converted is {} {} ({} {more}, {sign}{} %)",
            q.region,
            q.currency,
            format_money(q.quoted),
            q.currency,
            format_money(q.central),
            format_money(q.difference.abs()),
            crate::money::two_places(q.difference_pct.abs())
        ));
    }
    long_context_without_window(s, out, &mut w);
    residency_runs_global(s, out, &mut w)?;
    builtin_in_other_currency(s, out, &mut w);
    Ok(w)
}

/// A region requires US data residency while workloads that could run
/// US-only run global. Silent where no routed model sells US-only
/// inference (the 2026-02-15 edition sells none), so older files warn as
/// they did.
fn residency_runs_global(s: &Scenario, out: &Outcome, w: &mut Vec<String>) -> Result<(), Overflow> {
    let regions = super::residency::requiring(s);
    if regions.is_empty() {
        return Ok(());
    }
    let us = super::residency::us_only(s, &out.offer.api, out.months.len() as u32)?;
    if us.global.is_empty() {
        return Ok(());
    }
    w.push(format!(
        "US residency required by {} but workload{} {} run{} global: `inference_geo = \"us\"` keeps inference in the US for {} more at list over the horizon",
        regions.join(", "),
        if us.global.len() == 1 { "" } else { "s" },
        us.global.join(", "),
        if us.global.len() == 1 { "s" } else { "" },
        format_money(us.extra)
    ));
    Ok(())
}

/// A long-context share (§8) routed to a model the price book gives no
/// long-context prices: the plan assumes long prompts on a model that may
/// not take them, and prices them at its ordinary rates.
fn long_context_without_window(s: &Scenario, out: &Outcome, w: &mut Vec<String>) {
    let mut models: Vec<String> = Vec::new();
    for wl in &s.workloads {
        if out.offer.api.shares_for(wl).1.is_zero() {
            continue;
        }
        for (id, share) in out.offer.api.for_workload(wl).0 {
            let without = s
                .pricebook
                .model(&id)
                .is_some_and(|m| m.long_context.is_none());
            if without && !share.is_zero() && !models.contains(&id) {
                models.push(id);
            }
        }
    }
    if !models.is_empty() {
        w.push(format!(
            "long context on a model without long-context prices: {} {} no `long_context` prices in the price book, so the plan's long-context share is priced at ordinary rates there; check the model takes prompts over 200k tokens",
            models.join(", "),
            if models.len() == 1 { "has" } else { "have" }
        ));
    }
}

fn commit_vs_usage(s: &Scenario, out: &Outcome, w: &mut Vec<String>) -> Result<(), Overflow> {
    let term = (out.offer.term_months as usize).min(out.months.len());
    let first_term = &out.months[..term];
    let peak_commit = first_term.iter().map(|m| m.seats.commit).max().unwrap_or(0);
    let peak_demand = first_term
        .iter()
        .map(|m| m.seats.tier_demand)
        .max()
        .unwrap_or(0);
    let sized = usage_sized(peak_demand, s.deal.buffer_pct)?;
    // "Far": more than 5 % beyond the buffered peak, so a commit rounded up
    // to a tidy number is not flagged.
    let far = Decimal::from(sized) * Decimal::new(105, 2);
    if Decimal::from(peak_commit) > far {
        w.push(format!(
            "commit far above the working population: {} seats committed, but peak planned demand is {} weekly active, {} with the {} % buffer; {} seats would sit idle even at peak",
            format_count(peak_commit),
            format_count(peak_demand),
            format_count(sized),
            plain(s.deal.buffer_pct),
            format_count(peak_commit - sized)
        ));
    }
    Ok(())
}

fn builtin_in_other_currency(s: &Scenario, out: &Outcome, w: &mut Vec<String>) {
    if s.deal.currency == "USD" {
        return;
    }
    let o = &out.offer;
    let book = &s.pricebook;
    let mut used = Vec::new();
    if o.seat_price_is_list && !book.is_overridden(&format!("tier.{}.seat_price", o.tier)) {
        used.push(format!("the {} seat price", o.tier));
    }
    if o.team_seats > 0 && !book.is_overridden("tier.team.seat_price") {
        used.push("the Team seat price".into());
    }
    let mut models: Vec<String> = Vec::new();
    if !s.workloads.is_empty() {
        models.push("opus".into());
    }
    for wl in &s.workloads {
        for (id, _) in o.api.for_workload(wl).0 {
            if !models.contains(&id) {
                models.push(id);
            }
        }
    }
    for m in models {
        if !book.is_overridden(&format!("model.{m}.input"))
            || !book.is_overridden(&format!("model.{m}.output"))
        {
            used.push(format!("{m} API prices"));
        }
    }
    if !used.is_empty() {
        w.push(format!(
            "built-in USD prices in a {} deal: {} come from the built-in USD price book and are read as {}; set them in [pricebook]",
            s.deal.currency,
            used.join(", "),
            s.deal.currency
        ));
    }
}
