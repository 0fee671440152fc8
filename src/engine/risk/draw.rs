//! The draws of §7: one stable stream of random bits, cut into triangular
//! variates in a fixed order, quantised to exact decimals (docs/risk.md).
//!
//! **The stream.** `ChaCha8Rng::seed_from_u64(seed)` from `rand_chacha`
//! 0.9, whose output is specified (the ChaCha stream cipher with 8 rounds)
//! and identical on every platform. Each variate takes one `next_u64()`.
//!
//! **The order.** Draw 0 first, then draw 1, …; inside a draw, for each
//! region in file order its adoption variate then its ramp variate, then for
//! each workload in file order its volume variate then its growth variate.
//! Every variate is taken even when its spread is 0, so draw `i` always
//! starts at 64-bit word `i × (2·regions + 2·workloads)` of the stream; a
//! thread pricing draws `i..j` seeks there (`set_word_pos`), and the figures
//! do not depend on how many threads run.
//!
//! **One variate.** The 64 bits `U` give `u = U / 2^64` in [0, 1). The
//! symmetric triangular distribution on [−1, 1] with mode 0 has the inverse
//! CDF `x = √(2u) − 1` for u < ½ and `x = 1 − √(2(1 − u))` otherwise. It is
//! computed in integers, no floats: `x` is rounded to the nearest multiple
//! of 10^-6 from the integer square root of `2·U·10^12` (or of
//! `2·(2^64 − U)·10^12`), so each variate is an exact `Decimal` with six
//! decimals. A quantity `v` with spread `p` % is then `v · (1 + x·p/100)`,
//! exact, and follows triangular(v·(1 − p %), v, v·(1 + p %)).

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::scenario::{Scenario, Uncertainty};

/// Decimals each variate is quantised to.
pub const SCALE: u32 = 6;
const Q: u128 = 1_000_000;

/// A symmetric triangular variate on [−1, 1] (mode 0) from 64 random bits,
/// in units of 10^-6: the inverse CDF, rounded to the nearest unit.
pub fn triangular_units(bits: u64) -> i64 {
    let root = |n: u128| -> i64 {
        // round(√(2·n·Q²) / 2^32) = round(Q · √(2n / 2^64)).
        let s = (2 * n * Q * Q).isqrt();
        ((s + (1 << 31)) >> 32) as i64
    };
    if bits < 1 << 63 {
        root(u128::from(bits)) - Q as i64
    } else {
        Q as i64 - root((1u128 << 64) - u128::from(bits))
    }
}

/// The variate as an exact decimal in [−1, 1].
pub fn triangular(bits: u64) -> Decimal {
    Decimal::new(triangular_units(bits), SCALE)
}

/// One draw: the quantities §7 varies, per region and per workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    /// (target_wau, ramp_months) per region, file order.
    pub regions: Vec<(u64, u32)>,
    /// (volume factor, growth_pct) per workload, file order.
    pub workloads: Vec<(Decimal, Decimal)>,
}

/// Draws the scenario's quantities in the documented order.
pub struct Drawer<'a> {
    s: &'a Scenario,
    u: &'a Uncertainty,
    rng: ChaCha8Rng,
}

impl<'a> Drawer<'a> {
    /// A drawer positioned at draw `first`.
    pub fn new(s: &'a Scenario, u: &'a Uncertainty, first: u32) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(u.seed);
        let per_draw = 2 * (s.regions.len() + s.workloads.len()) as u128;
        // Two 32-bit words per u64.
        rng.set_word_pos(u128::from(first) * per_draw * 2);
        Drawer { s, u, rng }
    }

    /// The next draw.
    pub fn next_draw(&mut self) -> Draw {
        let mut regions = Vec::with_capacity(self.s.regions.len());
        for r in &self.s.regions {
            let a = triangular(self.rng.next_u64());
            let b = triangular(self.rng.next_u64());
            let spread = r.uncertainty_pct.unwrap_or(self.u.adoption_pct);
            let target = scaled(Decimal::from(r.target_wau), a, spread).ceil();
            let ramp = scaled(Decimal::from(r.ramp_months), b, self.u.ramp_pct)
                .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
            regions.push((
                u64::try_from(target).unwrap_or(r.target_wau),
                u32::try_from(ramp).unwrap_or(r.ramp_months),
            ));
        }
        let mut workloads = Vec::with_capacity(self.s.workloads.len());
        for w in &self.s.workloads {
            let a = triangular(self.rng.next_u64());
            let b = triangular(self.rng.next_u64());
            let spread = w.uncertainty_pct.unwrap_or(self.u.api_volume_pct);
            let factor = scaled(Decimal::ONE, a, spread);
            let growth = (w.growth_pct + b * self.u.api_growth_pp)
                .clamp(-Decimal::ONE_HUNDRED, Decimal::ONE_HUNDRED)
                .normalize();
            workloads.push((factor, growth));
        }
        Draw { regions, workloads }
    }
}

/// `v · (1 + x · p / 100)`, exactly (normalised, so a spread of 0 gives `v`
/// itself).
fn scaled(v: Decimal, x: Decimal, p: Decimal) -> Decimal {
    if p.is_zero() {
        return v;
    }
    (v * (Decimal::ONE + x * p / Decimal::ONE_HUNDRED)).normalize()
}

impl Draw {
    /// Write the draw into `s` (a copy of `base`): regions' targets and
    /// ramps, workloads' volumes and growth.
    pub fn apply(&self, base: &Scenario, s: &mut Scenario) {
        for (r, (target, ramp)) in s.regions.iter_mut().zip(&self.regions) {
            r.target_wau = *target;
            r.ramp_months = *ramp;
        }
        for ((w, b), (factor, growth)) in s
            .workloads
            .iter_mut()
            .zip(&base.workloads)
            .zip(&self.workloads)
        {
            if *factor == Decimal::ONE {
                w.input_mtok = b.input_mtok;
                w.output_mtok = b.output_mtok;
            } else {
                w.input_mtok = (b.input_mtok * factor).normalize();
                w.output_mtok = (b.output_mtok * factor).normalize();
            }
            w.growth_pct = *growth;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inverse_cdf_hits_its_ends_and_its_mode() {
        assert_eq!(triangular_units(0), -1_000_000);
        assert_eq!(triangular_units(1 << 63), 0);
        assert_eq!(triangular_units(u64::MAX), 1_000_000);
        // u = 1/8: √(1/4) − 1 = −0.5.
        assert_eq!(triangular_units(1 << 61), -500_000);
        // u = 7/8: 1 − √(1/4) = 0.5.
        assert_eq!(triangular_units(7 << 61), 500_000);
    }

    #[test]
    fn variates_are_symmetric() {
        for bits in [1u64, 12345, 1 << 40, (1 << 62) + 7] {
            let mirror = ((1u128 << 64) - u128::from(bits)) as u64;
            assert_eq!(triangular_units(bits), -triangular_units(mirror));
        }
    }
}
