//! Offers follow the regions and workloads they name: a renamed region id
//! renames its `[offer.regional_price]` entries, a renamed workload its
//! `[offer.api.workload.NAME]` plans; a removed region or workload takes
//! them away (undo brings them back with the row).

use crate::scenario::model::OfferSpec;

/// Region `from` is now `to` (None: removed) in every offer's regional
/// prices.
pub fn region_id(offers: &mut [OfferSpec], from: &str, to: Option<&str>) {
    for o in offers {
        if let Some(prices) = o.regional_price.as_mut() {
            follow(prices, from, to);
        }
    }
}

/// Workload `from` is now `to` (None: removed) in every offer's plans.
pub fn workload_name(offers: &mut [OfferSpec], from: &str, to: Option<&str>) {
    for o in offers {
        if let Some(api) = o.api.as_mut() {
            follow(&mut api.workloads, from, to);
        }
    }
}

fn follow<T>(list: &mut Vec<(String, T)>, from: &str, to: Option<&str>) {
    match to {
        Some(to) => list
            .iter_mut()
            .filter(|(k, _)| k == from)
            .for_each(|(k, _)| *k = to.to_string()),
        None => list.retain(|(k, _)| k != from),
    }
}
