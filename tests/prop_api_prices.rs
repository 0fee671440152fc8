//! Properties of the §8 API unit cost (engine::api::workload_unit_cost):
//! * with cache_1h = 0 and long_context = 0 it is exactly the §3 formula,
//!   written out here independently;
//! * at long_context = 1 it is the §3 formula at the long-context prices;
//!   in between it is the exact weighted mix of the two;
//! * cache_1h = 1 prices every write at the one-hour price.

use dealbench::engine::api::workload_unit_cost;
use dealbench::pricebook::{PriceBook, Prices};
use dealbench::scenario::{ApiPlan, Workload};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn share() -> impl Strategy<Value = Decimal> {
    (0u32..=10_000).prop_map(|n| Decimal::new(n.into(), 4))
}

fn volume() -> impl Strategy<Value = Decimal> {
    (0u64..=10_000_000).prop_map(|n| Decimal::new(n as i64, 3))
}

type Case = (Decimal, Decimal, Decimal, Decimal, Decimal, Decimal);

fn workload(v: Case) -> Workload {
    let (input, output, cacheable, hit, batch, opus) = v;
    Workload {
        name: "w".into(),
        input_mtok: input,
        output_mtok: output,
        cacheable,
        growth_pct: Decimal::ZERO,
        route: if opus == Decimal::ONE {
            vec![("opus".into(), Decimal::ONE)]
        } else {
            vec![
                ("opus".into(), opus),
                ("sonnet".into(), Decimal::ONE - opus),
            ]
        },
        cache_hit: hit,
        batch,
        cache_1h: Decimal::ZERO,
        long_context: Decimal::ZERO,
        inference_geo_us: Decimal::ZERO,
        usage_source: None,
        usage_as_of: None,
        uncertainty_pct: None,
    }
}

/// SPEC.md §3 at the prices `p` gives each model, with `one_hour` of the
/// writes at the one-hour price.
fn spec_cost(
    book: &PriceBook,
    w: &Workload,
    p: impl Fn(&str) -> Prices,
    one_hour: Decimal,
) -> Decimal {
    let cached = w.cacheable * w.input_mtok;
    let (plain, writes, reads) = if w.cache_hit > Decimal::ZERO {
        (
            w.input_mtok - cached,
            (Decimal::ONE - w.cache_hit) * cached,
            w.cache_hit * cached,
        )
    } else {
        (w.input_mtok, Decimal::ZERO, Decimal::ZERO)
    };
    let mut cost = Decimal::ZERO;
    for (id, share) in &w.route {
        let m = p(id);
        let write_cost = if one_hour.is_zero() {
            writes * m.cache_write
        } else {
            (Decimal::ONE - one_hour) * writes * m.cache_write
                + one_hour * writes * m.cache_write_1h
        };
        cost += *share
            * (plain * m.input + write_cost + reads * m.cache_read + w.output_mtok * m.output);
    }
    cost * (Decimal::ONE - w.batch * book.batch_discount_pct / Decimal::ONE_HUNDRED)
}

fn cases() -> impl Strategy<Value = Case> {
    (volume(), volume(), share(), share(), share(), share())
}

proptest! {
    #[test]
    fn zero_shares_are_exactly_section_3(v in cases()) {
        let book = PriceBook::builtin();
        let w = workload(v);
        let ordinary = |id: &str| book.ordinary_prices(book.model(id).unwrap());
        let got = workload_unit_cost(&book, &w, &ApiPlan::default()).unwrap();
        prop_assert_eq!(got, spec_cost(&book, &w, ordinary, Decimal::ZERO));
    }

    #[test]
    fn long_context_is_the_weighted_mix(v in cases(), lc in share(), h in share()) {
        let book = PriceBook::builtin();
        let mut w = workload(v);
        w.cache_1h = h;
        let ordinary = |id: &str| book.ordinary_prices(book.model(id).unwrap());
        let long = |id: &str| book.long_context_prices(book.model(id).unwrap());
        let a = spec_cost(&book, &w, ordinary, h);
        let b = spec_cost(&book, &w, long, h);
        w.long_context = lc;
        let got = workload_unit_cost(&book, &w, &ApiPlan::default()).unwrap();
        let want = if lc.is_zero() { a } else { a * (Decimal::ONE - lc) + b * lc };
        prop_assert_eq!(got.round_dp(12), want.round_dp(12));
        prop_assert!(got >= a.min(b).round_dp(12) - Decimal::new(1, 12));
        prop_assert!(got <= a.max(b).round_dp(12) + Decimal::new(1, 12));
    }

    #[test]
    fn all_one_hour_writes_take_the_one_hour_price(v in cases()) {
        let book = PriceBook::builtin();
        let mut w = workload(v);
        w.cache_1h = Decimal::ONE;
        let one_hour = |id: &str| {
            let mut p = book.ordinary_prices(book.model(id).unwrap());
            p.cache_write = p.cache_write_1h;
            p
        };
        let got = workload_unit_cost(&book, &w, &ApiPlan::default()).unwrap();
        prop_assert_eq!(got, spec_cost(&book, &w, one_hour, Decimal::ZERO));
    }
}
