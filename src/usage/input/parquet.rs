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

mod text;

use text::{DayText, date_text, field_text, push_text, timestamp};

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
                    column.cell(&mut chunk, &mut text);
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
    days: DayText,
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
            days: DayText::default(),
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

    /// Write the next row's cell to `out` as CSV (nothing for a null,
    /// quoted when it must be), with `scratch` for text to be quoted. A
    /// date or a timestamp never needs quotes and is written straight.
    fn cell(&mut self, out: &mut Vec<u8>, scratch: &mut Vec<u8>) {
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
                    date_text(n, &mut self.days, out);
                    None
                }
                _ => Some(Field::Int(n)),
            }),
            Values::I64(v) => v.get(i).map(|&n| match self.kind {
                Kind::Timestamp {
                    per_second,
                    instant,
                } => {
                    timestamp(n.div_euclid(per_second), instant, &mut self.days, out);
                    Field::Null
                }
                _ => Field::Long(n),
            }),
            Values::I96(v) => v.get(i).map(|n| {
                // INT96 (older Spark, Impala) holds UTC instants.
                timestamp(n.to_seconds(), true, &mut self.days, out);
                Field::Null
            }),
            Values::F32(v) => v.get(i).map(|&x| Field::Float(x)),
            Values::F64(v) => v.get(i).map(|&x| Field::Double(x)),
            Values::Bytes(v) => v.get(i).and_then(|b| push_bytes(b.data(), out, scratch)),
            Values::Fixed(v) => v.get(i).and_then(|b| push_bytes(b.data(), out, scratch)),
        };
        if let Some(field) = field {
            scratch.clear();
            field_text(&field, false, &mut self.days, scratch);
            push_cell(out, scratch);
        }
    }
}

/// A string's cell: as it is when it is UTF-8, with replacement
/// characters otherwise (see [`push_text`]). Never a field left to write.
fn push_bytes(bytes: &[u8], out: &mut Vec<u8>, scratch: &mut Vec<u8>) -> Option<Field> {
    if bytes.is_ascii() || std::str::from_utf8(bytes).is_ok() {
        push_cell(out, bytes);
    } else {
        scratch.clear();
        push_text(bytes, scratch);
        push_cell(out, scratch);
    }
    None
}

/// A file with nested columns: the row API, slower but general.
fn by_rows(reader: SerializedFileReader<File>, kinds: &[Kind], sink: &Sink) -> io::Result<()> {
    let (mut chunk, mut text, mut days) = (Vec::new(), Vec::new(), DayText::default());
    for row in reader.into_iter() {
        let row = row.map_err(parquet_error)?;
        for (i, (_, field)) in row.get_column_iter().enumerate() {
            if i > 0 {
                chunk.push(b',');
            }
            text.clear();
            let instant = matches!(kinds.get(i), Some(Kind::Timestamp { instant: true, .. }));
            field_text(field, instant, &mut days, &mut text);
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
