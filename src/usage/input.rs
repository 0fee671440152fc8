//! What a warehouse exports, read as the CSV bytes [`super::rows`] parses:
//! plain CSV, gzip (`.csv.gz`), zstd (`.csv.zst`) and Parquet, told apart
//! by their first bytes (`1f 8b`, `28 b5 2f fd`, `PAR1`), so a file named
//! wrongly is still read right.
//!
//! Everything streams: a compressed file is decompressed as it is read,
//! and a Parquet file is read one row group at a time with the `parquet`
//! crate's row API, each row written out as one CSV line (a header line of
//! the column names first). Memory stays that of one page of each column,
//! whatever the file's size, and the rest of the pipeline — columns by
//! header name, dates, skipped rows — is the same for every format. Row
//! numbers in messages about a Parquet file count as in its CSV export:
//! the header is line 1, the first row line 2.
//!
//! In Parquet, a `DATE` becomes `YYYY-MM-DD`; a `TIMESTAMP` adjusted to
//! UTC (a `TIMESTAMPTZ`) becomes an instant `…Z`, moved into `--tz` like
//! any RFC 3339 timestamp with an offset; one not adjusted to UTC is
//! wall-clock time, as a timestamp without an offset is. Snappy, gzip and
//! LZ4 pages are read; zstd-compressed Parquet needs a C library the
//! build leaves out, and is refused with a message saying so.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;

use parquet::basic::LogicalType;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, Row};

use super::dates::to_date;

/// A readable export, decompressed or converted to CSV as needed.
pub type Input = Box<dyn Read + Send>;

/// How a file is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Gzip,
    Zstd,
    Parquet,
}

impl Format {
    /// The format the first bytes of a file show.
    pub fn sniff(head: &[u8]) -> Format {
        match head {
            [0x1f, 0x8b, ..] => Format::Gzip,
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Format::Zstd,
            [b'P', b'A', b'R', b'1', ..] => Format::Parquet,
            _ => Format::Csv,
        }
    }
}

/// Open `path` as CSV bytes, whatever the format it is stored in.
pub fn open(path: &Path) -> io::Result<Input> {
    let mut file = File::open(path)?;
    let mut head = [0u8; 4];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..])? {
            0 => break,
            n => got += n,
        }
    }
    let head = head[..got].to_vec();
    let format = Format::sniff(&head);
    let rest = Cursor::new(head).chain(file);
    Ok(match format {
        Format::Csv => Box::new(rest),
        Format::Gzip => Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::new(rest))),
        Format::Zstd => Box::new(Zstd::new(io::BufReader::new(rest))),
        Format::Parquet => Box::new(parquet_csv(path)?),
    })
}

/// zstd frames one after the other (as `zstd` and `pzstd` write them).
struct Zstd<R: Read> {
    frame: Option<ruzstd::decoding::StreamingDecoder<Peek<R>, ruzstd::decoding::FrameDecoder>>,
}

impl<R: Read> Zstd<R> {
    fn new(source: R) -> Zstd<R> {
        let source = Peek {
            next: None,
            inner: source,
        };
        let frame = ruzstd::decoding::StreamingDecoder::new(source).ok();
        Zstd { frame }
    }
}

/// A reader that can look one byte ahead: is there another frame?
struct Peek<R> {
    next: Option<u8>,
    inner: R,
}

impl<R: Read> Peek<R> {
    fn at_end(&mut self) -> io::Result<bool> {
        if self.next.is_some() {
            return Ok(false);
        }
        let mut byte = [0u8; 1];
        let n = self.inner.read(&mut byte)?;
        self.next = (n == 1).then_some(byte[0]);
        Ok(n == 0)
    }
}

impl<R: Read> Read for Peek<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match (self.next.take(), buf.first_mut()) {
            (Some(b), Some(first)) => {
                *first = b;
                Ok(1)
            }
            (Some(b), None) => {
                self.next = Some(b);
                Ok(0)
            }
            (None, _) => self.inner.read(buf),
        }
    }
}

fn invalid(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e.to_string())
}

impl<R: Read> Read for Zstd<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(frame) = self.frame.as_mut() else {
                return Err(invalid("not a zstd stream"));
            };
            let n = frame.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // The frame is done: another may follow.
            let Some((mut source, decoder)) = self.frame.take().map(|f| f.into_parts()) else {
                return Ok(0);
            };
            if source.at_end()? {
                return Ok(0);
            }
            let next = ruzstd::decoding::StreamingDecoder::new_with_decoder(source, decoder)
                .map_err(invalid)?;
            self.frame = Some(next);
        }
    }
}

/// The rows of a Parquet file as CSV text, one row group at a time.
fn parquet_csv(path: &Path) -> io::Result<ParquetCsv> {
    let reader = SerializedFileReader::new(File::open(path)?).map_err(parquet_error)?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let mut header = Vec::new();
    let mut instants = Vec::new();
    for (i, column) in schema.columns().iter().enumerate() {
        if i > 0 {
            header.push(b',');
        }
        push_cell(&mut header, column.name().as_bytes());
        instants.push(matches!(
            column.logical_type_ref(),
            Some(LogicalType::Timestamp(t)) if t.is_adjusted_to_u_t_c
        ));
    }
    header.push(b'\n');
    Ok(ParquetCsv {
        rows: reader.into_iter(),
        instants,
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

/// A Parquet file read as CSV lines.
struct ParquetCsv {
    rows: parquet::record::reader::RowIter<'static>,
    /// Per column: a timestamp adjusted to UTC.
    instants: Vec<bool>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for ParquetCsv {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
            // Whole rows until the buffer holds a good read's worth.
            while self.buf.len() < 64 << 10 {
                match self.rows.next() {
                    Some(row) => self.push_row(&row.map_err(parquet_error)?),
                    None => break,
                }
            }
            if self.buf.is_empty() {
                return Ok(0);
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl ParquetCsv {
    fn push_row(&mut self, row: &Row) {
        let mut text = String::new();
        for (i, (_, field)) in row.get_column_iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            text.clear();
            let instant = self.instants.get(i).copied().unwrap_or(false);
            field_text(field, instant, &mut text);
            push_cell(&mut self.buf, text.as_bytes());
        }
        self.buf.push(b'\n');
    }
}

/// A Parquet value as the text a CSV export would hold.
fn field_text(field: &Field, instant: bool, out: &mut String) {
    use std::fmt::Write;
    match field {
        Field::Null => {}
        Field::Str(s) => out.push_str(s),
        Field::Bytes(b) => out.push_str(&String::from_utf8_lossy(b.data())),
        Field::Date(days) => {
            if let Some(d) = to_date(*days) {
                let _ = write!(out, "{d}");
            }
        }
        Field::TimestampMillis(ms) => timestamp(ms.div_euclid(1000), instant, out),
        Field::TimestampMicros(us) => timestamp(us.div_euclid(1_000_000), instant, out),
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SS`, with `Z` for an
/// instant.
fn timestamp(seconds: i64, instant: bool, out: &mut String) {
    use std::fmt::Write;
    let day = seconds.div_euclid(86_400);
    let Some(date) = i32::try_from(day).ok().and_then(to_date) else {
        return;
    };
    let s = seconds.rem_euclid(86_400);
    let _ = write!(
        out,
        "{date}T{:02}:{:02}:{:02}{}",
        s / 3600,
        s / 60 % 60,
        s % 60,
        if instant { "Z" } else { "" }
    );
}

/// One CSV cell, quoted when it must be.
fn push_cell(buf: &mut Vec<u8>, cell: &[u8]) {
    if !cell
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        buf.extend_from_slice(cell);
        return;
    }
    buf.push(b'"');
    for &b in cell {
        if b == b'"' {
            buf.push(b'"');
        }
        buf.push(b);
    }
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(Format::sniff(b"user,region"), Format::Csv);
        assert_eq!(Format::sniff(&[0x1f, 0x8b, 8, 0]), Format::Gzip);
        assert_eq!(Format::sniff(&[0x28, 0xb5, 0x2f, 0xfd]), Format::Zstd);
        assert_eq!(Format::sniff(b"PAR1"), Format::Parquet);
        assert_eq!(Format::sniff(b""), Format::Csv);
    }

    #[test]
    fn cells_are_quoted_only_when_needed() {
        let mut buf = Vec::new();
        push_cell(&mut buf, b"ann");
        push_cell(&mut buf, b"a,\"b\"");
        assert_eq!(buf, b"ann\"a,\"\"b\"\"\"");
    }

    #[test]
    fn timestamps_keep_whether_they_are_instants() {
        let mut s = String::new();
        timestamp(1_795_217_400, true, &mut s);
        assert_eq!(s, "2026-11-20T23:30:00Z");
        s.clear();
        timestamp(1_795_217_400, false, &mut s);
        assert_eq!(s, "2026-11-20T23:30:00");
    }
}
