//! Parquet files, read in a thread of their own: a flat file row group by
//! row group with the column readers, a batch of rows at a time, handed on
//! as decoded columns ([`Batches`], what the activity log reads) or as CSV
//! text ([`ParquetCsv`], for every other reader); a file with nested
//! columns goes through the slower row API, as CSV text. See [`super`] for
//! how values become cells.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use parquet::basic::{ConvertedType, LogicalType, TimeUnit};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::schema::types::ColumnDescriptor;

use super::{invalid, push_cell};

mod column;
mod text;

pub use column::{ValueCursor, Values};
pub use text::DayText;

use column::Decoder;
use text::field_text;

/// Batches in flight from the decoding thread: bounds the memory used.
const CHUNKS_IN_FLIGHT: usize = 4;

/// The rows of a Parquet file as CSV text, one row group at a time,
/// decoded in a thread of its own (as the CSV is parsed in another).
pub(super) fn parquet_csv(path: &Path) -> io::Result<ParquetCsv> {
    let reader = SerializedFileReader::new(File::open(path)?).map_err(parquet_error)?;
    let (header, kinds, flat) = layout(&reader);
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

/// A CSV export's header line for the file, how each column is written,
/// and whether every column is a plain one (no nesting).
fn layout(reader: &SerializedFileReader<File>) -> (Vec<u8>, Vec<Kind>, bool) {
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
    (header, kinds, flat)
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

/// A flat file's row groups, a batch of every column at a time: `batch`
/// is called with each and gives back the columns to fill next (any
/// missing are made anew), or `None` to stop.
fn batches(
    reader: &SerializedFileReader<File>,
    kinds: &[Kind],
    mut batch: impl FnMut(Vec<Values>, usize) -> Option<Vec<Values>>,
) -> io::Result<()> {
    let mut columns = Vec::new();
    for g in 0..reader.num_row_groups() {
        let group = reader.get_row_group(g).map_err(parquet_error)?;
        let mut decoders = Vec::with_capacity(kinds.len());
        for (i, &kind) in kinds.iter().enumerate() {
            let max_def = group.metadata().column(i).column_descr().max_def_level();
            let reader = group.get_column_reader(i).map_err(parquet_error)?;
            decoders.push(Decoder::new(reader, kind, max_def));
        }
        loop {
            columns.truncate(decoders.len());
            while columns.len() < decoders.len() {
                columns.push(decoders[columns.len()].values());
            }
            let mut rows = 0;
            for (decoder, values) in decoders.iter_mut().zip(&mut columns) {
                rows = decoder.read(values).map_err(parquet_error)?;
            }
            if rows == 0 {
                break;
            }
            match batch(columns, rows) {
                Some(back) => columns = back,
                None => return Ok(()),
            }
        }
    }
    Ok(())
}

/// A flat file as CSV text: each batch written row by row.
fn by_columns(reader: &SerializedFileReader<File>, kinds: &[Kind], sink: &Sink) -> io::Result<()> {
    let (mut text, mut days) = (Vec::new(), DayText::default());
    batches(reader, kinds, |columns, rows| {
        let mut chunk = Vec::with_capacity(rows * 48);
        let mut cursors = vec![ValueCursor::default(); columns.len()];
        for row in 0..rows {
            for (i, (values, cursor)) in columns.iter().zip(&mut cursors).enumerate() {
                if i > 0 {
                    chunk.push(b',');
                }
                let Some(v) = values.at(cursor, row) else {
                    continue;
                };
                match values.utf8(v) {
                    Some(bytes) => push_cell(&mut chunk, bytes),
                    None => {
                        text.clear();
                        values.text(v, &mut days, &mut text);
                        push_cell(&mut chunk, &text);
                    }
                }
            }
            chunk.push(b'\n');
        }
        sink.send(Ok(chunk)).is_ok().then_some(columns)
    })
}

/// A flat Parquet file's rows as batches of decoded columns, read in a
/// thread of its own: what the activity log's parser reads instead of
/// CSV text. Each batch is given back once read ([`Batches::give_back`]),
/// so the decoding reuses its memory.
pub struct Batches {
    /// The header line of a CSV export of the file.
    pub header: Vec<u8>,
    full: Receiver<io::Result<Batch>>,
    empty: SyncSender<Vec<Values>>,
}

/// A batch of rows: every column's values.
pub struct Batch {
    pub rows: usize,
    pub columns: Vec<Values>,
}

impl Batches {
    /// The next batch; `None` at the end of the file.
    pub fn next_batch(&mut self) -> io::Result<Option<Batch>> {
        match self.full.recv() {
            Ok(batch) => batch.map(Some),
            Err(_) => Ok(None),
        }
    }

    /// Hand a batch read back to be filled again.
    pub fn give_back(&self, batch: Batch) {
        let _ = self.empty.try_send(batch.columns);
    }
}

/// The Parquet file `path` as [`Batches`] when it is flat; `None` when it
/// has nested columns (read as CSV text then).
pub(super) fn parquet_batches(path: &Path) -> io::Result<Option<Batches>> {
    let reader = SerializedFileReader::new(File::open(path)?).map_err(parquet_error)?;
    let (header, kinds, flat) = layout(&reader);
    if !flat {
        return Ok(None);
    }
    let (sink, full) = sync_channel(CHUNKS_IN_FLIGHT);
    let (empty, spares) = sync_channel::<Vec<Values>>(CHUNKS_IN_FLIGHT + 2);
    std::thread::spawn(move || {
        let done = batches(&reader, &kinds, |columns, rows| {
            sink.send(Ok(Batch { rows, columns })).ok()?;
            // A batch read and given back, when there is one.
            Some(spares.try_recv().unwrap_or_default())
        });
        if let Err(e) = done {
            let _ = sink.send(Err(e));
        }
    });
    Ok(Some(Batches {
        header,
        full,
        empty,
    }))
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
