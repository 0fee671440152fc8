//! The activity log from a flat Parquet file's decoded columns, without
//! writing CSV text and parsing it again: user ids and regions as the
//! strings' bytes, dates and timestamps as local times. Every row gives
//! exactly what its line in a CSV export of the file would (the same
//! cells, the same skipped rows with the same line numbers); a value with
//! no fast path (a number as a user id, a date outside years 1 to 9999) is
//! read from its text, as that line would be.

use std::sync::mpsc::{Receiver, SyncSender};

use super::batch::{Batch, finish, hand_on};
use super::{Parser, Scratch, io_error};
use crate::usage::UsageError;
use crate::usage::activity::{trim, user_key};
use crate::usage::input::{Batches, DayText, ValueCursor, Values};
use crate::usage::skipped::{SkipReason, Skipped};

/// Cells written as text when they are not strings.
#[derive(Default)]
struct Texts {
    user: Vec<u8>,
    date: Vec<u8>,
    region: Vec<u8>,
    days: DayText,
}

/// What the parsing side fills and reuses, row after row.
struct Out {
    batch: Batch,
    skipped: Skipped,
    scratch: Scratch,
    texts: Texts,
}

/// Cell `i` of a column (`None`: a null, an empty cell): the string's own
/// bytes when it is one, otherwise its text written into `buf`.
fn cell<'a>(
    values: &'a Values,
    i: Option<usize>,
    buf: &'a mut Vec<u8>,
    days: &mut DayText,
) -> &'a [u8] {
    let Some(i) = i else { return b"" };
    if let Some(bytes) = values.utf8(i) {
        return bytes;
    }
    buf.clear();
    values.text(i, days, buf);
    buf
}

impl Parser<'_> {
    /// [`Parser::run`] on a Parquet file's batches; `line` is the line of
    /// the first row in a CSV export (the one after the header).
    pub(super) fn run_parquet(
        &self,
        mut source: Batches,
        mut line: u64,
        file: &str,
        sink: SyncSender<Batch>,
        spares: Receiver<Batch>,
    ) -> Result<(u64, Skipped), UsageError> {
        let mut out = Out {
            batch: Batch::with_capacity(super::BATCH_ROWS),
            skipped: Skipped::default(),
            scratch: Scratch::default(),
            texts: Texts::default(),
        };
        let mut rows = 0u64;
        let (mut cursors, mut at) = (Vec::new(), Vec::new());
        'batches: while let Some(decoded) = source.next_batch().map_err(|e| io_error(file, e))? {
            let columns = &decoded.columns;
            cursors.clear();
            cursors.resize(columns.len(), ValueCursor::default());
            for row in 0..decoded.rows {
                at.clear();
                let mut breaks = 0;
                for (values, cursor) in columns.iter().zip(&mut cursors) {
                    let i = values.at(cursor, row);
                    if let (true, Some(i)) = (values.is_text(), i) {
                        breaks += values.line_breaks(i);
                    }
                    at.push(i);
                }
                let (first, last) = (line, line + breaks);
                line = last + 1;
                // A one-column file's empty cell is a blank line in CSV,
                // which is no row at all.
                let texts = &mut out.texts;
                if columns.len() == 1
                    && cell(&columns[0], at[0], &mut texts.user, &mut texts.days).is_empty()
                {
                    continue;
                }
                rows += 1;
                self.parse_cells(columns, &at, (first, last), &mut out);
                if !hand_on(&mut out.batch, &sink, &spares) {
                    break 'batches;
                }
            }
            source.give_back(decoded);
        }
        finish(out.batch, &sink);
        Ok((rows, out.skipped))
    }

    /// [`Parser::parse`] for one row of decoded columns: `at` holds each
    /// column's value for it, `lines` the lines it spans in CSV.
    fn parse_cells(
        &self,
        columns: &[Values],
        at: &[Option<usize>],
        (first, last): (u64, u64),
        out: &mut Out,
    ) {
        let Out {
            batch,
            skipped,
            scratch,
            texts,
        } = out;
        let u = self.cols.user;
        let raw = cell(&columns[u], at[u], &mut texts.user, &mut texts.days);
        let user = user_key(raw, &mut scratch.user);
        if user.is_empty() {
            return skipped.note_at(first, last, SkipReason::MissingUser, b"");
        }
        let (d, zone) = (self.cols.date, self.options.zone);
        let local = match at[d].and_then(|i| columns[d].local(i, zone)) {
            Some(local) => self.in_time(local),
            None => {
                let text = trim(cell(&columns[d], at[d], &mut texts.date, &mut texts.days));
                self.local_of(text, &mut scratch.days)
            }
        };
        let local = match local {
            Ok(local) => local,
            Err(reason) => {
                let text = trim(cell(&columns[d], at[d], &mut texts.date, &mut texts.days));
                return skipped.note_at(first, last, reason, text);
            }
        };
        let region = match (self.with_region, self.cols.region) {
            (true, Some(r)) => cell(&columns[r], at[r], &mut texts.region, &mut texts.days),
            _ => b"",
        };
        batch.push(user, region, local);
    }
}
