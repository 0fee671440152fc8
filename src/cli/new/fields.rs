//! The figures of a new scenario as a negotiator types them — on the
//! command line (`--vendor-seats 1,000`) or in the form — each read exactly
//! or refused with what was expected and what was found, in the loader's
//! ranges (docs/format.md), so what is accepted here always loads.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::money::{parse_amount, parse_typed};
use crate::scenario::limits::{MAX_COUNT, MAX_MONTHS};
use crate::scenario::offers::{MAX_COMMIT, MAX_PRICE};

/// A region as given: its name, headcount and, when known, its funnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionSpec {
    pub name: String,
    pub headcount: u64,
    pub funnel: Option<FunnelSpec>,
}

/// A region's seat funnel: provisioned ≥ monthly ≥ weekly ≥ daily active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunnelSpec {
    pub provisioned: u64,
    pub mau: u64,
    pub wau: u64,
    pub dau: u64,
}

fn found(text: &str) -> String {
    format!("found '{}'", crate::diag::sanitize(text.trim()))
}

/// The deal's name: one line of text that is not blank.
pub fn deal_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err("expected the deal's name, found nothing".into());
    }
    one_line(name)
}

/// A name as reports show it: on one line, without control characters.
fn one_line(name: &str) -> Result<String, String> {
    if name.chars().any(crate::diag::is_unsafe) {
        return Err(format!(
            "expected a name on one line without control characters, {}",
            found(name)
        ));
    }
    Ok(name.to_string())
}

/// An ISO 4217 code, capitalised (`eur` is `EUR`).
pub fn currency(text: &str) -> Result<String, String> {
    let code = text.trim().to_ascii_uppercase();
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
        return Ok(code);
    }
    Err(format!(
        "expected an ISO 4217 code of three letters such as USD or EUR, {}",
        found(text)
    ))
}

/// The deal's start, a date from 1990 to 2199.
pub fn start(text: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date such as 2027-01-01, {}", found(text)))?;
    if !(1990..=2199).contains(&date.year()) {
        return Err(format!(
            "expected a date from 1990 to 2199, {}",
            found(text)
        ));
    }
    Ok(date)
}

/// The first day of the month after `today`: a deal starts on a month.
pub fn next_month(today: NaiveDate) -> NaiveDate {
    let (y, m) = match today.month() {
        12 => (today.year() + 1, 1),
        m => (today.year(), m + 1),
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today)
}

/// A head or seat count from `min` to the loader's maximum.
pub fn count(text: &str, min: u64) -> Result<u64, String> {
    let expected = format!("expected a whole number from {min} to {MAX_COUNT}");
    let v = parse_typed(text, "").map_err(|_| format!("{expected}, {}", found(text)))?;
    match u64::try_from(v) {
        Ok(n) if v.fract().is_zero() && (min..=MAX_COUNT).contains(&n) => Ok(n),
        _ => Err(format!("{expected}, {}", found(text))),
    }
}

/// A price per seat-month in the deal currency, to the cent.
pub fn seat_price(text: &str, currency: &str) -> Result<Decimal, String> {
    amount(text, currency, MAX_PRICE)
}

/// An API commit per contract year in the deal currency, to the cent.
pub fn api_commit(text: &str, currency: &str) -> Result<Decimal, String> {
    amount(text, currency, MAX_COMMIT)
}

fn amount(text: &str, currency: &str, max: i64) -> Result<Decimal, String> {
    let v = parse_amount(text, currency)?;
    if v > Decimal::from(max) {
        return Err(format!(
            "expected an amount from 0 to {}, {}",
            crate::money::format_count(max),
            found(text)
        ));
    }
    Ok(v)
}

/// A contract term in whole months, 1 to the loader's maximum.
pub fn term(text: &str) -> Result<u32, String> {
    let n = count(text, 1)
        .ok()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n <= MAX_MONTHS);
    n.ok_or_else(|| {
        format!(
            "expected a number of months from 1 to {MAX_MONTHS}, {}",
            found(text)
        )
    })
}

/// A yearly uplift in percent, 0 to 100 (`7` or `7 %`).
pub fn uplift(text: &str) -> Result<Decimal, String> {
    let v = parse_typed(text, "")?;
    if v > Decimal::ONE_HUNDRED {
        return Err(format!(
            "expected a number of percent from 0 to 100, {}",
            found(text)
        ));
    }
    Ok(v)
}

/// `NAME:HEADCOUNT` or `NAME:HEADCOUNT:PROVISIONED:MONTHLY:WEEKLY:DAILY`.
pub fn region(text: &str) -> Result<RegionSpec, String> {
    let parts: Vec<&str> = text.split(':').collect();
    let expected = "expected NAME:HEADCOUNT or NAME:HEADCOUNT:PROVISIONED:MONTHLY:WEEKLY:DAILY";
    let (name, numbers) = match parts.as_slice() {
        [name, rest @ ..] if rest.len() == 1 || rest.len() == 5 => (*name, rest),
        _ => return Err(format!("{expected}, {}", found(text))),
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("{expected} with a name, {}", found(text)));
    }
    let name = one_line(name)?;
    let name = name.as_str();
    let headcount = count(numbers[0], 0).map_err(|e| format!("headcount of '{name}': {e}"))?;
    let funnel = match numbers {
        [_, p, m, w, d] => {
            let figure =
                |what: &str, t: &str| count(t, 0).map_err(|e| format!("{what} of '{name}': {e}"));
            let f = FunnelSpec {
                provisioned: figure("provisioned", p)?,
                mau: figure("monthly active", m)?,
                wau: figure("weekly active", w)?,
                dau: figure("daily active", d)?,
            };
            funnel_order(name, headcount, &f)?;
            Some(f)
        }
        _ => None,
    };
    Ok(RegionSpec {
        name: name.to_string(),
        headcount,
        funnel,
    })
}

/// The funnel rule: daily ≤ weekly ≤ monthly ≤ provisioned ≤ headcount.
pub fn funnel_order(name: &str, headcount: u64, f: &FunnelSpec) -> Result<(), String> {
    let steps = [
        ("headcount", headcount),
        ("provisioned", f.provisioned),
        ("monthly active", f.mau),
        ("weekly active", f.wau),
        ("daily active", f.dau),
    ];
    for pair in steps.windows(2) {
        let [(hi_k, hi), (lo_k, lo)] = pair else {
            continue;
        };
        if lo > hi {
            return Err(format!(
                "funnel of '{name}' out of order: expected {lo_k} ≤ {hi_k} ({hi}), found '{lo}'"
            ));
        }
    }
    Ok(())
}

/// A region id from its name: lowercase letters, digits and `-`
/// (`North America` is `north-america`, `Tōkyō` is `tōkyō`); `region-N`
/// when none is left.
pub fn region_id(name: &str, n: usize) -> String {
    let mut id = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        format!("region-{n}")
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_whole_and_in_range() {
        assert_eq!(count("1,000", 1), Ok(1000));
        assert!(count("0", 1).unwrap_err().contains("from 1"));
        assert!(count("1.5", 0).unwrap_err().contains("found '1.5'"));
        assert!(count("10000001", 0).is_err());
    }

    #[test]
    fn regions_read_with_or_without_a_funnel() {
        let r = region("EMEA:800:400:300:200:100").unwrap();
        assert_eq!(r.headcount, 800);
        assert_eq!(r.funnel.map(|f| f.wau), Some(200));
        assert_eq!(region("na:1200").unwrap().funnel, None);
        assert!(
            region("na")
                .unwrap_err()
                .contains("expected NAME:HEADCOUNT")
        );
        let e = region("na:100:50:60:10:5").unwrap_err();
        assert!(e.contains("monthly active ≤ provisioned (50)"), "{e}");
    }

    #[test]
    fn ids_are_slugs() {
        assert_eq!(region_id("North America", 1), "north-america");
        assert_eq!(region_id("日本", 2), "日本");
        assert_eq!(region_id("Tōkyō Office", 2), "tōkyō-office");
        assert_eq!(region_id("--", 2), "region-2");
        assert_eq!(region_id("  EU / UK ", 3), "eu-uk");
    }

    #[test]
    fn money_takes_the_deal_currency() {
        assert_eq!(seat_price("$55.40", "USD").unwrap().to_string(), "55.40");
        assert!(seat_price("€55", "USD").is_err());
        assert!(seat_price("1000001", "USD").is_err());
        assert!(api_commit("1.005", "USD").is_err());
    }

    #[test]
    fn terms_dates_and_uplifts() {
        assert_eq!(term("24"), Ok(24));
        assert!(term("0").is_err());
        assert!(term("601").is_err());
        assert!(uplift("101").is_err());
        assert_eq!(uplift("7 %").unwrap(), Decimal::from(7));
        assert!(start("2027-02-30").is_err());
        assert!(start("1900-01-01").unwrap_err().contains("1990"));
        assert_eq!(
            next_month(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        assert_eq!(currency("eur"), Ok("EUR".into()));
        assert!(deal_name("a\nb").unwrap_err().contains("one line"));
    }
}
