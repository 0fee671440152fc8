//! Streaming the roster and the activity log into an [`Activity`], one
//! reused [`Row`] at a time: quoted fields, CRLF line ends, blank lines and
//! a UTF-8 byte-order mark are [`super::rows`]' business, and so is the
//! physical line of each row that messages name. Rows the funnel cannot use
//! are counted in [`Skipped`]; a file that is not CSV at all (a quote never
//! closed) is an error.
//!
//! The log is read by two threads: one parses CSV rows, user ids and dates
//! into batches, the other counts the batches into the [`Activity`] (hash
//! lookups, which cost as much as the parsing). Batches keep the file's
//! order, so the result is the same as reading in one thread. A flat
//! Parquet log is parsed from its decoded columns instead of CSV text
//! ([`parquet`]), decoded in a third thread. In a last-activity export an
//! empty date is not a fault: the user is listed and has never been active.

use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::UsageError;
use super::activity::{Activity, NEVER, trim, user_key};
use super::columns::{ColumnNames, LogColumns, log_columns, roster_columns};
use super::dates::{Day, DayCache, Local, Zone, day_of};
use super::funnel::Source;
use super::input::{Batches, Input};
use super::rows::{MAX_ROW_BYTES, Row, Rows, RowsError};
use super::skipped::{SkipReason, Skipped};
use crate::diag::Diagnostic;
use batch::{Batch, count, finish, hand_on};

/// The region of every user when an export has no region column.
pub const ALL_REGIONS: &str = "all";

mod batch;
mod parquet;

/// Rows per batch handed from the parsing thread to the counting one.
const BATCH_ROWS: usize = 16 * 1024;

/// Batches in flight between the threads: bounds the memory used.
const BATCHES_IN_FLIGHT: usize = 4;

/// How to read the log.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub columns: ColumnNames,
    /// Read the date column as a per-user last-activity date.
    pub last_activity: bool,
    pub zone: Zone,
    /// D, when the user gave it; rows after it are skipped.
    pub as_of: Option<Day>,
}

/// What reading the activity log found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogSummary {
    pub source: Source,
    /// Data rows read (header excluded).
    pub rows: u64,
    pub skipped: Skipped,
    /// False when the log has no region column.
    pub has_regions: bool,
}

/// What reading the roster found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterSummary {
    /// Distinct seat holders.
    pub seats: u64,
    /// Lines naming a user already on the roster (the first line wins).
    pub duplicates: u64,
    /// The first such line and the user it names, for the warning.
    pub first_duplicate: Option<(u64, String)>,
    /// Lines without a user.
    pub skipped: Skipped,
    /// False when the roster has no region column.
    pub has_regions: bool,
}

pub(super) fn invalid(file: &str, line: u64, message: impl Into<String>) -> UsageError {
    invalid_at(file, line, 1, message)
}

pub(super) fn invalid_at(
    file: &str,
    line: u64,
    column: u64,
    message: impl Into<String>,
) -> UsageError {
    UsageError::Invalid(Diagnostic::at_line(
        file,
        line as usize,
        column as usize,
        message,
    ))
}

pub(super) fn io_error(file: &str, e: impl std::fmt::Display) -> UsageError {
    UsageError::Io {
        file: file.to_string(),
        reason: e.to_string(),
    }
}

/// A file that cannot be read as CSV rows, in the user's terms.
pub(super) fn rows_error(file: &str, e: RowsError) -> UsageError {
    let limit = format!("{} MiB", MAX_ROW_BYTES >> 20);
    match e {
        RowsError::Io(e) => io_error(file, e),
        RowsError::Unterminated {
            line,
            column,
            last_line,
        } => invalid_at(
            file,
            line,
            column,
            format!(
                "unterminated quoted field: expected a closing '\"' for the quote that opens here, \
                 found the end of the file (line {last_line}); close the quote, or write a quote \
                 inside a field as '\"\"'"
            ),
        ),
        RowsError::TooLong { line, quote: None } => invalid(
            file,
            line,
            format!(
                "expected rows of at most {limit}, found a longer one starting here: is this a CSV file?"
            ),
        ),
        RowsError::TooLong {
            line,
            quote: Some((quote_line, column)),
        } => invalid(
            file,
            line,
            format!(
                "expected rows of at most {limit}, found a longer one starting here: the quoted \
                 field opened at line {quote_line}, column {column} is probably missing its closing '\"'"
            ),
        ),
    }
}

/// Open a CSV file (or a compressed or Parquet one, see [`super::input`])
/// and read its header; an empty file is an error.
pub(super) fn open(
    path: &Path,
    file: &str,
    expected: &str,
) -> Result<(Rows<Input>, Row), UsageError> {
    let handle = super::input::open(path).map_err(|e| io_error(file, e))?;
    let mut rows = Rows::new(handle);
    let header = header_of(&mut rows, file, expected)?;
    Ok((rows, header))
}

/// The header line of `rows`; an empty file is an error.
fn header_of<R: std::io::Read>(
    rows: &mut Rows<R>,
    file: &str,
    expected: &str,
) -> Result<Row, UsageError> {
    let mut header = Row::default();
    let found = rows.read(&mut header).map_err(|e| rows_error(file, e))?;
    if !found || header.fields().all(|f| trim(f).is_empty()) {
        return Err(invalid(
            file,
            if found { header.line() } else { 1 },
            format!(
                "the file is empty: expected a header line such as '{expected}' and one row per line"
            ),
        ));
    }
    Ok(header)
}

/// Where the activity log's rows come from: CSV text (what every format
/// is read as), or a flat Parquet file's decoded columns, read without
/// the text in between.
enum LogRows {
    Csv(Rows<Input>),
    Parquet(Batches),
}

/// Open the activity log as [`open`] does, a flat Parquet file as
/// decoded columns.
fn open_log(path: &Path, file: &str, expected: &str) -> Result<(LogRows, Row), UsageError> {
    let batches = super::input::parquet_batches(path).map_err(|e| io_error(file, e))?;
    // A header line that is blank (one column without a name) is skipped
    // as blank lines are: CSV text then, so rows are read as ever.
    let Some(batches) = batches.filter(|b| b.header != b"\n") else {
        let (rows, header) = open(path, file, expected)?;
        return Ok((LogRows::Csv(rows), header));
    };
    let header = header_of(
        &mut Rows::new(std::io::Cursor::new(batches.header.clone())),
        file,
        expected,
    )?;
    Ok((LogRows::Parquet(batches), header))
}

pub(super) fn header_only(file: &str, header: &Row, what: &str) -> UsageError {
    let line = header.line() + 1;
    invalid(
        file,
        line,
        format!("the file has a header but no rows: expected {what} from line {line} on"),
    )
}

/// Read a roster of seat holders (`user,region`) into `activity`.
pub fn read_roster(
    path: &Path,
    columns: &ColumnNames,
    activity: &mut Activity,
) -> Result<RosterSummary, UsageError> {
    let file = path.display().to_string();
    let (mut rows, header) = open(path, &file, "user,region")?;
    let cols =
        roster_columns(header.fields(), columns).map_err(|m| invalid(&file, header.line(), m))?;
    activity.roster = true;
    let all = activity.region(ALL_REGIONS.as_bytes());
    let mut summary = RosterSummary {
        seats: 0,
        duplicates: 0,
        first_duplicate: None,
        skipped: Skipped::default(),
        has_regions: cols.region.is_some(),
    };
    let (mut row, mut scratch, mut count) = (Row::default(), Vec::new(), 0u64);
    while rows.read(&mut row).map_err(|e| rows_error(&file, e))? {
        count += 1;
        let user = user_key(row.get(cols.user).unwrap_or_default(), &mut scratch);
        if user.is_empty() {
            summary.skipped.note(&row, SkipReason::MissingUser, b"");
            continue;
        }
        let region = match cols.region {
            Some(i) => activity.region(row.get(i).unwrap_or_default()),
            None => all,
        };
        if activity.add_seat(user, region) {
            summary.seats += 1;
        } else {
            summary.duplicates += 1;
            if summary.first_duplicate.is_none() {
                let who = String::from_utf8_lossy(user).chars().take(60).collect();
                summary.first_duplicate = Some((row.line(), who));
            }
        }
    }
    if count == 0 {
        return Err(header_only(&file, &header, "one row per seat holder"));
    }
    Ok(summary)
}

/// Stream the activity log (events or last-activity dates) into
/// `activity`, after any roster.
pub fn read_log(
    path: &Path,
    options: &ReadOptions,
    activity: &mut Activity,
) -> Result<LogSummary, UsageError> {
    let file = path.display().to_string();
    let (reader, header) = open_log(path, &file, "user,region,date")?;
    let cols = log_columns(header.fields(), &options.columns, options.last_activity)
        .map_err(|m| invalid(&file, header.line(), m))?;
    let all = activity.region(ALL_REGIONS.as_bytes());
    let parser = Parser {
        cols,
        options,
        with_region: !activity.roster && cols.region.is_some(),
    };
    let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
    // Counted batches go back to be filled again: no fresh memory per batch.
    let (returner, spares) = sync_channel(BATCHES_IN_FLIGHT + 2);
    let parsed = std::thread::scope(|scope| {
        let parsing = scope.spawn(|| match reader {
            LogRows::Csv(rows) => parser.run(rows, &file, sender, spares),
            LogRows::Parquet(batches) => {
                parser.run_parquet(batches, header.last_line() + 1, &file, sender, spares)
            }
        });
        for mut batch in batches {
            count(&batch, activity, all, parser.with_region);
            batch.clear();
            let _ = returner.try_send(batch);
        }
        parsing.join()
    });
    let (rows, skipped) = parsed
        .map_err(|_| io_error(&file, "the thread reading the file stopped unexpectedly"))??;
    if rows == 0 {
        return Err(header_only(&file, &header, "one row per event"));
    }
    Ok(LogSummary {
        source: cols.source,
        rows,
        skipped,
        has_regions: cols.region.is_some(),
    })
}

/// What the parser reuses from row to row.
#[derive(Default)]
struct Scratch {
    /// A user id folded to lower case.
    user: Vec<u8>,
    days: DayCache,
}

/// The parsing side of [`read_log`].
struct Parser<'o> {
    cols: LogColumns,
    options: &'o ReadOptions,
    /// Keep each row's region (no roster, and the log has a region column).
    with_region: bool,
}

impl Parser<'_> {
    /// Parse every row into batches sent to `sink` (taking empty ones from
    /// `spares` when there are); returns the number of rows read and those
    /// skipped.
    fn run(
        &self,
        mut reader: Rows<Input>,
        file: &str,
        sink: SyncSender<Batch>,
        spares: Receiver<Batch>,
    ) -> Result<(u64, Skipped), UsageError> {
        let (mut row, mut scratch) = (Row::default(), Scratch::default());
        let (mut rows, mut skipped) = (0u64, Skipped::default());
        let mut batch = Batch::with_capacity(BATCH_ROWS);
        while reader.read(&mut row).map_err(|e| rows_error(file, e))? {
            rows += 1;
            self.parse(&row, &mut batch, &mut skipped, &mut scratch);
            if !hand_on(&mut batch, &sink, &spares) {
                break;
            }
        }
        finish(batch, &sink);
        Ok((rows, skipped))
    }

    fn parse(&self, record: &Row, batch: &mut Batch, skipped: &mut Skipped, scratch: &mut Scratch) {
        let user = user_key(
            record.get(self.cols.user).unwrap_or_default(),
            &mut scratch.user,
        );
        if user.is_empty() {
            skipped.note(record, SkipReason::MissingUser, b"");
            return;
        }
        let cell = trim(record.get(self.cols.date).unwrap_or_default());
        let local = match self.local_of(cell, &mut scratch.days) {
            Ok(local) => local,
            Err(reason) => return skipped.note(record, reason, cell),
        };
        let region = match (self.with_region, self.cols.region) {
            (true, Some(i)) => record.get(i).unwrap_or_default(),
            _ => b"",
        };
        batch.push(user, region, local);
    }

    /// The local time of a date cell (trimmed), or why its row is skipped.
    fn local_of(&self, cell: &[u8], days: &mut DayCache) -> Result<Local, SkipReason> {
        if cell.is_empty() && self.cols.source == Source::LastActivity {
            return Ok(NEVER);
        }
        let local = self
            .options
            .zone
            .local_with(cell, days)
            .ok_or(SkipReason::BadDate)?;
        self.in_time(local)
    }

    /// `local`, unless it falls after the as-of date.
    fn in_time(&self, local: Local) -> Result<Local, SkipReason> {
        match self.options.as_of {
            Some(d) if day_of(local) > d => Err(SkipReason::AfterAsOf),
            _ => Ok(local),
        }
    }
}
