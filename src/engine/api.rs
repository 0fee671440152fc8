//! The API side (SPEC.md §3, API): workload volumes growing month by month,
//! priced under an offer's plan (routing, caching, batch) and against the
//! all-Opus baseline, and the annual API commit with its discount
//! (`api/commit.rs`).

use rust_decimal::Decimal;

mod commit;

pub use commit::{ApiYear, api_year, discounted_use};

use crate::money::{Exact, Overflow, pct, round_cents};
use crate::pricebook::{Model, PriceBook, Prices};
use crate::scenario::{ApiPlan, Workload};

/// The model every workload runs on in the baseline.
pub const BASELINE_MODEL: &str = "opus";

/// Monthly volume factors (1 + g/100)^m for m in 0..horizon.
pub fn growth_factors(w: &Workload, horizon: u32) -> Result<Vec<Decimal>, Overflow> {
    let step = Decimal::ONE + pct(w.growth_pct);
    let mut f = Decimal::ONE;
    let mut out = Vec::with_capacity(horizon as usize);
    for m in 0..horizon {
        if m > 0 {
            f = f.mul_x(step, "workload growth")?;
        }
        out.push(f);
    }
    Ok(out)
}

/// Price of one workload-month at the given volumes under a plan, rounded to
/// cents.
#[cfg(test)]
fn month_cost(
    book: &PriceBook,
    w: &Workload,
    factor: Decimal,
    route: &[(String, Decimal)],
    cache_hit: Decimal,
    batch: Decimal,
) -> Result<Decimal, Overflow> {
    let mix = Mix {
        route,
        cache_hit,
        batch,
        cache_1h: w.cache_1h,
        long_context: w.long_context,
        geo_us: w.inference_geo_us,
    };
    let unit = unit_cost(book, w, &mix)?;
    Ok(round_cents(unit.mul_x(factor, "API cost")?))
}

/// The plan one workload runs under: route, cache hit and batch (§3), the
/// one-hour share of cache writes and the long-context share (§8).
#[derive(Debug, Clone, PartialEq)]
pub struct Mix<'r> {
    pub route: &'r [(String, Decimal)],
    pub cache_hit: Decimal,
    pub batch: Decimal,
    pub cache_1h: Decimal,
    pub long_context: Decimal,
    /// Share of volume run with `inference_geo = "us"` (1 or 0 as written,
    /// or the share an Admin usage report measured).
    pub geo_us: Decimal,
}

/// Price of a workload at today's volume, unrounded. Every term of the cost
/// is proportional to volume, so month m costs this × (1 + g)^m, rounded
/// to cents once (the caller's `round_cents`).
///
/// This is the one place the §3/§8 formula lives (a faster engine mirrors
/// it operation for operation):
///
/// * `ordinary = mix_cost(ordinary prices)`; when `long_context` is 0 the
///   unit is `ordinary`, exactly;
/// * else `long = mix_cost(long-context prices)` and the unit is
///   `ordinary × (1 − long_context) + long × long_context`.
fn unit_cost(book: &PriceBook, w: &Workload, mix: &Mix<'_>) -> Result<Decimal, Overflow> {
    let ordinary = mix_cost(book, w, mix, PriceBook::ordinary_prices, true)?;
    if mix.long_context == Decimal::ZERO {
        return Ok(ordinary);
    }
    let long = mix_cost(book, w, mix, PriceBook::long_context_prices, false)?;
    ordinary
        .mul_x(Decimal::ONE - mix.long_context, "API cost")?
        .add_x(long.mul_x(mix.long_context, "API cost")?, "API cost")
}

/// The §3 cost of a workload at today's volume with every model priced by
/// `prices`, batch discount included:
///
/// * `cached = cacheable × input`; when `cache_hit > 0`: `plain = input −
///   cached`, `writes = (1 − cache_hit) × cached`, `reads = cache_hit ×
///   cached`; else `plain = input`, no writes or reads;
/// * per model: `plain × P_in + W + reads × P_r + output × P_out`, added
///   left to right, where `W = writes × P_w` when `cache_1h` is 0, else
///   `((1 − cache_1h) × writes) × P_w + (cache_1h × writes) × P_w1h`;
///   with a US-only share `u > 0`, `× (1 + u × (M_us − 1))`;
/// * `cost = Σ share × per_model` in route order over the models without
///   batch prices of their own, then `× (1 − batch × batch_discount_pct /
///   100)`; a model with its own batch prices adds `share × ((1 − batch) ×
///   per_model + batch × per_model at its batch prices)` after that.
///
/// A book without per-model batch prices or US-only shares gives exactly
/// §3's figures, operation for operation.
fn mix_cost(
    book: &PriceBook,
    w: &Workload,
    mix: &Mix<'_>,
    prices: fn(&PriceBook, &Model) -> Prices,
    ordinary: bool,
) -> Result<Decimal, Overflow> {
    let input = w.input_mtok;
    let output = w.output_mtok;
    let (plain, writes, reads) = if mix.cache_hit > Decimal::ZERO {
        let cached = w.cacheable.mul_x(input, "cacheable input")?;
        (
            input.sub_x(cached, "plain input")?,
            (Decimal::ONE - mix.cache_hit).mul_x(cached, "cache writes")?,
            mix.cache_hit.mul_x(cached, "cache reads")?,
        )
    } else {
        (input, Decimal::ZERO, Decimal::ZERO)
    };
    let volume = Volume {
        plain,
        writes,
        reads,
        output,
    };
    let mut cost = Decimal::ZERO;
    let mut own_batch = Decimal::ZERO;
    for (id, share) in mix.route {
        let Some(m) = book.model(id) else { continue };
        let p = prices(book, m);
        let per_model = model_cost(&volume, &p, mix, m)?;
        match book.batch_prices(m, &p, ordinary) {
            None => cost = cost.add_x(share.mul_x(per_model, "API cost")?, "API cost")?,
            Some(bp) => {
                let batched = model_cost(&volume, &bp, mix, m)?;
                let blended = (Decimal::ONE - mix.batch)
                    .mul_x(per_model, "API cost")?
                    .add_x(mix.batch.mul_x(batched, "API cost")?, "API cost")?;
                own_batch = own_batch.add_x(share.mul_x(blended, "API cost")?, "API cost")?;
            }
        }
    }
    let batch_factor = Decimal::ONE
        - mix
            .batch
            .mul_x(pct(book.batch_discount_pct), "batch share")?;
    let cost = cost.mul_x(batch_factor, "API cost")?;
    if own_batch == Decimal::ZERO {
        return Ok(cost);
    }
    cost.add_x(own_batch, "API cost")
}

/// A workload's volumes at today's level, split as §3 prices them.
struct Volume {
    plain: Decimal,
    writes: Decimal,
    reads: Decimal,
    output: Decimal,
}

/// One model's cost of `v` at prices `p`, US-only share included.
fn model_cost(v: &Volume, p: &Prices, mix: &Mix<'_>, m: &Model) -> Result<Decimal, Overflow> {
    let write_cost = if mix.cache_1h == Decimal::ZERO {
        v.writes.mul_x(p.cache_write, "API cost")?
    } else {
        let short = (Decimal::ONE - mix.cache_1h).mul_x(v.writes, "cache writes")?;
        let long = mix.cache_1h.mul_x(v.writes, "cache writes")?;
        short
            .mul_x(p.cache_write, "API cost")?
            .add_x(long.mul_x(p.cache_write_1h, "API cost")?, "API cost")?
    };
    let cost = v
        .plain
        .mul_x(p.input, "API cost")?
        .add_x(write_cost, "API cost")?
        .add_x(v.reads.mul_x(p.cache_read, "API cost")?, "API cost")?
        .add_x(v.output.mul_x(p.output, "API cost")?, "API cost")?;
    if mix.geo_us == Decimal::ZERO {
        return Ok(cost);
    }
    let uplift = m.inference_geo_us.unwrap_or(Decimal::ONE) - Decimal::ONE;
    let factor = Decimal::ONE + mix.geo_us.mul_x(uplift, "US-only inference")?;
    cost.mul_x(factor, "API cost")
}

/// Today's unrounded cost of one workload under an offer's plan (SPEC.md
/// §3, §8): what the API panel shows per workload.
pub fn workload_unit_cost(
    book: &PriceBook,
    w: &Workload,
    plan: &ApiPlan,
) -> Result<Decimal, Overflow> {
    let (route, cache_hit, batch) = plan.for_workload(w);
    let (cache_1h, long_context) = plan.shares_for(w);
    let mix = Mix {
        route: &route,
        cache_hit,
        batch,
        cache_1h,
        long_context,
        geo_us: plan.geo_us_for(w),
    };
    unit_cost(book, w, &mix)
}

/// Per month, summed over workloads: the plan at list price.
pub fn api_months(
    book: &PriceBook,
    workloads: &[Workload],
    plan: &ApiPlan,
    factors: &[Vec<Decimal>],
    horizon: u32,
) -> Result<Vec<Decimal>, Overflow> {
    let mut out = vec![Decimal::ZERO; horizon as usize];
    for (w, fs) in workloads.iter().zip(factors) {
        let unit = workload_unit_cost(book, w, plan)?;
        for (slot, f) in out.iter_mut().zip(fs) {
            *slot = slot.add_x(round_cents(unit.mul_x(*f, "API cost")?), "API list")?;
        }
    }
    Ok(out)
}

/// Per month, summed over workloads: every workload on Opus, no caching, no
/// batch (the same for every offer).
pub fn baseline_months(
    book: &PriceBook,
    workloads: &[Workload],
    factors: &[Vec<Decimal>],
    horizon: u32,
) -> Result<Vec<Decimal>, Overflow> {
    let opus = vec![(BASELINE_MODEL.to_string(), Decimal::ONE)];
    let mut out = vec![Decimal::ZERO; horizon as usize];
    for (w, fs) in workloads.iter().zip(factors) {
        let mix = Mix {
            route: &opus,
            cache_hit: Decimal::ZERO,
            batch: Decimal::ZERO,
            cache_1h: Decimal::ZERO,
            long_context: w.long_context,
            geo_us: Decimal::ZERO,
        };
        let unit = unit_cost(book, w, &mix)?;
        for (slot, f) in out.iter_mut().zip(fs) {
            *slot = slot.add_x(round_cents(unit.mul_x(*f, "API cost")?), "API baseline")?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn workload(input: &str, output: &str, cacheable: &str) -> Workload {
        Workload {
            name: "w".into(),
            input_mtok: d(input),
            output_mtok: d(output),
            cacheable: d(cacheable),
            growth_pct: Decimal::ZERO,
            route: vec![("opus".into(), Decimal::ONE)],
            cache_hit: Decimal::ZERO,
            batch: Decimal::ZERO,
            cache_1h: Decimal::ZERO,
            long_context: Decimal::ZERO,
            inference_geo_us: Decimal::ZERO,
            usage_source: None,
            usage_as_of: None,
            uncertainty_pct: None,
        }
    }

    #[test]
    fn all_opus_is_input_and_output_at_list() {
        // 100 Mtok in × $5 + 10 Mtok out × $25 = 750.
        let book = PriceBook::builtin();
        let w = workload("100", "10", "0.5");
        let c = month_cost(
            &book,
            &w,
            Decimal::ONE,
            &w.route,
            Decimal::ZERO,
            Decimal::ZERO,
        )
        .unwrap();
        assert_eq!(c, d("750"));
    }

    #[test]
    fn caching_and_batch_on_sonnet() {
        // 100 in, cacheable 0.5, hit 0.8 on Sonnet ($3 in, $15 out):
        // plain 50 × 3 = 150; writes 10 × 3.75 = 37.5; reads 40 × 0.30 = 12;
        // output 10 × 15 = 150; sum 349.5; batch 0.2 at 50 % → × 0.9 = 314.55.
        let book = PriceBook::builtin();
        let w = workload("100", "10", "0.5");
        let route = vec![("sonnet".into(), Decimal::ONE)];
        let c = month_cost(&book, &w, Decimal::ONE, &route, d("0.8"), d("0.2")).unwrap();
        assert_eq!(c, d("314.55"));
    }

    #[test]
    fn one_hour_writes_take_their_own_price() {
        // As above with cache_1h 0.25: writes 10 split 7.5 × 3.75 = 28.125
        // and 2.5 × 6 (2 × input) = 15; sum 355.125 × 0.9 = 319.6125.
        let book = PriceBook::builtin();
        let mut w = workload("100", "10", "0.5");
        w.cache_1h = d("0.25");
        let route = vec![("sonnet".into(), Decimal::ONE)];
        let c = month_cost(&book, &w, Decimal::ONE, &route, d("0.8"), d("0.2")).unwrap();
        assert_eq!(c, d("319.61"));
    }

    #[test]
    fn long_context_weights_the_two_price_sets_and_rounds_once() {
        // Sonnet over 200k: 6 in, 22.5 out, writes 7.5 / 12 (1 h), reads 0.6.
        // Long: 50 × 6 + (7.5 × 7.5 + 2.5 × 12) + 40 × 0.6 + 10 × 22.5
        // = 635.25, × 0.9 = 571.725. Unit = 319.6125 × 0.9 + 571.725 × 0.1
        // = 344.82375; month 1 at 3 % growth: 355.1684625 → 355.17.
        let book = PriceBook::builtin();
        let mut w = workload("100", "10", "0.5");
        w.cache_1h = d("0.25");
        w.long_context = d("0.1");
        let route = vec![("sonnet".into(), Decimal::ONE)];
        let mix = Mix {
            route: &route,
            cache_hit: d("0.8"),
            batch: d("0.2"),
            cache_1h: w.cache_1h,
            long_context: w.long_context,
            geo_us: Decimal::ZERO,
        };
        assert_eq!(unit_cost(&book, &w, &mix).unwrap(), d("344.82375"));
        let c = month_cost(&book, &w, d("1.03"), &route, d("0.8"), d("0.2")).unwrap();
        assert_eq!(c, d("355.17"));
    }

    #[test]
    fn a_model_without_long_context_prices_costs_the_same_at_any_share() {
        let book = PriceBook::builtin();
        let mut w = workload("100", "10", "0.5");
        let route = vec![("haiku".into(), Decimal::ONE)];
        let plain = month_cost(&book, &w, Decimal::ONE, &route, d("0.8"), d("0.2")).unwrap();
        w.long_context = d("0.6");
        let long = month_cost(&book, &w, Decimal::ONE, &route, d("0.8"), d("0.2")).unwrap();
        assert_eq!(plain, long);
    }

    #[test]
    fn commit_pays_at_least_the_commit() {
        let y = api_year(d("100000"), 12, d("120000"), d("10")).unwrap();
        assert_eq!((y.paid, y.unused), (d("120000"), d("30000")));
        let part = api_year(d("100000"), 6, d("120000"), d("10")).unwrap();
        assert_eq!((part.paid, part.unused), (d("90000"), d("0")));
        let none = api_year(d("100000"), 12, Decimal::ZERO, d("10")).unwrap();
        assert_eq!(none.paid, d("100000"));
    }
}
