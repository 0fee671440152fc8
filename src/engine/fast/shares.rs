//! Each region's share of an offer's seat bill (SPEC.md §3: d_r(m) / D(m)
//! of each month, by headcount in a month without demand), summed exactly.
//!
//! A region's bill is T_r = Σ_m cost(m) · w_r(m) / den(m), rounded to cents
//! once. Working one decimal below the cost's own scale makes half a cent a
//! whole number of units, so ⌊T_r⌋ is all that rounding half away from zero
//! needs. Two ways to it, the second deciding whenever the first cannot:
//!
//! * **Per month, without a division per region** ([`Shares::bills`]): each
//!   month's 10 · cost(m) / den(m) is divided once per offer into a whole
//!   part q_m and a remainder, whose fraction is kept in 64-bit fixed point
//!   f_m (rounded down). Then T_r = Σ w q_m + Σ w ρ_m / den(m), the first
//!   sum exact and the second known from Σ w f_m to within Σ_m w_r(m) units
//!   of 2^-64 below; when that band does not reach the next whole, ⌊T_r⌋ is
//!   settled. The converted bill multiplies both sums by the rate's digits.
//! * **Per group, exactly** (`exact_bill`): the months grouped by their
//!   denominator (which does not depend on the offer), one integer numerator
//!   per group; whole parts by exact division, the fractions by a 64-bit
//!   fixed-point sum settled except within 2^-64 · groups of a whole unit —
//!   then an exact rational sum decides.
//!
//! Both divide by [`divisor::Divisor`]s prepared once per scenario.

mod divisor;
mod exact;

use rust_decimal::Decimal;

use self::divisor::Divisor;
use self::exact::{Exact, round_sum};
use super::MANTISSA_MAX;
use crate::engine::Demand;
use crate::scenario::Scenario;

/// The offer-independent part of the regional split: the months grouped by
/// their denominator, each region's weight in each month.
#[derive(Debug, Clone, PartialEq)]
pub struct Shares {
    /// The months that have a denominator, group by group: group g is
    /// `order[starts[g]..starts[g + 1]]`.
    order: Vec<u32>,
    starts: Vec<usize>,
    /// Each group's denominator.
    dens: Vec<Divisor>,
    /// `weights[r · order.len() + k]`: region r's weight in month
    /// `order[k]` — d_r(m) when the month has demand, else the region's
    /// headcount, else one.
    weights: Vec<u64>,
    regions: usize,
    /// Σ_m w_r(m) of each region: how far below the truth its fixed-point
    /// fractions can add up to, in units of 2^-64.
    bands: Vec<u128>,
    /// The largest weight and the longest group, which bound every sum.
    max_weight: u64,
    longest: u64,
}

impl Shares {
    pub fn of(s: &Scenario, demand: &Demand) -> Shares {
        Shares::from_parts(s.regions.iter().map(|r| r.headcount).collect(), demand)
    }

    /// The split of regions with these headcounts and this demand.
    fn from_parts(headcount: Vec<u64>, demand: &Demand) -> Shares {
        let total_heads: u64 = headcount.iter().sum();
        let regions = headcount.len();
        // (denominator, month, weights from demand?) for each month that
        // has a denominator.
        let mut dens: Vec<u64> = Vec::new();
        let mut months: Vec<(usize, u32)> = Vec::new();
        let mut weight_of: Vec<Option<bool>> = Vec::new();
        for (m, &d) in demand.total.iter().enumerate() {
            let (den, from_demand) = if d > 0 {
                (d, Some(true))
            } else if total_heads > 0 {
                (total_heads, Some(false))
            } else {
                (regions as u64, None)
            };
            weight_of.push(from_demand);
            if den == 0 {
                continue;
            }
            let g = dens.iter().position(|&x| x == den).unwrap_or_else(|| {
                dens.push(den);
                dens.len() - 1
            });
            months.push((g, m as u32));
        }
        // Stable: within a group the months stay in calendar order.
        months.sort_by_key(|&(g, _)| g);
        let order: Vec<u32> = months.iter().map(|&(_, m)| m).collect();
        let mut starts = vec![0; dens.len() + 1];
        for &(g, _) in &months {
            starts[g + 1] += 1;
        }
        for g in 0..dens.len() {
            starts[g + 1] += starts[g];
        }
        let longest = (0..dens.len())
            .map(|g| starts[g + 1] - starts[g])
            .max()
            .unwrap_or(0) as u64;
        let mut weights = Vec::with_capacity(regions * order.len());
        for (r, &heads) in headcount.iter().enumerate() {
            weights.extend(order.iter().map(|&m| match weight_of[m as usize] {
                Some(true) => demand.per_region[r][m as usize],
                Some(false) => heads,
                None => 1,
            }));
        }
        let bands = if order.is_empty() {
            vec![0; regions]
        } else {
            weights
                .chunks(order.len())
                .map(|w| w.iter().map(|&x| u128::from(x)).sum())
                .collect()
        };
        Shares {
            bands,
            max_weight: weights.iter().copied().max().unwrap_or(0),
            order,
            starts,
            // Every denominator is nonzero (months without one have none).
            dens: dens.into_iter().filter_map(Divisor::new).collect(),
            weights,
            regions,
            longest,
        }
    }

    /// Each region's bill in cents, in the deal currency and converted at
    /// `fx[r]`: `costs` are the months' seat costs in units of
    /// `10^-scale`. None when a figure leaves the exact range this split
    /// works in — a month's cost past 64 bits, or a sum past 128 bits (the
    /// caller then uses the reference's split).
    pub fn bills(
        &self,
        costs: impl Fn(usize) -> i128,
        scale: u32,
        fx: &[Decimal],
    ) -> Option<Vec<(i128, i128)>> {
        let k = self.order.len();
        let mut cs = Vec::with_capacity(k);
        for &m in &self.order {
            cs.push(u64::try_from(costs(m as usize)).ok()?);
        }
        let mut rates = Vec::with_capacity(self.regions);
        for r in 0..self.regions {
            let rate = fx.get(r).copied().unwrap_or(Decimal::ONE);
            let digits = u128::try_from(rate.mantissa()).ok()?;
            rates.push((rate == Decimal::ONE, digits, rate.scale()));
        }
        let max_rate = rates.iter().map(|r| r.1).max().unwrap_or(1).max(1);
        let bound = Bound::of(self, &cs, max_rate)?;
        let month = self.per_month(&cs, bound.fast);
        let mut exact = Exact::new(self.dens.len());
        let mut out = Vec::with_capacity(self.regions);
        for (r, &(unit_rate, digits, rate_scale)) in rates.iter().enumerate() {
            let weights = &self.weights[r * k..(r + 1) * k];
            let fast = month.as_ref().map(|month| {
                let (mut whole, mut fixed) = (0u128, 0u128);
                for ((&w, &q), &f) in weights.iter().zip(&month.0).zip(&month.1) {
                    whole += u128::from(w) * u128::from(q);
                    fixed += u128::from(w) * u128::from(f);
                }
                (whole, fixed, self.bands[r])
            });
            let own = match fast.and_then(|(w, f, b)| settle(w, f, b, 1)) {
                Some(units) => round_cents(units, scale + 1)?,
                None => self.exact_bill(r, &cs, 1, scale + 1, &mut exact)?,
            };
            let local = if unit_rate {
                // The same sum at the same scale: the same cents.
                own
            } else {
                let at = scale + 1 + rate_scale;
                match fast.and_then(|(w, f, b)| settle(w, f, b, digits)) {
                    Some(units) => round_cents(units, at)?,
                    None => self.exact_bill(r, &cs, digits, at, &mut exact)?,
                }
            };
            out.push((own, local));
        }
        Some(out)
    }

    /// Each month's (q_m, f_m) in `order`: 10 · cost / den as a whole
    /// part and a 64-bit fixed-point fraction rounded down. None when the
    /// bound says the fast sums could overflow.
    fn per_month(&self, cs: &[u64], fast: bool) -> Option<(Vec<u64>, Vec<u64>)> {
        if !fast {
            return None;
        }
        let mut qs = Vec::with_capacity(cs.len());
        let mut fs = Vec::with_capacity(cs.len());
        for (g, d) in self.dens.iter().enumerate() {
            for &c in &cs[self.starts[g]..self.starts[g + 1]] {
                let (q, r) = d.div_rem(u128::from(c) * 10);
                qs.push(u64::try_from(q).ok()?);
                fs.push(d.fraction(r));
            }
        }
        Some((qs, fs))
    }

    /// Region r's bill by the months grouped by denominator, exactly:
    /// Σ_g rate · 10 · Σ_{m∈g} cost(m) · w_r(m) / den_g, rounded to cents
    /// at `scale`.
    fn exact_bill(
        &self,
        r: usize,
        cs: &[u64],
        rate: u128,
        scale: u32,
        x: &mut Exact,
    ) -> Option<i128> {
        let k = self.order.len();
        let weights = &self.weights[r * k..(r + 1) * k];
        for (g, n) in x.num.iter_mut().enumerate() {
            let span = self.starts[g]..self.starts[g + 1];
            let sum: u128 = cs[span.clone()]
                .iter()
                .zip(&weights[span])
                .map(|(&c, &w)| u128::from(c) * u128::from(w))
                .sum();
            // ×10: one decimal below the cost's scale.
            *n = sum * 10 * rate;
        }
        round_sum(&x.num, &self.dens, scale, &mut x.rems)
    }
}

/// What the costs allow: `fast` when the per-month sums cannot overflow.
/// None when even the exact grouped sums could.
struct Bound {
    fast: bool,
}

impl Bound {
    fn of(s: &Shares, cs: &[u64], max_rate: u128) -> Option<Bound> {
        let max_cost = u128::from(cs.iter().copied().max().unwrap_or(0));
        let (w, months) = (u128::from(s.max_weight), s.order.len() as u128);
        // A group's sum, ×10, × a rate's digits.
        max_cost
            .checked_mul(w)?
            .checked_mul(u128::from(s.longest))?
            .checked_mul(10)?
            .checked_mul(max_rate)?;
        // Σ w · q (q ≤ 10 · cost) and Σ w · f (f < 2^64), × a rate's digits.
        let fast = max_cost
            .checked_mul(10)
            .and_then(|q| q.max(1 << 64).checked_mul(w))
            .and_then(|x| x.checked_mul(months))
            .and_then(|x| x.checked_mul(max_rate))
            .is_some();
        Some(Bound { fast })
    }
}

/// ⌊rate · (whole + fixed / 2^64 + ε)⌋ for an unknown ε in [0, band / 2^64),
/// when that is one number whatever ε is; None when the band straddles a
/// whole (the exact path then decides).
fn settle(whole: u128, fixed: u128, band: u128, rate: u128) -> Option<u128> {
    let (fixed, band) = (fixed.checked_mul(rate)?, band.checked_mul(rate)?);
    let frac = fixed & u128::from(u64::MAX);
    if frac.checked_add(band)? > 1 << 64 {
        return None;
    }
    whole.checked_mul(rate)?.checked_add(fixed >> 64)
}

/// A count of units at `scale` (≥ 3) rounded to cents half away from zero.
fn round_cents(units: u128, scale: u32) -> Option<i128> {
    let cent = 10u128.checked_pow(scale.checked_sub(2)?)?;
    let mut cents = units / cent;
    if units % cent >= cent / 2 {
        cents += 1;
    }
    let cents = i128::try_from(cents).ok()?;
    (cents <= MANTISSA_MAX).then_some(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(per_region: Vec<Vec<u64>>, headcount: Vec<u64>) -> Shares {
        let months = per_region.first().map_or(0, Vec::len);
        let total = (0..months)
            .map(|m| per_region.iter().map(|r| r[m]).sum())
            .collect();
        Shares::from_parts(headcount, &Demand { per_region, total })
    }

    /// Every region's bill by the exact grouped path alone.
    fn exact_bills(s: &Shares, costs: &[u64], scale: u32, fx: &[Decimal]) -> Vec<(i128, i128)> {
        let cs: Vec<u64> = s.order.iter().map(|&m| costs[m as usize]).collect();
        let mut x = Exact::new(s.dens.len());
        (0..s.regions)
            .map(|r| {
                let own = s.exact_bill(r, &cs, 1, scale + 1, &mut x).unwrap();
                let local = if fx[r] == Decimal::ONE {
                    own
                } else {
                    let digits = u128::try_from(fx[r].mantissa()).unwrap();
                    s.exact_bill(r, &cs, digits, scale + 1 + fx[r].scale(), &mut x)
                        .unwrap()
                };
                (own, local)
            })
            .collect()
    }

    #[test]
    fn a_sum_that_is_a_whole_number_is_settled_exactly() {
        // One region holds all the demand: its share of a month is the
        // whole cost, 10 · 1 / 3 · 3 units, which the fixed-point fraction
        // (1/3 rounded down, three times) falls just short of.
        let s = shares(vec![vec![3]], vec![10]);
        assert_eq!(s.bills(|_| 1, 2, &[Decimal::ONE]), Some(vec![(1, 1)]));
        let s = shares(vec![vec![1, 3], vec![2, 0]], vec![10, 10]);
        let fx = [Decimal::ONE, Decimal::new(92, 2)];
        assert_eq!(
            s.bills(|m| [7, 5][m], 2, &fx),
            Some(exact_bills(&s, &[7, 5], 2, &fx))
        );
    }

    proptest::proptest! {
        #[test]
        fn the_per_month_sums_agree_with_the_exact_groups(
            demand in proptest::collection::vec(proptest::collection::vec(0u64..400, 1..30), 1..8),
            heads in proptest::collection::vec(0u64..1000, 8),
            costs in proptest::collection::vec(0u64..10_000_000_000_000, 30),
            rates in proptest::collection::vec((1i64..2_000_000, 0u32..6), 8),
            scale in 2u32..8,
        ) {
            let months = demand[0].len();
            let per_region: Vec<Vec<u64>> =
                demand.iter().map(|r| (0..months).map(|m| r.get(m).copied().unwrap_or(0)).collect()).collect();
            let n = per_region.len();
            let s = shares(per_region, heads[..n].to_vec());
            let fx: Vec<Decimal> = rates[..n]
                .iter()
                .enumerate()
                .map(|(i, &(m, sc))| if i % 3 == 0 { Decimal::ONE } else { Decimal::new(m, sc) })
                .collect();
            let got = s.bills(|m| i128::from(costs[m]), scale, &fx);
            proptest::prop_assert_eq!(got, Some(exact_bills(&s, &costs, scale, &fx)));
        }
    }
}
