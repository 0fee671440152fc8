//! `based_on` inheritance (SPEC.md §1): every field an offer does not set
//! comes from the offer it is based on, then from the defaults.
//!
//! [`resolve_all`] resolves every offer once, in dependency order: each
//! offer's merged fields are its own over its parent's merged fields, so a
//! file of n offers costs O(n) whatever the depth of its chains (a
//! 3,000-deep chain used to cost O(n³): each offer walked its chain and
//! looked each name up in a list). [`resolve`] and [`chain`] answer for one
//! offer in O(n) (a name index, then the chain).

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::model::*;

/// Why an offer could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// No offer has this name.
    Unknown(String),
    /// `based_on` loops back: the names in the loop, in order.
    Cycle(Vec<String>),
}

/// Every offer name to the index of its first offer (the one `based_on`
/// and [`resolve`] mean when a name is written twice).
pub fn name_index(s: &Scenario) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity(s.offers.len());
    for (i, o) in s.offers.iter().enumerate() {
        index.entry(o.name.as_str()).or_insert(i);
    }
    index
}

/// The chain of specs from `name` up through its `based_on` ancestors.
pub fn chain<'s>(s: &'s Scenario, name: &str) -> Result<Vec<&'s OfferSpec>, ResolveError> {
    let index = name_index(s);
    let mut out: Vec<&OfferSpec> = Vec::new();
    let mut seen: HashSet<usize> = HashSet::new();
    let mut next = Some(name);
    while let Some(n) = next {
        let i = *index
            .get(n)
            .ok_or_else(|| ResolveError::Unknown(n.to_string()))?;
        let spec = &s.offers[i];
        if !seen.insert(i) {
            let mut names: Vec<String> = out.iter().map(|o| o.name.clone()).collect();
            names.push(spec.name.clone());
            return Err(ResolveError::Cycle(names));
        }
        out.push(spec);
        next = spec.based_on.as_deref();
    }
    Ok(out)
}

/// The offer `name` with inheritance resolved and defaults filled.
pub fn resolve(s: &Scenario, name: &str) -> Result<Offer, ResolveError> {
    let chain = chain(s, name)?;
    let mut merged = chain[0].clone();
    for parent in &chain[1..] {
        merged.inherit(parent);
    }
    Ok(finish(s, &merged))
}

/// Offer `of` and every offer based on it, directly or through others, in
/// file order: the offers an edit of `of` re-prices. O(n).
pub fn dependants(s: &Scenario, of: usize) -> Vec<usize> {
    let index = name_index(s);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); s.offers.len()];
    for (i, o) in s.offers.iter().enumerate() {
        if let Some(&p) = o.based_on.as_deref().and_then(|p| index.get(p)) {
            children[p].push(i);
        }
    }
    let mut hit = vec![false; s.offers.len()];
    let mut todo: Vec<usize> = s
        .offers
        .get(of)
        .and_then(|o| index.get(o.name.as_str()))
        .into_iter()
        .copied()
        .collect();
    while let Some(i) = todo.pop() {
        if !std::mem::replace(&mut hit[i], true) {
            todo.extend(&children[i]);
        }
    }
    // A name written twice resolves as its first offer: the later ones
    // follow it.
    for (i, o) in s.offers.iter().enumerate() {
        if let Some(&first) = index.get(o.name.as_str()) {
            hit[i] = hit[i] || hit[first];
        }
    }
    (0..s.offers.len()).filter(|&i| hit[i]).collect()
}

/// Every offer resolved, in file order, and the `based_on` cycles found.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// None for an offer whose chain names an unknown offer or loops; a
    /// name written twice resolves as its first offer, as [`resolve`] does.
    pub offers: Vec<Option<Offer>>,
    /// Each cycle once: the indices of its offers, in `based_on` order.
    pub cycles: Vec<Vec<usize>>,
}

enum Slot {
    New,
    Open,
    Merged(Box<OfferSpec>),
    Failed,
}

/// Resolve every offer of `s` once, parents before children: O(n) merges.
pub fn resolve_all(s: &Scenario) -> Resolution {
    let index = name_index(s);
    let mut slots: Vec<Slot> = s.offers.iter().map(|_| Slot::New).collect();
    let mut cycles = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    for start in 0..s.offers.len() {
        // Walk up until a merged (or failed) ancestor, a root, an unknown
        // name or an offer already on the path (a cycle).
        path.clear();
        let mut at = Some(start);
        let mut failed = false;
        while let Some(i) = at {
            match slots[i] {
                Slot::Merged(_) => break,
                Slot::Failed => {
                    failed = true;
                    break;
                }
                Slot::Open => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    cycles.push(path[from..].to_vec());
                    failed = true;
                    break;
                }
                Slot::New => {}
            }
            slots[i] = Slot::Open;
            path.push(i);
            at = match s.offers[i].based_on.as_deref() {
                None => None,
                Some(p) => match index.get(p) {
                    Some(&j) => Some(j),
                    None => {
                        failed = true;
                        break;
                    }
                },
            };
        }
        // Merge back down the path, the topmost ancestor first.
        let mut parent = if failed { None } else { at };
        for &i in path.iter().rev() {
            slots[i] = match (failed, parent) {
                (true, _) => Slot::Failed,
                (false, None) => Slot::Merged(Box::new(s.offers[i].clone())),
                (false, Some(p)) => match &slots[p] {
                    Slot::Merged(up) => {
                        let mut own = Box::new(s.offers[i].clone());
                        own.inherit(up);
                        Slot::Merged(own)
                    }
                    _ => Slot::Failed,
                },
            };
            parent = Some(i);
        }
    }
    let offers = s
        .offers
        .iter()
        .map(|o| match index.get(o.name.as_str()).map(|&i| &slots[i]) {
            Some(Slot::Merged(m)) => Some(finish(s, m)),
            _ => None,
        })
        .collect();
    Resolution { offers, cycles }
}

/// The resolved offer from merged fields: the defaults fill what no offer
/// of the chain sets.
fn finish(s: &Scenario, m: &OfferSpec) -> Offer {
    let book = &s.pricebook;
    let tier: String = m.tier.clone().unwrap_or_else(|| "enterprise".into());
    let list = book.tier(&tier).map_or(Decimal::ZERO, |t| t.seat_price);
    let team_list = book.tier("team").map_or(Decimal::ZERO, |t| t.seat_price);
    Offer {
        name: m.name.clone(),
        by: m.by.unwrap_or(Party::Us),
        based_on: m.based_on.clone(),
        seats: m.seats.clone(),
        team_seats: m.team_seats.unwrap_or(0),
        team_price: m.team_price.unwrap_or(team_list),
        seat_price_is_list: m.seat_price.is_none(),
        seat_price: m.seat_price.unwrap_or(list),
        tier,
        billing: m.billing.unwrap_or(Billing::Annual),
        term_months: m.term_months.unwrap_or(12),
        uplift_pct: m.uplift_pct.unwrap_or(Decimal::ZERO),
        uplift_cap_pct: m.uplift_cap_pct,
        renewal_cap_pct: m.renewal_cap_pct,
        true_up: m.true_up.unwrap_or(TrueUp::Monthly),
        true_up_ratchet: m.true_up_ratchet.unwrap_or(false),
        true_up_rate_pct: m.true_up_rate_pct.unwrap_or(Decimal::ONE_HUNDRED),
        true_up_cap_pct: m.true_up_cap_pct,
        downsize_at_anniversary: m.downsize_at_anniversary.unwrap_or(false),
        api_commit: m.api_commit.unwrap_or(Decimal::ZERO),
        api_discount_pct: m.api_discount_pct.unwrap_or(Decimal::ZERO),
        terms: m.terms.clone().unwrap_or_default(),
        api: m.api.clone().unwrap_or_default(),
        regional_price: m.regional_price.clone().unwrap_or_default(),
    }
}
