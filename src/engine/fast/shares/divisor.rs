//! Exact division by a divisor known in advance (a month group's
//! denominator, fixed for the scenario): Möller and Granlund's 2-by-1
//! division with a precomputed reciprocal ("Improved division by invariant
//! integers", IEEE Trans. Computers 60(2), 2011, algorithm 4), the method
//! GMP uses. One 64×64-bit multiplication and a few corrections replace a
//! 128-bit division; quotient and remainder are exact, and the tests hold
//! them to the `/` and `%` of `u128` on arbitrary operands.

/// A nonzero 64-bit divisor with its reciprocal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Divisor {
    /// The divisor itself.
    pub d: u64,
    /// The divisor shifted until its top bit is set.
    normal: u64,
    /// How far it was shifted.
    shift: u32,
    /// ⌊(2^128 − 1) / normal⌋ − 2^64.
    reciprocal: u64,
}

impl Divisor {
    /// None for zero.
    pub fn new(d: u64) -> Option<Divisor> {
        if d == 0 {
            return None;
        }
        let shift = d.leading_zeros();
        let normal = d << shift;
        // normal ≥ 2^63, so the quotient is in [2^64, 2^65): less 2^64 it
        // fits in 64 bits.
        let reciprocal = (u128::MAX / u128::from(normal) - (1u128 << 64)) as u64;
        Some(Divisor {
            d,
            normal,
            shift,
            reciprocal,
        })
    }

    /// (⌊(hi·2^64 + lo) / d⌋, the remainder) for `hi < d`, so that the
    /// quotient fits in 64 bits.
    pub fn div_2by1(&self, hi: u64, lo: u64) -> (u64, u64) {
        debug_assert!(hi < self.d);
        let s = self.shift;
        let (u1, u0) = if s == 0 {
            (hi, lo)
        } else {
            ((hi << s) | (lo >> (64 - s)), lo << s)
        };
        // u1 < normal, so v·u1 + (u1, u0) < 2^128 (the paper's bound).
        let q = u128::from(self.reciprocal) * u128::from(u1)
            + ((u128::from(u1) << 64) | u128::from(u0));
        let mut q1 = ((q >> 64) as u64).wrapping_add(1);
        let q0 = q as u64;
        let mut r = u0.wrapping_sub(q1.wrapping_mul(self.normal));
        if r > q0 {
            q1 = q1.wrapping_sub(1);
            r = r.wrapping_add(self.normal);
        }
        if r >= self.normal {
            q1 += 1;
            r -= self.normal;
        }
        (q1, r >> s)
    }

    /// (⌊n / d⌋, n mod d) for any 128-bit `n`.
    pub fn div_rem(&self, n: u128) -> (u128, u64) {
        let (hi, lo) = ((n >> 64) as u64, n as u64);
        if hi < self.d {
            let (q, r) = self.div_2by1(hi, lo);
            return (u128::from(q), r);
        }
        let (q1, r1) = (hi / self.d, hi % self.d);
        let (q0, r) = self.div_2by1(r1, lo);
        ((u128::from(q1) << 64) | u128::from(q0), r)
    }

    /// ⌊r · 2^64 / d⌋ for a remainder `r < d`: the fraction r / d in
    /// 64-bit fixed point, rounded down.
    pub fn fraction(&self, r: u64) -> u64 {
        self.div_2by1(r, 0).0
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn check(d: u64, n: u128) {
        let div = Divisor::new(d).unwrap();
        let (q, r) = div.div_rem(n);
        assert_eq!(q, n / u128::from(d), "{n} / {d}");
        assert_eq!(u128::from(r), n % u128::from(d), "{n} % {d}");
    }

    #[test]
    fn edges() {
        for d in [
            1,
            2,
            3,
            7,
            10,
            1 << 32,
            (1 << 63) - 1,
            1 << 63,
            u64::MAX - 1,
            u64::MAX,
        ] {
            for n in [
                0,
                1,
                u128::from(d) - 1,
                u128::from(d),
                u128::from(u64::MAX),
                u128::MAX,
                u128::MAX - 1,
            ] {
                check(d, n);
            }
            let div = Divisor::new(d).unwrap();
            let r = d - 1;
            assert_eq!(
                u128::from(div.fraction(r)),
                (u128::from(r) << 64) / u128::from(d)
            );
        }
        assert_eq!(Divisor::new(0), None);
    }

    proptest! {
        #[test]
        fn the_same_as_u128_division(d in 1u64.., n: u128) {
            check(d, n);
        }

        #[test]
        fn small_divisors(d in 1u64..100_000, n: u128) {
            check(d, n);
        }

        #[test]
        fn fractions(d in 1u64.., r: u64) {
            let r = r % d;
            let div = Divisor::new(d).unwrap();
            prop_assert_eq!(u128::from(div.fraction(r)), (u128::from(r) << 64) / u128::from(d));
        }
    }
}
