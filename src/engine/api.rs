//! The API side (SPEC.md §3, API): workload volumes growing month by month,
//! priced under an offer's plan (routing, caching, batch) and against the
//! all-Opus baseline, and the annual API commit with its discount.

use rust_decimal::Decimal;

use crate::money::{Exact, Overflow, pct, round_cents};
use crate::pricebook::PriceBook;
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
    let unit = unit_cost(book, w, route, cache_hit, batch)?;
    Ok(round_cents(unit.mul_x(factor, "API cost")?))
}

/// Price of a workload at today's volume, unrounded. Every term of the cost
/// is proportional to volume, so month m costs this × (1 + g)^m, rounded.
fn unit_cost(
    book: &PriceBook,
    w: &Workload,
    route: &[(String, Decimal)],
    cache_hit: Decimal,
    batch: Decimal,
) -> Result<Decimal, Overflow> {
    let input = w.input_mtok;
    let output = w.output_mtok;
    let (plain, writes, reads) = if cache_hit > Decimal::ZERO {
        let cached = w.cacheable.mul_x(input, "cacheable input")?;
        (
            input.sub_x(cached, "plain input")?,
            (Decimal::ONE - cache_hit).mul_x(cached, "cache writes")?,
            cache_hit.mul_x(cached, "cache reads")?,
        )
    } else {
        (input, Decimal::ZERO, Decimal::ZERO)
    };
    let mut cost = Decimal::ZERO;
    for (id, share) in route {
        let Some(m) = book.model(id) else { continue };
        let per_model = plain
            .mul_x(m.input, "API cost")?
            .add_x(writes.mul_x(book.cache_write(m), "API cost")?, "API cost")?
            .add_x(reads.mul_x(book.cache_read(m), "API cost")?, "API cost")?
            .add_x(output.mul_x(m.output, "API cost")?, "API cost")?;
        cost = cost.add_x(share.mul_x(per_model, "API cost")?, "API cost")?;
    }
    let batch_factor = Decimal::ONE - batch.mul_x(pct(book.batch_discount_pct), "batch share")?;
    cost.mul_x(batch_factor, "API cost")
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
        let (route, hit, batch) = plan.for_workload(w);
        let unit = unit_cost(book, w, &route, hit, batch)?;
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
        let unit = unit_cost(book, w, &opus, Decimal::ZERO, Decimal::ZERO)?;
        for (slot, f) in out.iter_mut().zip(fs) {
            *slot = slot.add_x(round_cents(unit.mul_x(*f, "API cost")?), "API baseline")?;
        }
    }
    Ok(out)
}

/// What one contract year of API use costs under the commit.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiYear {
    /// The plan at list price.
    pub list: Decimal,
    /// What is paid: the commit or the discounted use, whichever is more.
    pub paid: Decimal,
    /// Commit paid beyond the discounted use.
    pub unused: Decimal,
}

/// The year's API bill from its list cost and month count (SPEC.md §3).
pub fn api_year(
    list: Decimal,
    months: u32,
    commit: Decimal,
    discount_pct: Decimal,
) -> Result<ApiYear, Overflow> {
    if commit <= Decimal::ZERO {
        return Ok(ApiYear {
            list,
            paid: list,
            unused: Decimal::ZERO,
        });
    }
    let commit_y = if months >= 12 {
        commit
    } else {
        round_cents(commit.mul_x(Decimal::from(months), "a part-year commit")? / Decimal::from(12))
    };
    let used = round_cents(list.mul_x(Decimal::ONE - pct(discount_pct), "discounted API use")?);
    let paid = commit_y.max(used);
    Ok(ApiYear {
        list,
        paid,
        unused: paid - used,
    })
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
    fn commit_pays_at_least_the_commit() {
        let y = api_year(d("100000"), 12, d("120000"), d("10")).unwrap();
        assert_eq!((y.paid, y.unused), (d("120000"), d("30000")));
        let part = api_year(d("100000"), 6, d("120000"), d("10")).unwrap();
        assert_eq!((part.paid, part.unused), (d("90000"), d("0")));
        let none = api_year(d("100000"), 12, Decimal::ZERO, d("10")).unwrap();
        assert_eq!(none.paid, d("100000"));
    }
}
