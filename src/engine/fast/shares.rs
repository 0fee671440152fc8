//! Each region's share of an offer's seat bill (SPEC.md §3: d_r(m) / D(m)
//! of each month, by headcount in a month without demand), summed exactly.
//!
//! A region's bill is Σ_m cost(m) · w_r(m) / den(m), rounded to cents once.
//! The months are grouped by their denominator (which does not depend on
//! the offer: it is D(m), or the headcount), so the sum is Σ_g N_g / den_g
//! with one integer numerator per group; its whole part is exact integer
//! division, and its fractional part only has to be known well enough to
//! take its floor, which a 64-bit fixed-point sum settles except within
//! 2^-64 · groups of a whole unit — then an exact rational sum decides.
//! Working one decimal below the cost's own scale makes half a cent a whole
//! number of units, so the floor is all that rounding half away from zero
//! needs.

use rust_decimal::Decimal;

use super::MANTISSA_MAX;
use crate::engine::Demand;
use crate::scenario::Scenario;

/// Where a month's weights come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weights {
    /// d_r(m): the month has demand.
    Demand,
    /// The regions' headcounts: no demand this month.
    Headcount,
    /// One each: no demand and no headcount.
    Equal,
}

/// The offer-independent part of the regional split: each month's
/// denominator, grouped.
#[derive(Debug, Clone, PartialEq)]
pub struct Shares {
    /// Per month: (group, weights); None for a month with no region.
    months: Vec<Option<(usize, Weights)>>,
    /// The distinct denominators.
    dens: Vec<u64>,
    headcount: Vec<u64>,
}

impl Shares {
    pub fn of(s: &Scenario, demand: &Demand) -> Shares {
        let headcount: Vec<u64> = s.regions.iter().map(|r| r.headcount).collect();
        let total_heads: u64 = headcount.iter().sum();
        let mut dens: Vec<u64> = Vec::new();
        let months = demand
            .total
            .iter()
            .map(|&d| {
                let (den, w) = if d > 0 {
                    (d, Weights::Demand)
                } else if total_heads > 0 {
                    (total_heads, Weights::Headcount)
                } else {
                    (s.regions.len() as u64, Weights::Equal)
                };
                if den == 0 {
                    return None;
                }
                let g = dens.iter().position(|&x| x == den).unwrap_or_else(|| {
                    dens.push(den);
                    dens.len() - 1
                });
                Some((g, w))
            })
            .collect();
        Shares {
            months,
            dens,
            headcount,
        }
    }

    /// Each region's bill in cents, in the deal currency and converted at
    /// `fx[r]`: `costs` are the months' seat costs in units of
    /// `10^-scale`. None when a figure leaves the exact range (the caller
    /// then uses the reference's split).
    pub fn bills(
        &self,
        demand: &Demand,
        costs: impl Fn(usize) -> i128,
        scale: u32,
        fx: &[Decimal],
    ) -> Option<Vec<(i128, i128)>> {
        let n = self.headcount.len();
        let mut num = vec![0u128; self.dens.len()];
        let mut converted = vec![0u128; self.dens.len()];
        let mut rems = Vec::with_capacity(self.dens.len());
        let mut out = Vec::with_capacity(n);
        for r in 0..n {
            num.iter_mut().for_each(|x| *x = 0);
            for (m, month) in self.months.iter().enumerate() {
                let Some((g, weights)) = *month else { continue };
                let w = match weights {
                    Weights::Demand => demand.per_region[r][m],
                    Weights::Headcount => self.headcount[r],
                    Weights::Equal => 1,
                };
                let c = u128::try_from(costs(m)).ok()?;
                // ×10: one decimal below the cost's scale.
                num[g] = num[g].checked_add(c.checked_mul(u128::from(w))?.checked_mul(10)?)?;
            }
            let own = round_sum(&num, &self.dens, scale + 1, &mut rems)?;
            let rate = fx.get(r).copied().unwrap_or(Decimal::ONE);
            let local = if rate == Decimal::ONE {
                // The same sum at the same scale: the same cents.
                own
            } else {
                let fm = u128::try_from(rate.mantissa()).ok()?;
                for (c, x) in converted.iter_mut().zip(&num) {
                    *c = x.checked_mul(fm)?;
                }
                round_sum(&converted, &self.dens, scale + 1 + rate.scale(), &mut rems)?
            };
            out.push((own, local));
        }
        Some(out)
    }
}

/// Σ_g num[g] / dens[g] in units of `10^-scale` (scale ≥ 3), rounded to
/// cents half away from zero.
fn round_sum(num: &[u128], dens: &[u64], scale: u32, rems: &mut Vec<(u128, u128)>) -> Option<i128> {
    let mut whole: u128 = 0;
    rems.clear();
    for (&n, &d) in num.iter().zip(dens) {
        // A 64-bit division where the numerator allows it (most of them):
        // a 128-bit one costs several times more.
        let (q, r) = match u64::try_from(n) {
            Ok(n64) => ((n64 / d).into(), (n64 % d).into()),
            Err(_) => (n / u128::from(d), n % u128::from(d)),
        };
        whole = whole.checked_add(q)?;
        if r != 0 {
            rems.push((r, u128::from(d)));
        }
    }
    whole = whole.checked_add(floor_of_fractions(rems)?)?;
    let cent = 10u128.checked_pow(scale.checked_sub(2)?)?;
    let mut cents = whole / cent;
    if whole % cent >= cent / 2 {
        cents += 1;
    }
    let cents = i128::try_from(cents).ok()?;
    (cents <= MANTISSA_MAX).then_some(cents)
}

/// ⌊Σ r / d⌋ for proper fractions r / d.
fn floor_of_fractions(rems: &[(u128, u128)]) -> Option<u128> {
    // r < d ≤ 2^64, so r · 2^64 / d fits; the error is below one unit of
    // 2^-64 per fraction.
    let mut acc: u128 = 0;
    for &(r, d) in rems {
        if d > u128::from(u64::MAX) {
            return exact_floor(rems);
        }
        acc = acc.checked_add((r << 64) / d)?;
    }
    let k = acc >> 64;
    let frac = acc & u128::from(u64::MAX);
    if frac.checked_add(rems.len() as u128)? <= u128::from(u64::MAX) {
        Some(k)
    } else {
        exact_floor(rems)
    }
}

/// ⌊Σ r / d⌋ by exact rational addition (None when the common
/// denominator outgrows 128 bits).
fn exact_floor(rems: &[(u128, u128)]) -> Option<u128> {
    let (mut n, mut d): (u128, u128) = (0, 1);
    for &(r, e) in rems {
        let g = gcd(d, e);
        let l = (d / g).checked_mul(e)?;
        n = n.checked_mul(l / d)?.checked_add(r.checked_mul(l / e)?)?;
        d = l;
        let h = gcd(n, d);
        if h > 1 {
            n /= h;
            d /= h;
        }
    }
    Some(n / d)
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirds_that_make_a_whole_are_a_whole() {
        assert_eq!(floor_of_fractions(&[(1, 3), (2, 3)]), Some(1));
        assert_eq!(floor_of_fractions(&[(1, 2), (1, 3), (1, 6)]), Some(1));
        assert_eq!(floor_of_fractions(&[(1, 2), (1, 3)]), Some(0));
    }

    #[test]
    fn half_a_cent_rounds_away_from_zero() {
        // 0.005 at scale 3 = 5 units → 0.01.
        let rems = &mut Vec::new();
        assert_eq!(round_sum(&[5], &[1], 3, rems), Some(1));
        assert_eq!(round_sum(&[4], &[1], 3, rems), Some(0));
        // 1/3 + 1/6 of a cent-tenth... 0.01 / 2 split over two months.
        assert_eq!(round_sum(&[10, 10], &[3, 6], 3, rems), Some(1));
        // A numerator past 64 bits takes the 128-bit division.
        let big = (1u128 << 70) * 10;
        assert_eq!(
            round_sum(&[big], &[10], 3, rems),
            Some(((1i128 << 70) + 5) / 10)
        );
    }
}
