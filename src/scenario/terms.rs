//! The non-price terms vocabulary (SPEC.md §1): what each known term means
//! for the buyer, which terms an offer's levers imply, and which required
//! terms an offer is missing.

use std::collections::HashSet;

use super::model::{Offer, Scenario};

/// Known terms with a one-line explanation for the negotiator.
pub const KNOWN: &[(&str, &str)] = &[
    ("no_training", "your content is not used to train models"),
    (
        "us_residency",
        "data stored and processed in the United States",
    ),
    (
        "eu_residency",
        "data stored and processed in the European Union",
    ),
    (
        "uk_residency",
        "data stored and processed in the United Kingdom",
    ),
    ("jp_residency", "data stored and processed in Japan"),
    ("au_residency", "data stored and processed in Australia"),
    (
        "retention_control",
        "you set how long conversation data is kept",
    ),
    ("deletion", "data deleted on request and at contract end"),
    ("sso", "single sign-on through your identity provider"),
    ("scim", "automatic user provisioning and de-provisioning"),
    ("rbac", "role-based access control for administrators"),
    ("audit_log", "an audit log of user and admin activity"),
    (
        "price_protection",
        "the annual uplift is held at 3 % or less",
    ),
    (
        "trueup_cap",
        "added seats are capped, or do not ratchet into the floor",
    ),
    (
        "downsize_right",
        "the seat count can be lowered at each anniversary",
    ),
    (
        "same_rate_expansion",
        "added seats cost no more than the contract rate",
    ),
];

/// The explanation of a known term, or None for a free-text term.
pub fn explain(term: &str) -> Option<&'static str> {
    KNOWN.iter().find(|(t, _)| *t == term).map(|(_, e)| *e)
}

/// Terms an offer earns from its levers rather than its `terms` list.
pub fn derived(o: &Offer) -> Vec<&'static str> {
    let mut out = Vec::new();
    if o.effective_uplift_pct() <= rust_decimal::Decimal::from(3) {
        out.push("price_protection");
    }
    if o.true_up_cap_pct.is_some() || !o.true_up_ratchet {
        out.push("trueup_cap");
    }
    if o.downsize_at_anniversary {
        out.push("downsize_right");
    }
    if o.true_up_rate_pct <= rust_decimal::Decimal::ONE_HUNDRED {
        out.push("same_rate_expansion");
    }
    out
}

/// Every term the deal needs: the deal's `requires`, then each region's in
/// file order, without duplicates.
pub fn required(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let all = s
        .deal
        .requires
        .iter()
        .chain(s.regions.iter().flat_map(|r| r.requires.iter()));
    for t in all {
        if seen.insert(t) {
            out.push(t.clone());
        }
    }
    out
}

/// Required terms the offer neither carries nor derives.
pub fn missing(s: &Scenario, o: &Offer) -> Vec<String> {
    missing_of(&required(s), o)
}

/// [`missing`] given the scenario's [`required`] terms, computed once.
pub fn missing_of(required: &[String], o: &Offer) -> Vec<String> {
    let derived = derived(o);
    required
        .iter()
        .filter(|t| !o.terms.contains(t) && !derived.contains(&t.as_str()))
        .cloned()
        .collect()
}
