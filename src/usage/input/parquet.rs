//! Parquet files as CSV text: a flat file is read row group by row group
//! with the column readers, a batch of rows at a time, in a thread of its
//! own; a file with nested columns goes through the slower row API. See
//! [`super`] for how values become cells.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use parquet::basic::{ConvertedType, LogicalType, TimeUnit};
use parquet::column::reader::ColumnReader;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use parquet::schema::types::ColumnDescriptor;

use super::{invalid, push_cell};
use crate::usage::dates::{civil, to_date};

/// Rows per batch read from each column of a row group.
const PARQUET_BATCH: usize = 8192;

/// CSV chunks in flight from the decoding thread: bounds the memory used.
const CHUNKS_IN_FLIGHT: usize = 4;

/// The rows of a Parquet file as CSV text, one row group at a time,
/// decoded in a thread of its own (as the CSV is parsed in another).
pub(super) fn parquet_csv(path: &Path) -> io::Result<ParquetCsv> {
    let reader = SerializedFileReader::new(File::open(path)?).map_err(parquet_error)?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let flat = schema
        .root_schema()
        .get_fields()
        .iter()
        .all(|f| f.is_primitive());
    let mut header = Vec::new();
    let mut kinds = Vec::new();
    for (i, column) in schema.columns().iter().enumerate() {
        if i > 0 {
            header.push(b',');
        }
        push_cell(&mut header, column.name().as_bytes());
        kinds.push(Kind::of(column));
    }
    header.push(b'\n');
    let (sink, chunks) = sync_channel(CHUNKS_IN_FLIGHT);
    std::thread::spawn(move || {
        let done = if flat {
            by_columns(&reader, &kinds, &sink)
        } else {
            by_rows(reader, &kinds, &sink)
        };
        if let Err(e) = done {
            let _ = sink.send(Err(e));
        }
    });
    Ok(ParquetCsv {
        chunks,
        buf: header,
        pos: 0,
    })
}

fn parquet_error(e: parquet::errors::ParquetError) -> io::Error {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("zstd") {
        return invalid(format!(
            "{text}: zstd-compressed Parquet is not read; export with Snappy or gzip compression"
        ));
    }
    invalid(format!("not a readable Parquet file: {text}"))
}

/// How a column's values are written as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Date,
    /// A timestamp in units per second; `instant`: adjusted to UTC.
    Timestamp {
        per_second: i64,
        instant: bool,
    },
}

impl Kind {
    fn of(column: &ColumnDescriptor) -> Kind {
        let per_second = |unit: &TimeUnit| match unit {
            TimeUnit::MILLIS => 1_000,
            TimeUnit::MICROS => 1_000_000,
            TimeUnit::NANOS => 1_000_000_000,
        };
        match (column.logical_type_ref(), column.converted_type()) {
            (Some(LogicalType::Date), _) | (None, ConvertedType::DATE) => Kind::Date,
            (Some(LogicalType::Timestamp(t)), _) => Kind::Timestamp {
                per_second: per_second(&t.unit),
                instant: t.is_adjusted_to_u_t_c,
            },
            (None, ConvertedType::TIMESTAMP_MILLIS) => Kind::Timestamp {
                per_second: 1_000,
                instant: true,
            },
            (None, ConvertedType::TIMESTAMP_MICROS) => Kind::Timestamp {
                per_second: 1_000_000,
                instant: true,
            },
            _ => Kind::Plain,
        }
    }
}

/// A Parquet file read as CSV lines.
pub(super) struct ParquetCsv {
    chunks: Receiver<io::Result<Vec<u8>>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for ParquetCsv {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.buf.len() {
            match self.chunks.recv() {
                Ok(chunk) => {
                    self.buf = chunk?;
                    self.pos = 0;
                }
                // The decoding thread is done.
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

type Sink = SyncSender<io::Result<Vec<u8>>>;

/// A flat file: every column of a row group read in batches with the
/// column readers, the batch then written row by row.
fn by_columns(reader: &SerializedFileReader<File>, kinds: &[Kind], sink: &Sink) -> io::Result<()> {
    for g in 0..reader.num_row_groups() {
        let group = reader.get_row_group(g).map_err(parquet_error)?;
        let mut columns = Vec::with_capacity(kinds.len());
        for (i, &kind) in kinds.iter().enumerate() {
            let max_def = group.metadata().column(i).column_descr().max_def_level();
            let reader = group.get_column_reader(i).map_err(parquet_error)?;
            columns.push(Column::new(reader, kind, max_def));
        }
        loop {
            let mut rows = 0;
            for column in &mut columns {
                rows = column.read_batch().map_err(parquet_error)?;
            }
            if rows == 0 {
                break;
            }
            let mut chunk = Vec::with_capacity(rows * 48);
            let mut text = Vec::new();
            for column in &mut columns {
                column.next_value = 0;
            }
            for _ in 0..rows {
                for (i, column) in columns.iter_mut().enumerate() {
                    if i > 0 {
                        chunk.push(b',');
                    }
                    text.clear();
                    column.cell(&mut text);
                    push_cell(&mut chunk, &text);
                }
                chunk.push(b'\n');
            }
            if sink.send(Ok(chunk)).is_err() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// One column's reader and its current batch.
struct Column {
    reader: ColumnReader,
    kind: Kind,
    max_def: i16,
    defs: Vec<i16>,
    values: Values,
    /// The row of the batch being written, and the next value for it.
    next_row: usize,
    next_value: usize,
    /// The last `DATE` written and its text: rows of one day come together.
    last_date: Option<(i32, [u8; 10])>,
}

enum Values {
    Bool(Vec<bool>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    I96(Vec<parquet::data_type::Int96>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    Bytes(Vec<parquet::data_type::ByteArray>),
    Fixed(Vec<parquet::data_type::FixedLenByteArray>),
}

impl Column {
    fn new(reader: ColumnReader, kind: Kind, max_def: i16) -> Column {
        let values = match &reader {
            ColumnReader::BoolColumnReader(_) => Values::Bool(Vec::new()),
            ColumnReader::Int32ColumnReader(_) => Values::I32(Vec::new()),
            ColumnReader::Int64ColumnReader(_) => Values::I64(Vec::new()),
            ColumnReader::Int96ColumnReader(_) => Values::I96(Vec::new()),
            ColumnReader::FloatColumnReader(_) => Values::F32(Vec::new()),
            ColumnReader::DoubleColumnReader(_) => Values::F64(Vec::new()),
            ColumnReader::ByteArrayColumnReader(_) => Values::Bytes(Vec::new()),
            ColumnReader::FixedLenByteArrayColumnReader(_) => Values::Fixed(Vec::new()),
        };
        Column {
            reader,
            kind,
            max_def,
            defs: Vec::new(),
            values,
            next_row: 0,
            next_value: 0,
            last_date: None,
        }
    }

    /// Read the next batch; the number of rows in it.
    fn read_batch(&mut self) -> parquet::errors::Result<usize> {
        self.defs.clear();
        self.next_row = 0;
        let defs = (self.max_def > 0).then_some(&mut self.defs);
        macro_rules! batch {
            ($r:expr, $v:expr) => {{
                $v.clear();
                $r.read_records(PARQUET_BATCH, defs, None, $v)?.0
            }};
        }
        Ok(match (&mut self.reader, &mut self.values) {
            (ColumnReader::BoolColumnReader(r), Values::Bool(v)) => batch!(r, v),
            (ColumnReader::Int32ColumnReader(r), Values::I32(v)) => batch!(r, v),
            (ColumnReader::Int64ColumnReader(r), Values::I64(v)) => batch!(r, v),
            (ColumnReader::Int96ColumnReader(r), Values::I96(v)) => batch!(r, v),
            (ColumnReader::FloatColumnReader(r), Values::F32(v)) => batch!(r, v),
            (ColumnReader::DoubleColumnReader(r), Values::F64(v)) => batch!(r, v),
            (ColumnReader::ByteArrayColumnReader(r), Values::Bytes(v)) => batch!(r, v),
            (ColumnReader::FixedLenByteArrayColumnReader(r), Values::Fixed(v)) => batch!(r, v),
            _ => 0,
        })
    }

    /// The next row's cell as text (nothing for a null).
    fn cell(&mut self, out: &mut Vec<u8>) {
        let row = self.next_row;
        self.next_row += 1;
        if self.max_def > 0 && self.defs.get(row).is_none_or(|&d| d < self.max_def) {
            return;
        }
        let i = self.next_value;
        self.next_value += 1;
        let field = match &self.values {
            Values::Bool(v) => v.get(i).map(|&b| Field::Bool(b)),
            Values::I32(v) => v.get(i).and_then(|&n| match self.kind {
                Kind::Date => {
                    match self.last_date {
                        Some((day, text)) if day == n => out.extend_from_slice(&text),
                        _ => {
                            let at = out.len();
                            date_text(n, out);
                            self.last_date = <[u8; 10]>::try_from(&out[at..]).ok().map(|t| (n, t));
                        }
                    }
                    None
                }
                _ => Some(Field::Int(n)),
            }),
            Values::I64(v) => v.get(i).map(|&n| match self.kind {
                Kind::Timestamp {
                    per_second,
                    instant,
                } => {
                    timestamp(n.div_euclid(per_second), instant, out);
                    Field::Null
                }
                _ => Field::Long(n),
            }),
            Values::I96(v) => v.get(i).map(|n| {
                // INT96 (older Spark, Impala) holds UTC instants.
                timestamp(n.to_seconds(), true, out);
                Field::Null
            }),
            Values::F32(v) => v.get(i).map(|&x| Field::Float(x)),
            Values::F64(v) => v.get(i).map(|&x| Field::Double(x)),
            Values::Bytes(v) => {
                if let Some(b) = v.get(i) {
                    push_text(b.data(), out);
                }
                None
            }
            Values::Fixed(v) => {
                if let Some(b) = v.get(i) {
                    push_text(b.data(), out);
                }
                None
            }
        };
        if let Some(field) = field {
            field_text(&field, false, out);
        }
    }
}

/// A file with nested columns: the row API, slower but general.
fn by_rows(reader: SerializedFileReader<File>, kinds: &[Kind], sink: &Sink) -> io::Result<()> {
    let mut chunk = Vec::new();
    let mut text = Vec::new();
    for row in reader.into_iter() {
        let row = row.map_err(parquet_error)?;
        for (i, (_, field)) in row.get_column_iter().enumerate() {
            if i > 0 {
                chunk.push(b',');
            }
            text.clear();
            let instant = matches!(kinds.get(i), Some(Kind::Timestamp { instant: true, .. }));
            field_text(field, instant, &mut text);
            push_cell(&mut chunk, &text);
        }
        chunk.push(b'\n');
        if chunk.len() >= 64 << 10 && sink.send(Ok(std::mem::take(&mut chunk))).is_err() {
            return Ok(());
        }
    }
    if !chunk.is_empty() {
        let _ = sink.send(Ok(chunk));
    }
    Ok(())
}

/// A Parquet value as the text a CSV export would hold.
fn field_text(field: &Field, instant: bool, out: &mut Vec<u8>) {
    use std::io::Write;
    match field {
        Field::Null => {}
        Field::Str(s) => out.extend_from_slice(s.as_bytes()),
        Field::Bytes(b) => push_text(b.data(), out),
        Field::Date(days) => date_text(*days, out),
        Field::TimestampMillis(ms) => timestamp(ms.div_euclid(1000), instant, out),
        Field::TimestampMicros(us) => timestamp(us.div_euclid(1_000_000), instant, out),
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// Bytes as text: as they are when they are UTF-8 (checking is quick),
/// with replacement characters otherwise.
fn push_text(bytes: &[u8], out: &mut Vec<u8>) {
    if bytes.is_ascii() || std::str::from_utf8(bytes).is_ok() {
        out.extend_from_slice(bytes);
    } else {
        out.extend_from_slice(String::from_utf8_lossy(bytes).as_bytes());
    }
}

/// A `DATE` (days since the epoch) as `YYYY-MM-DD`: by hand for years 1
/// to 9999, as chrono writes it otherwise (which the date parser then
/// refuses, as it would in a CSV export).
fn date_text(days: i32, out: &mut Vec<u8>) {
    let Some((year, month, day)) = civil(days) else {
        use std::io::Write;
        if let Some(d) = to_date(days) {
            let _ = write!(out, "{d}");
        }
        return;
    };
    let mut text = [0u8; 10];
    put_digits(&mut text[0..4], year);
    put_digits(&mut text[5..7], month);
    put_digits(&mut text[8..10], day);
    text[4] = b'-';
    text[7] = b'-';
    out.extend_from_slice(&text);
}

/// `n` in decimal, right-aligned in `at` with leading zeros.
fn put_digits(at: &mut [u8], mut n: u32) {
    for digit in at.iter_mut().rev() {
        *digit = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SS`, with `Z` for an
/// instant. Hand-formatted: this runs once per row of a Parquet log.
fn timestamp(seconds: i64, instant: bool, out: &mut Vec<u8>) {
    let Ok(day) = i32::try_from(seconds.div_euclid(86_400)) else {
        return;
    };
    let (year, month, date) = match civil(day) {
        Some(ymd) => ymd,
        None => {
            use chrono::Datelike;
            let Some(d) = to_date(day) else {
                return;
            };
            (u32::try_from(d.year()).unwrap_or(0), d.month(), d.day())
        }
    };
    let s = seconds.rem_euclid(86_400) as u32;
    let mut text = *b"0000-00-00T00:00:00Z";
    put_digits(&mut text[0..4], year);
    put_digits(&mut text[5..7], month);
    put_digits(&mut text[8..10], date);
    put_digits(&mut text[11..13], s / 3600);
    put_digits(&mut text[14..16], s / 60 % 60);
    put_digits(&mut text[17..19], s % 60);
    let len = if instant { 20 } else { 19 };
    out.extend_from_slice(&text[..len]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for days in [-719_162, -1, 0, 20_412, 2_932_896, 2_932_897, -800_000] {
            let mut ours = Vec::new();
            date_text(days, &mut ours);
            let theirs = to_date(days).map(|d| d.to_string()).unwrap_or_default();
            assert_eq!(ours, theirs.as_bytes(), "{days}");
        }
    }

    #[test]
    fn timestamps_keep_whether_they_are_instants() {
        let mut s = Vec::new();
        timestamp(1_795_217_400, true, &mut s);
        assert_eq!(s, b"2026-11-20T23:30:00Z");
        s.clear();
        timestamp(1_795_217_400, false, &mut s);
        assert_eq!(s, b"2026-11-20T23:30:00");
    }
}
