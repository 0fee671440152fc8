//! Calendar days and timestamps in activity exports, read fast and exactly.
//!
//! A cell holds either a date (`2026-11-20`) or an RFC 3339 timestamp
//! (`2026-11-20T23:30:00Z`, `2026-11-20 23:30:00+02:00`, fractions of a
//! second allowed). Every cell becomes a [`Local`] time: seconds since
//! 1970-01-01 00:00 on the wall clock of the counting zone, whose
//! `div_euclid(86_400)` is the calendar [`Day`] the activity counts for.
//!
//! * A date is that day, whatever the zone.
//! * A timestamp with an offset (`Z`, `+02:00`) is an instant, moved to the
//!   counting zone (`--tz`: UTC by default, a fixed offset or an IANA name).
//! * A timestamp without an offset is already wall-clock time in the
//!   counting zone.
//!
//! The parser is hand-written because it runs once per row of logs with
//! tens of millions of rows; chrono is used only at the edges.

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

/// A calendar day: days since 1970-01-01.
pub type Day = i32;

/// Wall-clock seconds since 1970-01-01 00:00 in the counting zone.
pub type Local = i64;

/// Seconds in a day.
pub const DAY_SECONDS: i64 = 86_400;

/// The calendar day of a local time.
pub fn day_of(local: Local) -> Day {
    // The parser bounds years to 1..=9999, so the day fits an i32.
    local.div_euclid(DAY_SECONDS) as Day
}

/// The time zone in which activity is counted per calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// A fixed offset, in seconds east of UTC.
    Fixed(i32),
    /// An IANA zone such as `Europe/Berlin`, with its daylight saving rules.
    Named(Tz),
}

impl Zone {
    /// Coordinated Universal Time, the default.
    pub const UTC: Zone = Zone::Fixed(0);

    /// Read `--tz`: `UTC`, `Z`, a fixed offset such as `+02:00`, `-0530`,
    /// `+09` or `UTC+01:00`, or an IANA name such as `Europe/Berlin`.
    pub fn parse(text: &str) -> Result<Zone, String> {
        let t = text.trim();
        let upper = t.to_ascii_uppercase();
        let rest = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
            .unwrap_or(&upper);
        if rest.is_empty() || rest == "Z" {
            return Ok(Zone::UTC);
        }
        if let Some(offset) = parse_offset(rest.as_bytes()) {
            return Ok(Zone::Fixed(offset));
        }
        t.parse::<Tz>().map(Zone::Named).map_err(|_| {
            format!(
                "expected a time zone: an IANA name such as 'Europe/Berlin', a UTC offset such as '+02:00' or 'UTC', found '{t}'"
            )
        })
    }

    /// Seconds east of UTC at the instant `utc` (seconds since the epoch).
    pub fn offset_at(self, utc: i64) -> i64 {
        match self {
            Zone::Fixed(offset) => i64::from(offset),
            Zone::Named(tz) => chrono::DateTime::from_timestamp(utc, 0).map_or(0, |t| {
                i64::from(
                    tz.offset_from_utc_datetime(&t.naive_utc())
                        .fix()
                        .local_minus_utc(),
                )
            }),
        }
    }

    /// The local time of a cell, or `None` when it is neither a date nor an
    /// RFC 3339 timestamp.
    pub fn local(self, cell: &[u8]) -> Option<Local> {
        self.local_with(cell, &mut DayCache::default())
    }

    /// [`Zone::local`] remembering the last date read in `cache`.
    pub fn local_with(self, cell: &[u8], cache: &mut DayCache) -> Option<Local> {
        let day = cache.day(cell.get(..10)?)?;
        let start = i64::from(day) * DAY_SECONDS;
        if cell.len() == 10 {
            return Some(start);
        }
        let (seconds, offset) = parse_time(cell.get(10..)?)?;
        let wall = start + seconds;
        Some(match offset {
            Some(off) => {
                let utc = wall - i64::from(off);
                utc + self.offset_at(utc)
            }
            None => wall,
        })
    }
}

/// The last date read and its day: logs list many rows of the same day in
/// a row, so most cells need no calendar arithmetic.
#[derive(Debug, Clone, Copy, Default)]
pub struct DayCache {
    text: [u8; 10],
    day: Option<Day>,
}

impl DayCache {
    /// The day of a `YYYY-MM-DD` date, as [`parse_date`].
    pub fn day(&mut self, b: &[u8]) -> Option<Day> {
        // Compared as arrays: inline, without a call to memcmp.
        if self.day.is_some() && <[u8; 10]>::try_from(b).is_ok_and(|t| t == self.text) {
            return self.day;
        }
        let day = parse_date(b)?;
        self.text.copy_from_slice(b);
        self.day = Some(day);
        Some(day)
    }
}

/// A `YYYY-MM-DD` date as a [`Day`].
pub fn parse_date(b: &[u8]) -> Option<Day> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    if year == 0 || !(1..=12).contains(&month) || day == 0 || day > month_len(year, month) {
        return None;
    }
    Some(days_from_civil(year as i32, month, day))
}

/// `THH:MM:SS[.frac][offset]` after the date: seconds into the day and
/// the offset in seconds east of UTC when one is given.
fn parse_time(b: &[u8]) -> Option<(i64, Option<i32>)> {
    if b.len() < 9 || !matches!(b[0], b'T' | b't' | b' ') || b[3] != b':' || b[6] != b':' {
        return None;
    }
    let (h, m, s) = (digits(&b[1..3])?, digits(&b[4..6])?, digits(&b[7..9])?);
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    // A leap second (":60") counts in the same minute.
    let seconds = i64::from(h * 3600 + m * 60 + s.min(59));
    let mut rest = &b[9..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    match rest {
        [] => Some((seconds, None)),
        [b'Z' | b'z'] => Some((seconds, Some(0))),
        _ => Some((seconds, Some(parse_offset(rest)?))),
    }
}

/// `+HH:MM`, `-HHMM` or `+HH` as seconds east of UTC (at most 23:59).
fn parse_offset(b: &[u8]) -> Option<i32> {
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = match &b[1..] {
        [h1, h2] => (digits(&[*h1, *h2])?, 0),
        [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60) as i32)
}

/// ASCII digits as a number; `None` on anything else.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn month_len(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year, month and day of a [`Day`] in years 1 to 9999 (the years
/// [`parse_date`] reads), by H. Hinnant's `civil_from_days`; `None`
/// outside them.
pub fn civil(day: Day) -> Option<(u32, u32, u32)> {
    let z = i64::from(day) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (1..=9999)
        .contains(&y)
        .then_some((y as u32, m as u32, d as u32))
}

/// The chrono date of a [`Day`].
pub fn to_date(day: Day) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day.checked_add(719_163)?)
}

/// The [`Day`] of a chrono date.
pub fn from_date(date: NaiveDate) -> Day {
    use chrono::Datelike;
    date.num_days_from_ce() - 719_163
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    fn local(zone: &str, cell: &str) -> Option<Local> {
        Zone::parse(zone).unwrap().local(cell.as_bytes())
    }

    #[test]
    fn dates_match_chrono() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-20",
            "1969-12-31",
            "0001-01-01",
        ] {
            let ours = parse_date(text.as_bytes()).unwrap();
            let theirs = NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
            assert_eq!(ours, from_date(theirs), "{text}");
            assert_eq!(to_date(ours), Some(theirs));
        }
    }

    #[test]
    fn civil_dates_match_chrono() {
        for day in (-719_162..2_932_897)
            .step_by(997)
            .chain([-719_163, 2_932_896, 2_932_897])
        {
            let ours = civil(day);
            let theirs = to_date(day)
                .filter(|d| (1..=9999).contains(&d.year()))
                .map(|d| (d.year() as u32, d.month(), d.day()));
            assert_eq!(ours, theirs, "{day}");
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "20261120",
            "0000-01-01",
        ] {
            assert_eq!(parse_date(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn timestamps_count_in_the_zone() {
        let d = i64::from(parse_date(b"2026-11-20").unwrap());
        assert_eq!(
            local("UTC", "2026-11-20T23:30:00Z").map(day_of),
            Some(d as Day)
        );
        assert_eq!(
            local("+02:00", "2026-11-20T23:30:00Z").map(day_of),
            Some(d as Day + 1)
        );
        assert_eq!(
            local("-05:00", "2026-11-20T02:00:00.123Z").map(day_of),
            Some(d as Day - 1)
        );
        assert_eq!(
            local("UTC", "2026-11-20 23:30:00+02:00").map(day_of),
            Some(d as Day)
        );
        assert_eq!(
            local("+02:00", "2026-11-20T23:30:00").map(day_of),
            Some(d as Day)
        );
        assert_eq!(
            local("UTC", "2026-11-20T23:59:60Z").map(day_of),
            Some(d as Day)
        );
    }

    #[test]
    fn the_day_cache_gives_what_the_parser_gives() {
        let mut cache = DayCache::default();
        for text in [
            "2026-11-20",
            "2026-11-20",
            "2026-02-30",
            "2026-11-21",
            "2026-11-20",
        ] {
            assert_eq!(
                cache.day(text.as_bytes()),
                parse_date(text.as_bytes()),
                "{text}"
            );
        }
    }

    #[test]
    fn broken_timestamps_are_refused() {
        for text in [
            "2026-11-20T24:00:00Z",
            "2026-11-20T10:00Z",
            "2026-11-20T10:00:00.Z",
            "2026-11-20T10:00:00+2",
        ] {
            assert_eq!(local("UTC", text), None, "{text}");
        }
    }

    #[test]
    fn zones_read_offsets_and_names() {
        assert_eq!(Zone::parse("+02:00"), Ok(Zone::Fixed(7200)));
        assert_eq!(Zone::parse("UTC-0530"), Ok(Zone::Fixed(-19_800)));
        assert_eq!(Zone::parse("z"), Ok(Zone::UTC));
        assert_eq!(
            Zone::parse("Europe/Berlin"),
            Ok(Zone::Named(Tz::Europe__Berlin))
        );
        assert!(Zone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn named_zones_follow_daylight_saving() {
        let d = parse_date(b"2026-07-01").unwrap();
        // 22:30 UTC is 00:30 the next day in Berlin in summer (UTC+2) ...
        assert_eq!(
            local("Europe/Berlin", "2026-07-01T22:30:00Z").map(day_of),
            Some(d + 1)
        );
        // ... but still the same day in winter (UTC+1).
        let w = parse_date(b"2026-01-01").unwrap();
        assert_eq!(
            local("Europe/Berlin", "2026-01-01T22:30:00Z").map(day_of),
            Some(w)
        );
    }
}
