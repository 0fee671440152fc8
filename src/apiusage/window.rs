//! The report's buckets from every page as one window: a bucket that
//! appears again counts once, overlapping buckets are refused, and W runs
//! from the earliest start to the latest end.

use rust_decimal::Decimal;

use super::figures::{DAY, ratio};
use super::parse::{Bucket, Stamp, stamp_text};

/// The report's buckets, each counted once, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub from: Stamp,
    pub to: Stamp,
    pub buckets: Vec<Bucket>,
    /// Buckets dropped because an earlier page held them already.
    pub duplicates: usize,
}

impl Window {
    /// W in seconds.
    pub fn seconds(&self) -> i64 {
        (self.to.0 - self.from.0).num_seconds()
    }

    /// W in days, to four decimals (for display).
    pub fn days(&self) -> Decimal {
        ratio(self.seconds() as u128, DAY as u128, 4)
    }
}

/// Put the pages' buckets together: a bucket that appears again (same
/// start and end) counts once; buckets that overlap otherwise (an hourly
/// bucket inside a daily one) would count tokens twice and are refused.
pub fn merge(pages: Vec<Vec<Bucket>>) -> Result<Window, String> {
    let mut all: Vec<Bucket> = pages.into_iter().flatten().collect();
    all.sort_by_key(|b| (b.start, b.end));
    let mut out: Vec<Bucket> = Vec::with_capacity(all.len());
    let mut duplicates = 0;
    for b in all {
        if let Some(last) = out.last() {
            if last.start == b.start && last.end == b.end {
                duplicates += 1;
                continue;
            }
            if b.start < last.end {
                return Err(format!(
                    "the bucket {} … {} in '{}' overlaps the bucket {} … {} in '{}': expected buckets that do not overlap (download one bucket width for a period), or the same bucket again",
                    stamp_text(b.start),
                    stamp_text(b.end),
                    b.file,
                    stamp_text(last.start),
                    stamp_text(last.end),
                    last.file
                ));
            }
        }
        out.push(b);
    }
    let (Some(first), Some(last)) = (out.first(), out.last()) else {
        return Err("the report holds no buckets: expected `data` with at least one bucket".into());
    };
    let to = out.iter().map(|b| b.end).max().unwrap_or(last.end);
    Ok(Window {
        from: first.start,
        to,
        buckets: out,
        duplicates,
    })
}
