//! Typed text → the value a field holds: the same conveniences as the
//! levers' typed values ([`parse_typed`]: thousands separators, a currency
//! or percent sign), kept exact. Only the text's form is judged here;
//! ranges and the rules between fields are the loader's
//! ([`super::validate`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::money::{parse_typed, plain};

/// `none`, `-` or nothing: the field is cleared (an optional field) or
/// the list emptied.
pub fn cleared(text: &str) -> bool {
    matches!(text.trim().to_lowercase().as_str(), "" | "none" | "-")
}

/// A number, negative allowed (a growth may shrink).
pub fn number(key: &str, text: &str, currency: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let (negative, rest) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let v = parse_typed(rest, currency).map_err(|why| format!("{key}: {why}"))?;
    Ok(if negative { -v } else { v })
}

/// An optional number: [`cleared`] text is None.
pub fn optional_number(key: &str, text: &str, currency: &str) -> Result<Option<Decimal>, String> {
    if cleared(text) {
        return Ok(None);
    }
    number(key, text, currency).map(Some)
}

/// A whole number: 1.5 is a slip to point out, not to cut.
pub fn whole(key: &str, text: &str) -> Result<u64, String> {
    let v = number(key, text, "")?;
    if !v.fract().is_zero() {
        return Err(format!(
            "expected a whole number for {key}, found '{}'",
            plain(v)
        ));
    }
    u64::try_from(v).map_err(|_| {
        format!(
            "expected a whole number of at least 0 for {key}, found '{}'",
            plain(v)
        )
    })
}

/// A whole number that fits 32 bits, such as months (the loader judges
/// the range; a larger one is refused by it as out of range).
pub fn whole32(key: &str, text: &str) -> Result<u32, String> {
    whole(key, text).map(|n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// A date written 2027-01-01.
pub fn date(key: &str, text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "expected a date such as 2027-01-01 for {key}, found '{}'",
            text.trim()
        )
    })
}

/// An optional date: [`cleared`] text is None.
pub fn optional_date(key: &str, text: &str) -> Result<Option<NaiveDate>, String> {
    if cleared(text) {
        return Ok(None);
    }
    date(key, text).map(Some)
}

/// Terms typed as a list: `sso, scim audit_log` (commas or spaces).
pub fn terms(text: &str) -> Vec<String> {
    if cleared(text) {
        return Vec::new();
    }
    text.split([',', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Optional free text: [`cleared`] text is None.
pub fn optional_text(text: &str) -> Option<String> {
    (!cleared(text)).then(|| text.trim().to_string())
}

/// A currency code: ISO 4217 codes are capitals whatever was typed.
pub fn code(text: &str) -> String {
    text.trim().to_uppercase()
}

/// `inference_geo`: "us" (all US-only), "global" (none) or the share.
pub fn geo(text: &str) -> Result<Decimal, String> {
    match text.trim().to_lowercase().as_str() {
        "us" => Ok(Decimal::ONE),
        "global" | "" => Ok(Decimal::ZERO),
        _ => number("inference_geo", text, ""),
    }
}

/// A list of terms as shown for editing.
pub fn show_terms(list: &[String]) -> String {
    list.join(", ")
}

/// An optional value as shown for editing (nothing when not set).
pub fn show<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_are_exact_or_refused() {
        assert_eq!(number("k", "1,200.50", "USD"), Ok(Decimal::new(120050, 2)));
        assert_eq!(number("k", "-3", "USD"), Ok(Decimal::from(-3)));
        assert_eq!(whole("mau", "1,200"), Ok(1200));
        assert_eq!(
            whole("mau", "1.5"),
            Err("expected a whole number for mau, found '1.5'".into())
        );
        assert!(
            number("k", "abc", "USD")
                .unwrap_err()
                .starts_with("k: expected a number")
        );
        assert_eq!(terms("sso, scim audit_log"), ["sso", "scim", "audit_log"]);
        assert_eq!(optional_number("cap", "none", "USD"), Ok(None));
        assert_eq!(geo("US"), Ok(Decimal::ONE));
        assert!(date("start", "2027-13-01").is_err());
    }
}
