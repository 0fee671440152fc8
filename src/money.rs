//! Exact money and percentage arithmetic.
//!
//! All amounts are `rust_decimal::Decimal`, read from the text the user wrote
//! ([`parse_decimal`]), rounded only where SPEC.md says, half away from zero
//! ([`round_cents`]). Arithmetic on values that come from a file goes through
//! [`Exact`], whose operations return an [`Overflow`] error instead of
//! panicking.

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// Arithmetic left the range of exact decimals: a figure in the file is too
/// large for the calculation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a figure is too large for exact arithmetic while computing {0}")]
pub struct Overflow(pub &'static str);

/// Checked decimal arithmetic that names what was being computed.
pub trait Exact: Sized {
    /// `self + rhs`, or [`Overflow`].
    fn add_x(self, rhs: Self, what: &'static str) -> Result<Self, Overflow>;
    /// `self - rhs`, or [`Overflow`].
    fn sub_x(self, rhs: Self, what: &'static str) -> Result<Self, Overflow>;
    /// `self * rhs`, or [`Overflow`].
    fn mul_x(self, rhs: Self, what: &'static str) -> Result<Self, Overflow>;
    /// `self / rhs`, or [`Overflow`] (division by zero included).
    fn div_x(self, rhs: Self, what: &'static str) -> Result<Self, Overflow>;
}

impl Exact for Decimal {
    fn add_x(self, rhs: Self, what: &'static str) -> Result<Self, Overflow> {
        self.checked_add(rhs).ok_or(Overflow(what))
    }
    fn sub_x(self, rhs: Self, what: &'static str) -> Result<Self, Overflow> {
        self.checked_sub(rhs).ok_or(Overflow(what))
    }
    fn mul_x(self, rhs: Self, what: &'static str) -> Result<Self, Overflow> {
        self.checked_mul(rhs).ok_or(Overflow(what))
    }
    fn div_x(self, rhs: Self, what: &'static str) -> Result<Self, Overflow> {
        self.checked_div(rhs).ok_or(Overflow(what))
    }
}

/// Percent as a fraction: `7` → `0.07`.
pub fn pct(p: Decimal) -> Decimal {
    p / Decimal::ONE_HUNDRED
}

/// Round to cents, half away from zero (SPEC.md §3).
pub fn round_cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `⌈x⌉` as a whole number of seats; negative results clamp to 0.
pub fn ceil_seats(x: Decimal) -> Result<u64, Overflow> {
    let c = x.ceil();
    if c <= Decimal::ZERO {
        return Ok(0);
    }
    u64::try_from(c).map_err(|_| Overflow("a seat count"))
}

/// A decimal as written in a TOML number: `1_000.5`, `3e-06`, `+7`, `0.92`.
/// Returns `None` for text that is not a finite decimal (`inf`, `nan`) or
/// that exceeds the 28 significant digits of exact arithmetic.
pub fn parse_decimal(raw: &str) -> Option<Decimal> {
    let text: String = raw.trim().chars().filter(|&c| c != '_').collect();
    let text = text.strip_prefix('+').unwrap_or(&text);
    if text.contains(['e', 'E']) {
        return Decimal::from_scientific(text).ok().map(|d| d.normalize());
    }
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    Decimal::from_str(text).ok()
}

/// A number as a negotiator types it: `1250`, `1,250`, `55.40`,
/// `$468,000.00`, `468_000`, `7 %`, `EUR 54`. Separators must group
/// thousands (`1,00,000` and `468.000,00` are refused, never guessed); a
/// currency sign or code other than the deal's `currency` is refused, and
/// so is a negative number. The error says what was expected and found.
pub fn parse_typed(text: &str, currency: &str) -> Result<Decimal, String> {
    let refuse = |why: &str| format!("{why}, found '{}'", text.trim());
    let mut t = text.trim().trim_end_matches('%').trim();
    let code = currency.to_ascii_uppercase();
    let sign = match code.as_str() {
        "USD" => Some('$'),
        "EUR" => Some('€'),
        "GBP" => Some('£'),
        "JPY" => Some('¥'),
        _ => None,
    };
    if let Some(rest) = sign.and_then(|c| t.strip_prefix(c)) {
        t = rest.trim_start();
    } else if t.len() > 3 && t.is_char_boundary(3) && t[..3].eq_ignore_ascii_case(&code) {
        t = t[3..].trim_start();
    } else if t.len() > 3
        && t.is_char_boundary(t.len() - 3)
        && t[t.len() - 3..].eq_ignore_ascii_case(&code)
    {
        t = t[..t.len() - 3].trim_end();
    }
    if t.starts_with('-') {
        return Err(refuse("expected a number of at least 0"));
    }
    if t.chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '_' | ' ')))
    {
        return Err(refuse(&format!(
            "expected a number (in {code} where it is money)"
        )));
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let grouped = int.contains([',', '_', ' ']);
    let groups: Vec<&str> = int.split([',', '_', ' ']).collect();
    let well_grouped = !grouped
        || (groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if int.is_empty() || !well_grouped || !digits(frac) || (t.contains('.') && frac.is_empty()) {
        return Err(refuse(
            "expected a number like 1250, 1,250 or 55.40 (commas between groups of three digits, a point before the decimals)",
        ));
    }
    let plain_digits: String = groups.concat();
    let exact = if frac.is_empty() {
        plain_digits
    } else {
        format!("{plain_digits}.{frac}")
    };
    Decimal::from_str_exact(&exact).map_err(|_| refuse("expected a number of at most 28 digits"))
}

/// An amount of money as typed ([`parse_typed`]), to the cent: more than
/// two decimals is refused, never rounded.
pub fn parse_amount(text: &str, currency: &str) -> Result<Decimal, String> {
    let v = parse_typed(text, currency)?;
    if v != v.round_dp(2) {
        return Err(format!(
            "expected an amount in cents (two decimals at most), found '{}'",
            text.trim()
        ));
    }
    Ok(v)
}

/// Money with two decimals and thousands separators: `1234567.8` →
/// `1,234,567.80`; negative amounts get a leading minus.
pub fn format_money(d: Decimal) -> String {
    let r = round_cents(d);
    let neg = r.is_sign_negative() && !r.is_zero();
    let s = format!("{:.2}", r.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let grouped = group_thousands(int);
    format!("{}{grouped}.{frac}", if neg { "-" } else { "" })
}

/// A whole number with thousands separators.
pub fn format_count(n: impl Into<i128>) -> String {
    let n: i128 = n.into();
    let s = group_thousands(&n.unsigned_abs().to_string());
    if n < 0 { format!("-{s}") } else { s }
}

fn group_thousands(digits: &str) -> String {
    group_digits(digits, ',')
}

/// `digits` with `sep` between groups of three from the right (`1_000_000`
/// for a TOML number, `1,000,000` for people).
pub fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal with exactly two places, as the JSON report writes money and
/// percentages.
pub fn two_places(d: Decimal) -> String {
    format!("{:.2}", round_cents(d))
}

/// A decimal in its shortest exact form: `7.50` → `7.5`, `25` → `25`.
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn parses_what_the_user_wrote() {
        assert_eq!(parse_decimal("0.92"), Some(dec("0.92")));
        assert_eq!(parse_decimal("3e-06"), Some(dec("0.000003")));
        assert_eq!(parse_decimal("1_000.5"), Some(dec("1000.5")));
        assert_eq!(parse_decimal("+7"), Some(dec("7")));
        assert_eq!(parse_decimal("inf"), None);
        assert_eq!(parse_decimal("nan"), None);
    }

    #[test]
    fn reads_typed_numbers_strictly() {
        let ok = |t: &str, cur: &str| parse_typed(t, cur).unwrap();
        assert_eq!(ok("1,250", "USD"), dec("1250"));
        assert_eq!(ok("$468,000.00", "USD"), dec("468000.00"));
        assert_eq!(ok("468_000", "USD"), dec("468000"));
        assert_eq!(ok("7 %", "USD"), dec("7"));
        assert_eq!(ok("EUR 54.5", "EUR"), dec("54.5"));
        assert_eq!(ok("54 eur", "EUR"), dec("54"));
        assert_eq!(ok("¥9,200", "JPY"), dec("9200"));
        for bad in [
            "468.000,00",
            "4,68000",
            "1,00,000",
            "€468000",
            "-5",
            "1.",
            ",100",
            "12e3",
            "",
        ] {
            assert!(parse_typed(bad, "USD").is_err(), "{bad} should be refused");
        }
        assert!(parse_typed("$400,000", "JPY").is_err());
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_cents(dec("64.195")), dec("64.20"));
        assert_eq!(round_cents(dec("-0.005")), dec("-0.01"));
    }

    #[test]
    fn formats_money_in_full() {
        assert_eq!(format_money(dec("471600")), "471,600.00");
        assert_eq!(format_money(dec("-1234.5")), "-1,234.50");
        assert_eq!(format_money(dec("0.004")), "0.00");
        assert_eq!(format_count(1_234_567u32), "1,234,567");
    }
}
