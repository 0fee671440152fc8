//! The arithmetic of the derived figures (SPEC.md §8): exact integer
//! ratios rounded half away from zero, volumes per average month, a
//! route's shares summing to exactly 1, and growth as a least-squares line
//! through logarithms (in `f64`, rounded to two decimals).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

/// Seconds in a day.
pub(crate) const DAY: i64 = 86_400;
/// Days in the average month, × 10^4 (30.4375).
const MONTH_E4: u128 = 304_375;

/// `a / b` to `places` decimals, half away from zero (0 when `b` is 0).
pub fn ratio(a: u128, b: u128, places: u32) -> Decimal {
    if b == 0 {
        return Decimal::ZERO;
    }
    let scale = 10u128.pow(places);
    let q = (2 * a * scale + b) / (2 * b);
    i128::try_from(q)
        .ok()
        .and_then(|q| Decimal::try_from_i128_with_scale(q, places).ok())
        .unwrap_or(Decimal::MAX)
}

/// Million tokens per average month from `tokens` over `seconds`:
/// tokens / 10^6 × 30.4375 / (seconds / 86400), to three decimals.
pub fn per_month(tokens: u128, seconds: i64) -> Decimal {
    // tokens × 30.4375 × 86400 / (10^6 × seconds)
    // = tokens × 304375 × 864 / (10^8 × seconds).
    let num = tokens * MONTH_E4 * 864;
    ratio(num, 100_000_000 * seconds.max(1) as u128, 3)
}

/// Each model's share of input tokens to four decimals, the largest share
/// taking the rounding remainder so the shares sum to exactly 1; models
/// with no input are left out (`order` is the price book's).
pub fn route(by_model: &BTreeMap<String, u128>, order: &[&str]) -> Vec<(String, Decimal)> {
    let mut models: Vec<(&str, u128)> = by_model
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(m, n)| (m.as_str(), *n))
        .collect();
    let rank = |m: &str| order.iter().position(|o| *o == m).unwrap_or(usize::MAX);
    models.sort_by_key(|(m, _)| (rank(m), m.to_string()));
    let total: u128 = models.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return vec![("opus".to_string(), Decimal::ONE)];
    }
    let largest = models
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| a.1.cmp(&b.1).then(j.cmp(i)))
        .map_or(0, |(i, _)| i);
    let mut shares: Vec<(String, Decimal)> = models
        .iter()
        .map(|(m, n)| (m.to_string(), ratio(*n, total, 4)))
        .collect();
    let others: Decimal = shares
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != largest)
        .map(|(_, (_, s))| *s)
        .sum();
    shares[largest].1 = Decimal::ONE - others;
    shares.retain(|(_, s)| *s > Decimal::ZERO);
    shares
}

/// Compound monthly growth (percent, two decimals) from a least-squares
/// line through ln(daily total tokens): (e^(30.4375·s) − 1)·100. Days
/// with no tokens are left out (no logarithm); 0 with fewer than two days.
pub fn growth_pct(by_day: &BTreeMap<i64, u128>) -> Decimal {
    let points: Vec<(f64, f64)> = by_day
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(d, n)| (*d as f64, (*n as f64).ln()))
        .collect();
    let n = points.len() as f64;
    if points.len() < 2 {
        return Decimal::ZERO;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = points.iter().map(|(x, _)| (x - mx) * (x - mx)).sum();
    if sxx == 0.0 {
        return Decimal::ZERO;
    }
    let slope = sxy / sxx;
    let g = ((30.4375 * slope).exp() - 1.0) * 100.0;
    Decimal::from_f64_retain(g)
        .map(|d| d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
        .unwrap_or(Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn ratios_round_half_away_from_zero() {
        assert_eq!(ratio(1, 8, 2), d("0.13"));
        assert_eq!(ratio(1, 3, 4), d("0.3333"));
        assert_eq!(ratio(2, 3, 4), d("0.6667"));
        assert_eq!(ratio(5, 0, 4), d("0"));
    }

    #[test]
    fn volume_per_average_month() {
        // 10^6 tokens in one day: 30.4375 million a month → 30.438.
        assert_eq!(per_month(1_000_000, DAY), d("30.438"));
        // 3 × 10^6 over 30 days: 3.04375 → 3.044.
        assert_eq!(per_month(3_000_000, 30 * DAY), d("3.044"));
        // Half a day: doubled.
        assert_eq!(per_month(500_000, DAY / 2), d("30.438"));
    }

    #[test]
    fn the_largest_share_takes_the_remainder() {
        let m: BTreeMap<String, u128> = [
            ("opus".into(), 1),
            ("sonnet".into(), 1),
            ("haiku".into(), 1),
        ]
        .into();
        let r = route(&m, &["opus", "sonnet", "haiku"]);
        // 0.3333 each; the first largest (opus) takes 0.3334.
        assert_eq!(
            r,
            vec![
                ("opus".to_string(), d("0.3334")),
                ("sonnet".to_string(), d("0.3333")),
                ("haiku".to_string(), d("0.3333"))
            ]
        );
    }

    #[test]
    fn steady_doubling_per_month_is_100_pct() {
        // ln rises by ln 2 / 30.4375 per day.
        let k = 2f64.ln() / 30.4375;
        let days: BTreeMap<i64, u128> = (0..40)
            .map(|i| (i, (1e9 * (k * i as f64).exp()).round() as u128))
            .collect();
        assert_eq!(growth_pct(&days), d("100.00"));
        let flat: BTreeMap<i64, u128> = (0..40).map(|i| (i, 5)).collect();
        assert_eq!(growth_pct(&flat), d("0"));
    }
}
