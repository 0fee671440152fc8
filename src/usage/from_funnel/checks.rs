//! The checks a result file must pass, row by row and for the total: each
//! figure a whole number of 0 or more (the mean a whole number of active
//! days over the window), the funnel's order in each row, the total the sum
//! of the regions.

use super::RawRow;
use crate::diag::sanitize;
use crate::usage::funnel::{Counts, RegionFunnel, WINDOW_DAYS};

/// The figures of each row, in the order of the §5 JSON.
const FIGURES: [&str; 8] = [
    "provisioned",
    "mau",
    "wau",
    "dau",
    "dormant",
    "mean_daily_active",
    "active_last_7_days",
    "active_last_30_days",
];

/// Figures a last-activity funnel cannot tell: empty (`null`) allowed.
const MAY_BE_UNKNOWN: [&str; 4] = ["wau", "dau", "mean_daily_active", "active_last_7_days"];

/// A figure of `row`: `None` when empty and the figure may be unknown.
pub(super) fn figure(file: &str, row: &RawRow, name: &str) -> Result<Option<u64>, String> {
    let Some(text) = row.cell(name) else {
        return Err(format!(
            "{}: expected the figure, found none",
            row.at(file, name)
        ));
    };
    if text.is_empty() || text.eq_ignore_ascii_case("null") {
        if MAY_BE_UNKNOWN.contains(&name) {
            return Ok(None);
        }
        return Err(format!(
            "{}: expected a count, found nothing",
            row.at(file, name)
        ));
    }
    if name == "mean_daily_active" {
        return mean_days(text).map(Some).ok_or_else(|| {
            format!(
                "{}: expected a mean of whole active days over {WINDOW_DAYS} days with two decimals ('12.50'), found '{}'",
                row.at(file, name),
                sanitize(text)
            )
        });
    }
    // Warehouses may print a count as '12.0' or '12'.
    let whole = text.strip_suffix(".0").unwrap_or(text);
    match whole.parse::<i128>() {
        Ok(n) if n < 0 => Err(format!(
            "{}: expected a count of 0 or more, found '{}'",
            row.at(file, name),
            sanitize(text)
        )),
        Ok(n) => u64::try_from(n)
            .map(Some)
            .map_err(|_| format!("{}: the count '{n}' is too large", row.at(file, name))),
        Err(_) => Err(format!(
            "{}: expected a whole number, found '{}'",
            row.at(file, name),
            sanitize(text)
        )),
    }
}

/// Σ active days behind a mean daily active such as `"12.50"`: the least
/// number of days whose mean over the window rounds (half up) to it, or
/// `None` when no whole number of days does.
fn mean_days(text: &str) -> Option<u64> {
    let (whole, cents) = text.split_once('.')?;
    if cents.len() != 2 || whole.is_empty() {
        return None;
    }
    let h = whole.parse::<u64>().ok()? * 100 + cents.parse::<u64>().ok()?;
    let w = u128::from(WINDOW_DAYS);
    // (200 d + w) div 2w = h  ⇔  2w·h − w ≤ 200 d < 2w·h + w
    let low = (2 * w * u128::from(h)).saturating_sub(w);
    let days = low.div_ceil(200);
    (200 * days < 2 * w * u128::from(h) + w).then(|| u64::try_from(days).ok())?
}

/// One row's figures, in the funnel's order.
pub(super) fn counts(file: &str, row: &RawRow) -> Result<Counts, String> {
    let mut v = [None; 8];
    for (slot, name) in v.iter_mut().zip(FIGURES) {
        *slot = figure(file, row, name)?;
    }
    let c = Counts {
        provisioned: v[0].unwrap_or(0),
        mau: v[1].unwrap_or(0),
        wau: v[2],
        dau: v[3],
        dormant: v[4].unwrap_or(0),
        active_days: v[5],
        active_last_7_days: v[6],
        active_last_30_days: v[7].unwrap_or(0),
    };
    let rule = |ok: bool, name: &str, why: String| match ok {
        true => Ok(()),
        false => Err(format!("{}: {why}", row.at(file, name))),
    };
    let (wau, dau) = (c.wau.unwrap_or(0), c.dau.unwrap_or(0));
    rule(
        c.mau <= c.provisioned,
        "mau",
        format!(
            "expected mau ≤ provisioned, found {} > {}",
            c.mau, c.provisioned
        ),
    )?;
    rule(
        wau <= c.mau,
        "wau",
        format!("expected wau ≤ mau, found {wau} > {}", c.mau),
    )?;
    rule(
        dau <= wau,
        "dau",
        format!("expected dau ≤ wau, found {dau} > {wau}"),
    )?;
    rule(
        c.dormant.checked_add(c.mau) == Some(c.provisioned),
        "dormant",
        format!(
            "expected dormant = provisioned − mau = {}, found {}",
            c.provisioned.saturating_sub(c.mau),
            c.dormant
        ),
    )?;
    rule(
        c.active_last_30_days == c.mau,
        "active_last_30_days",
        format!(
            "expected active_last_30_days = mau = {}, found {}",
            c.mau, c.active_last_30_days
        ),
    )?;
    let l7 = c.active_last_7_days.unwrap_or(0);
    rule(
        l7 <= c.mau,
        "active_last_7_days",
        format!("expected active_last_7_days ≤ mau, found {l7} > {}", c.mau),
    )?;
    let most = c.provisioned.saturating_mul(u64::from(WINDOW_DAYS));
    rule(
        c.active_days.unwrap_or(0) <= most,
        "mean_daily_active",
        format!(
            "expected a mean daily active of at most provisioned = {}, found '{}'",
            c.provisioned,
            c.mean_daily_active().unwrap_or_default()
        ),
    )?;
    Ok(c)
}

/// The total row must add up the regions (the mean within rounding).
pub(super) fn check_sum(
    file: &str,
    regions: &[(RegionFunnel, &RawRow)],
    total: &Counts,
    row: &RawRow,
) -> Result<(), String> {
    let sum = |f: &dyn Fn(&Counts) -> Option<u64>| -> Option<u64> {
        regions.iter().map(|(r, _)| f(&r.counts)).sum()
    };
    let checks: [(&str, Option<u64>, Option<u64>); 7] = [
        (
            "provisioned",
            sum(&|c| Some(c.provisioned)),
            Some(total.provisioned),
        ),
        ("mau", sum(&|c| Some(c.mau)), Some(total.mau)),
        ("wau", sum(&|c| c.wau), total.wau),
        ("dau", sum(&|c| c.dau), total.dau),
        ("dormant", sum(&|c| Some(c.dormant)), Some(total.dormant)),
        (
            "active_last_7_days",
            sum(&|c| c.active_last_7_days),
            total.active_last_7_days,
        ),
        (
            "active_last_30_days",
            sum(&|c| Some(c.active_last_30_days)),
            Some(total.active_last_30_days),
        ),
    ];
    for (name, regions_sum, total) in checks {
        if regions_sum != total {
            return Err(format!(
                "{}: expected the sum of the regions, {}, found {}",
                row.at(file, name),
                regions_sum.map_or("nothing".into(), |n| n.to_string()),
                total.map_or("nothing".into(), |n| n.to_string())
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mean_gives_back_whole_days() {
        for days in [0u64, 1, 2, 27, 28, 29, 100, 4_827] {
            let c = Counts {
                active_days: Some(days),
                ..Counts::default()
            };
            let text = c.mean_daily_active().unwrap();
            let back = mean_days(&text).unwrap();
            let again = Counts {
                active_days: Some(back),
                ..Counts::default()
            };
            assert_eq!(again.mean_daily_active().unwrap(), text);
        }
        // 0.01 is no whole number of days over 28 (1 day is 0.04).
        assert_eq!(mean_days("0.01"), None);
        assert_eq!(mean_days("1.5"), None);
    }
}
