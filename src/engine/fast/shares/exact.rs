//! The exact path of the regional split: a region's sum with the months
//! grouped by their denominator, one integer numerator per group — whole
//! parts by exact division, the fractions by a 64-bit fixed-point sum
//! settled except within 2^-64 · groups of a whole unit, where an exact
//! rational sum decides.

use super::divisor::Divisor;
use super::round_cents;

/// Scratch space of the exact path.
pub(super) struct Exact {
    pub(super) num: Vec<u128>,
    pub(super) rems: Vec<(u64, u64)>,
}

impl Exact {
    pub(super) fn new(groups: usize) -> Exact {
        Exact {
            num: vec![0; groups],
            rems: Vec::with_capacity(groups),
        }
    }
}

/// Σ_g num[g] / dens[g] in units of `10^-scale` (scale ≥ 3), rounded to
/// cents half away from zero. `rems` is scratch space.
pub(super) fn round_sum(
    num: &[u128],
    dens: &[Divisor],
    scale: u32,
    rems: &mut Vec<(u64, u64)>,
) -> Option<i128> {
    let mut whole: u128 = 0;
    // Σ of the fractions r / d in 64-bit fixed point, each rounded down:
    // below the true sum by less than one unit of 2^-64 per fraction.
    let mut fixed: u128 = 0;
    rems.clear();
    for (&n, d) in num.iter().zip(dens) {
        let (q, r) = d.div_rem(n);
        whole = whole.checked_add(q)?;
        if r != 0 {
            fixed += u128::from(d.fraction(r));
            rems.push((r, d.d));
        }
    }
    let (k, frac) = (fixed >> 64, fixed as u64);
    // The true sum lies in [fixed, fixed + rems) units of 2^-64: its floor
    // is k unless that range reaches the next whole.
    let fractions = if u128::from(frac) + rems.len() as u128 <= u128::from(u64::MAX) {
        k
    } else {
        exact_floor(rems)?
    };
    round_cents(whole.checked_add(fractions)?, scale)
}

/// ⌊Σ r / d⌋ by exact rational addition (None when the common
/// denominator outgrows 128 bits).
fn exact_floor(rems: &[(u64, u64)]) -> Option<u128> {
    let (mut n, mut d): (u128, u128) = (0, 1);
    for &(r, e) in rems {
        let (r, e) = (u128::from(r), u128::from(e));
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

    fn round(num: &[u128], dens: &[u64], scale: u32) -> Option<i128> {
        let dens: Vec<Divisor> = dens.iter().map(|&d| Divisor::new(d).unwrap()).collect();
        round_sum(num, &dens, scale, &mut Vec::new())
    }

    #[test]
    fn thirds_that_make_a_whole_are_a_whole() {
        // At scale 3 half a cent is 5 units: 4 whole units and fractions
        // that sum to exactly one more reach it; fractions short of one
        // do not.
        assert_eq!(round(&[13, 2], &[3, 3], 3), Some(1));
        assert_eq!(round(&[9, 1, 1], &[2, 3, 6], 3), Some(1));
        assert_eq!(round(&[9, 1], &[2, 3], 3), Some(0));
    }

    #[test]
    fn half_a_cent_rounds_away_from_zero() {
        // 0.005 at scale 3 = 5 units → 0.01.
        assert_eq!(round(&[5], &[1], 3), Some(1));
        assert_eq!(round(&[4], &[1], 3), Some(0));
        // 1/3 + 1/6 of a cent-tenth... 0.01 / 2 split over two months.
        assert_eq!(round(&[10, 10], &[3, 6], 3), Some(1));
        // A numerator past 64 bits takes the two-step division.
        let big = (1u128 << 70) * 10;
        assert_eq!(round(&[big], &[10], 3), Some(((1i128 << 70) + 5) / 10));
    }
}
