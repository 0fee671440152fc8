//! Sign-in logs exported as CSV from an admin console.
//!
//! * Microsoft Entra (admin center → Sign-in logs → Download → CSV): a
//!   byte-order mark, quoted headers; `Date (UTC)`, `Username`,
//!   `Application`, `Status` (`Success`, `Failure`, `Interrupted`) and
//!   `Location`. A sign-in counts when its application is the app and its
//!   status `Success`. `Date (UTC)` without an offset is read as UTC.
//! * Google Workspace (Admin console → Reporting → Audit and investigation
//!   → SAML log events, or Login log events → Download → CSV): `Date`,
//!   `Event`, `Actor`, `Application name`, `Actor organizational unit`. A
//!   sign-in counts when the event says it succeeded (`Successful login`,
//!   `login_success`) and the application is the app. `Date` is either
//!   RFC 3339 or the console's own form, `Nov 27, 2026, 9:14:03 AM
//!   GMT+01:00` (a time without `GMT…` is wall-clock time in `--tz`).

use std::path::Path;

use super::table::{Table, cell};
use super::{Counter, Place, same_name, utc_cell};
use crate::usage::UsageError;
use crate::usage::activity::trim;

/// The Entra sign-in log.
pub fn read_entra(path: &Path, counter: &mut Counter) -> Result<(), UsageError> {
    let table = Table::open(
        path,
        "an Entra sign-in log",
        "\"Date (UTC)\",\"Username\",\"Application\",\"Status\"",
    )?;
    let date = table.column(&["Date (UTC)", "Date", "createdDateTime"])?;
    let user = table.column(&["Username", "User principal name", "userPrincipalName"])?;
    let app = table.column(&["Application", "appDisplayName"])?;
    let status = table.column(&["Status"])?;
    let location = table.optional(&["Location"])?;
    let mut buf = Vec::new();
    table.each(|row| {
        counter.tally.read += 1;
        if !same_name(cell(row, app), counter.app().as_bytes()) {
            counter.tally.leave_out("to other apps");
            return;
        }
        if !same_name(cell(row, status), b"Success") {
            counter.tally.leave_out("not successful");
            return;
        }
        let at = Place {
            first: row.line(),
            last: row.last_line(),
        };
        let when = utc_cell(cell(row, date), &mut buf);
        counter.event(at, cell(row, user), when, location.map(|l| cell(row, l)));
    })?;
    Ok(())
}

/// The Google Workspace SAML or login audit export.
pub fn read_google(path: &Path, counter: &mut Counter) -> Result<(), UsageError> {
    let table = Table::open(
        path,
        "a Google Workspace SAML log export",
        "Event,Date,Actor,Application name",
    )?;
    let date = table.column(&["Date"])?;
    let event = table.column(&["Event", "Event name"])?;
    let actor = table.column(&["Actor", "Actor email"])?;
    let app = table.column(&["Application name"])?;
    let unit = table.optional(&["Actor organizational unit"])?;
    let mut buf = Vec::new();
    table.each(|row| {
        counter.tally.read += 1;
        let what = String::from_utf8_lossy(trim(cell(row, event))).to_lowercase();
        if what.contains("fail") {
            counter.tally.leave_out("not successful");
            return;
        }
        if !what.contains("success") {
            counter.tally.leave_out("of other event types");
            return;
        }
        if !same_name(cell(row, app), counter.app().as_bytes()) {
            counter.tally.leave_out("to other apps");
            return;
        }
        let at = Place {
            first: row.line(),
            last: row.last_line(),
        };
        let when = console_date(cell(row, date), &mut buf);
        counter.event(at, cell(row, actor), when, unit.map(|u| cell(row, u)));
    })?;
    Ok(())
}

/// The Admin console's date (`Nov 27, 2026, 9:14:03 AM GMT+01:00`) as an
/// RFC 3339 timestamp in `buf`; any other cell as it is.
pub fn console_date<'b>(cell: &'b [u8], buf: &'b mut Vec<u8>) -> &'b [u8] {
    let text = String::from_utf8_lossy(trim(cell));
    match parse_console(&text) {
        Some(stamp) => {
            buf.clear();
            buf.extend_from_slice(stamp.as_bytes());
            buf
        }
        None => trim(cell),
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn parse_console(text: &str) -> Option<String> {
    // Browsers put a narrow no-break space before AM/PM.
    let text = text.replace(['\u{202f}', '\u{a0}'], " ");
    let mut parts = text.splitn(3, ',').map(str::trim);
    let (month_day, year, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let (month, day) = month_day.split_once(' ')?;
    let month = month.get(..3)?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let day: u32 = day.trim().parse().ok()?;
    let year: u32 = year.parse().ok().filter(|y| (1..=9999).contains(y))?;
    let mut words = rest.split_whitespace();
    let clock = words.next()?;
    let half = words.next()?.to_ascii_uppercase();
    let zone = words.next();
    if words.next().is_some() {
        return None;
    }
    let mut hms = clock.split(':');
    let hour: u32 = hms.next()?.parse().ok()?;
    let minute: u32 = hms.next()?.parse().ok()?;
    let second: u32 = hms.next().map_or(Some(0), |s| s.parse().ok())?;
    if hms.next().is_some() || !(1..=12).contains(&hour) || minute > 59 || second > 60 {
        return None;
    }
    let hour = match half.as_str() {
        "AM" => hour % 12,
        "PM" => hour % 12 + 12,
        _ => return None,
    };
    let offset = match zone {
        None => String::new(),
        Some(z) => zone_offset(z)?,
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}"
    ))
}

/// `GMT`, `UTC`, `GMT+01:00`, `GMT-5`, `GMT+0530` as an RFC 3339 offset.
fn zone_offset(zone: &str) -> Option<String> {
    let upper = zone.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))?;
    if rest.is_empty() {
        return Some("Z".to_string());
    }
    let (sign, digits) = rest.split_at(1);
    if sign != "+" && sign != "-" {
        return None;
    }
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() > 2 => digits.split_at(digits.len() - 2),
        None => (digits, "0"),
    };
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 23 && m <= 59).then(|| format!("{sign}{h:02}:{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_console_date_form_reads_as_rfc_3339() {
        for (text, want) in [
            (
                "Nov 27, 2026, 9:14:03 AM GMT+01:00",
                "2026-11-27T09:14:03+01:00",
            ),
            ("Nov 27, 2026, 12:05:00 AM GMT", "2026-11-27T00:05:00Z"),
            (
                "Dec 1, 2026, 12:30:00 PM GMT-5",
                "2026-12-01T12:30:00-05:00",
            ),
            (
                "Sep 3, 2026, 11:59:59\u{202f}PM UTC+0530",
                "2026-09-03T23:59:59+05:30",
            ),
            ("November 2, 2026, 1:02:03 pm", "2026-11-02T13:02:03"),
        ] {
            assert_eq!(parse_console(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "2026-11-27T09:14:03Z",
            "Nov 27 2026 9:14",
            "Foo 27, 2026, 9:14:03 AM",
            "Nov 27, 2026, 13:14:03 PM",
            "Nov 27, 2026, 9:14:03 AM CET",
        ] {
            assert_eq!(parse_console(text), None, "{text}");
        }
        let mut buf = Vec::new();
        assert_eq!(
            console_date(b" 2026-11-27T09:14:03Z ", &mut buf),
            b"2026-11-27T09:14:03Z"
        );
    }
}
