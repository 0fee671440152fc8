//! Parquet values as the text a CSV export holds, written by hand where
//! it matters: a date or a timestamp is written once per row of a log.

use parquet::record::Field;

use crate::usage::dates::{civil, to_date};

/// The last day written and its `YYYY-MM-DD`: rows of one day come
/// together, so most dates are copied rather than worked out.
#[derive(Debug, Default)]
pub struct DayText(Option<(i32, [u8; 10])>);

impl DayText {
    /// Write `day` as `YYYY-MM-DD`; false (writing nothing) outside years
    /// 1 to 9999.
    fn write(&mut self, day: i32, out: &mut Vec<u8>) -> bool {
        if let Some((last, text)) = self.0
            && last == day
        {
            out.extend_from_slice(&text);
            return true;
        }
        let Some((year, month, date)) = civil(day) else {
            return false;
        };
        let mut text = *b"0000-00-00";
        put_digits(&mut text[0..4], year);
        put_digits(&mut text[5..7], month);
        put_digits(&mut text[8..10], date);
        self.0 = Some((day, text));
        out.extend_from_slice(&text);
        true
    }
}

/// A Parquet value as the text a CSV export would hold.
pub(super) fn field_text(field: &Field, instant: bool, days: &mut DayText, out: &mut Vec<u8>) {
    use std::io::Write;
    match field {
        Field::Null => {}
        Field::Str(s) => out.extend_from_slice(s.as_bytes()),
        Field::Bytes(b) => push_text(b.data(), out),
        Field::Date(d) => date_text(*d, days, out),
        Field::TimestampMillis(ms) => timestamp(ms.div_euclid(1000), instant, days, out),
        Field::TimestampMicros(us) => timestamp(us.div_euclid(1_000_000), instant, days, out),
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// Bytes as text: as they are when they are UTF-8 (checking is quick),
/// with replacement characters otherwise.
pub(super) fn push_text(bytes: &[u8], out: &mut Vec<u8>) {
    if bytes.is_ascii() || std::str::from_utf8(bytes).is_ok() {
        out.extend_from_slice(bytes);
    } else {
        out.extend_from_slice(String::from_utf8_lossy(bytes).as_bytes());
    }
}

/// A `DATE` (days since the epoch) as `YYYY-MM-DD`; outside years 1 to
/// 9999 as chrono writes it (which the date parser then refuses, as it
/// would in a CSV export).
pub(super) fn date_text(day: i32, days: &mut DayText, out: &mut Vec<u8>) {
    if !days.write(day, out)
        && let Some(d) = to_date(day)
    {
        use std::io::Write;
        let _ = write!(out, "{d}");
    }
}

/// `n` in decimal, right-aligned in `at` with leading zeros.
fn put_digits(at: &mut [u8], mut n: u32) {
    for digit in at.iter_mut().rev() {
        *digit = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SS`, with `Z` for an
/// instant.
pub(super) fn timestamp(seconds: i64, instant: bool, days: &mut DayText, out: &mut Vec<u8>) {
    let Ok(day) = i32::try_from(seconds.div_euclid(86_400)) else {
        return;
    };
    if !days.write(day, out) {
        // Outside years 1 to 9999: the year's last four digits, as before.
        use chrono::Datelike;
        let Some(d) = to_date(day) else {
            return;
        };
        let mut text = *b"0000-00-00";
        put_digits(&mut text[0..4], u32::try_from(d.year()).unwrap_or(0));
        put_digits(&mut text[5..7], d.month());
        put_digits(&mut text[8..10], d.day());
        out.extend_from_slice(&text);
    }
    let s = seconds.rem_euclid(86_400) as u32;
    let mut text = *b"T00:00:00Z";
    put_digits(&mut text[1..3], s / 3600);
    put_digits(&mut text[4..6], s / 60 % 60);
    put_digits(&mut text[7..9], s % 60);
    let len = if instant { 10 } else { 9 };
    out.extend_from_slice(&text[..len]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let mut days = DayText::default();
        for day in [
            -719_162, -1, 0, 20_412, 20_412, 2_932_896, 2_932_897, -800_000,
        ] {
            let mut ours = Vec::new();
            date_text(day, &mut days, &mut ours);
            let theirs = to_date(day).map(|d| d.to_string()).unwrap_or_default();
            assert_eq!(ours, theirs.as_bytes(), "{day}");
        }
    }

    #[test]
    fn timestamps_keep_whether_they_are_instants() {
        let mut days = DayText::default();
        let mut s = Vec::new();
        timestamp(1_795_217_400, true, &mut days, &mut s);
        assert_eq!(s, b"2026-11-20T23:30:00Z");
        s.clear();
        timestamp(1_795_217_400, false, &mut days, &mut s);
        assert_eq!(s, b"2026-11-20T23:30:00");
        s.clear();
        timestamp(1_795_217_400 - 86_400, true, &mut days, &mut s);
        assert_eq!(s, b"2026-11-19T23:30:00Z");
    }
}
