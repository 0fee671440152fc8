//! A route's shares kept summing to exactly 1 while one is typed: the
//! model set gets the typed share exactly, and the difference is taken
//! from — or given to — the other models, the largest share first (the
//! rule the routing levers follow), so a negotiator who moves 10 % to
//! Haiku sees it come out of the model carrying most of the volume. Models
//! left at 0 drop out of the route.

use rust_decimal::Decimal;

use crate::scenario::model::Route;

/// `route` with model `i` of `models` (the price book's ids, in order) at
/// exactly `target`. A share outside 0 … 1 is left for the loader to
/// refuse: the route is returned with only that share changed.
pub fn set_share(route: &Route, models: &[String], i: usize, target: Decimal) -> Route {
    let mut shares: Vec<Decimal> = models
        .iter()
        .map(|id| {
            route
                .iter()
                .find(|(m, _)| m == id)
                .map_or(Decimal::ZERO, |(_, s)| *s)
        })
        .collect();
    if i >= shares.len() {
        return route.clone();
    }
    let mut rest = target - shares[i];
    shares[i] = target;
    if (Decimal::ZERO..=Decimal::ONE).contains(&target) {
        let mut others: Vec<usize> = (0..shares.len()).filter(|&j| j != i).collect();
        others.sort_by(|&a, &b| shares[b].cmp(&shares[a]).then(a.cmp(&b)));
        for j in others {
            if rest.is_zero() {
                break;
            }
            let take = if rest > Decimal::ZERO {
                rest.min(shares[j])
            } else {
                rest.max(shares[j] - Decimal::ONE)
            };
            shares[j] -= take;
            rest -= take;
        }
    }
    models
        .iter()
        .zip(shares)
        .filter(|(_, s)| !s.is_zero())
        .map(|(m, s)| (m.clone(), s.normalize()))
        .collect()
}

/// [`set_share`] by `delta` from model `i`'s share now, clamped to 0 … 1.
pub fn step_share(route: &Route, models: &[String], i: usize, delta: Decimal) -> Route {
    let now = models
        .get(i)
        .and_then(|id| route.iter().find(|(m, _)| m == id))
        .map_or(Decimal::ZERO, |(_, s)| *s);
    if models.len() < 2 {
        return route.clone();
    }
    set_share(
        route,
        models,
        i,
        (now + delta).clamp(Decimal::ZERO, Decimal::ONE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn models() -> Vec<String> {
        vec!["opus".into(), "sonnet".into(), "haiku".into()]
    }

    #[test]
    fn a_typed_share_comes_from_the_largest_other_and_the_sum_stays_one() {
        let r = vec![("opus".into(), d("0.5")), ("sonnet".into(), d("0.5"))];
        let out = set_share(&r, &models(), 2, d("0.7"));
        let want = |v: &[(&str, &str)]| -> Route {
            v.iter().map(|(m, s)| (m.to_string(), d(s))).collect()
        };
        assert_eq!(out, want(&[("sonnet", "0.3"), ("haiku", "0.7")]));
        let back = set_share(&out, &models(), 2, d("0.25"));
        assert_eq!(back, want(&[("sonnet", "0.75"), ("haiku", "0.25")]));
        let sum: Decimal = back.iter().map(|(_, s)| *s).sum();
        assert_eq!(sum, Decimal::ONE);
    }

    #[test]
    fn a_share_above_one_is_left_for_the_loader_to_refuse() {
        let r = vec![("opus".into(), Decimal::ONE)];
        let out = set_share(&r, &models(), 0, d("1.5"));
        assert_eq!(out, vec![("opus".to_string(), d("1.5"))]);
    }
}
