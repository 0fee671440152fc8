//! The search over a lever's whole-unit range: every value when the range
//! is small, else 257 evenly spaced values and a bisection on the slope
//! around the best of them.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::money::Overflow;

/// The value in `low..=top` with the lowest `f` (ties to the higher value
/// when `prefer_high`), and whether every value was priced.
pub fn search(
    low: i64,
    top: i64,
    prefer_high: bool,
    exhaustive: bool,
    f: impl Fn(i64) -> Result<Decimal, Overflow>,
) -> Result<(i64, bool), Overflow> {
    let mut memo: HashMap<i64, Decimal> = HashMap::new();
    let at = |v: i64, memo: &mut HashMap<i64, Decimal>| -> Result<Decimal, Overflow> {
        if let Some(x) = memo.get(&v) {
            return Ok(*x);
        }
        let x = f(v)?;
        memo.insert(v, x);
        Ok(x)
    };
    let better = |v: i64, x: Decimal, best: Option<(i64, Decimal)>| match best {
        None => true,
        Some((b, y)) => x < y || (x == y && (v > b) == prefer_high),
    };
    let mut best: Option<(i64, Decimal)> = None;
    if exhaustive {
        for v in low..=top {
            let x = at(v, &mut memo)?;
            if better(v, x, best) {
                best = Some((v, x));
            }
        }
        return Ok((best.map_or(low, |b| b.0), true));
    }
    let step = ((top - low) / 256).max(1);
    let mut grid: Vec<i64> = (0..=(top - low) / step).map(|k| low + k * step).collect();
    if grid.last() != Some(&top) {
        grid.push(top);
    }
    for &v in &grid {
        let x = at(v, &mut memo)?;
        if better(v, x, best) {
            best = Some((v, x));
        }
    }
    let g = best.map_or(0, |b| b.0);
    let (mut lo, mut hi) = ((g - step).max(low), (g + step).min(top));
    // The smallest c in [lo, hi] where the slope turns: f(c) ≤ f(c+1)
    // (fewest), or f(c) < f(c+1) (most).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (a, b) = (at(mid, &mut memo)?, at(mid + 1, &mut memo)?);
        let turned = if prefer_high { a < b } else { a <= b };
        if turned {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let x = at(lo, &mut memo)?;
    if better(lo, x, best) {
        best = Some((lo, x));
    }
    Ok((best.map_or(low, |b| b.0), false))
}
