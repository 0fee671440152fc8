//! What a warehouse exports, read as the CSV bytes [`super::rows`] parses:
//! plain CSV, gzip (`.csv.gz`), zstd (`.csv.zst`) and Parquet, told apart
//! by their first bytes (`1f 8b`, `28 b5 2f fd`, `PAR1`), so a file named
//! wrongly is still read right.
//!
//! Everything streams: a compressed file is decompressed as it is read,
//! and a Parquet file is read one row group at a time, a batch of rows of
//! every column at a time, written out as CSV lines (a header line of the
//! column names first). The activity log of a flat Parquet file skips the
//! text: it takes the decoded columns ([`parquet_batches`]) and reads from
//! them exactly what it would read from the lines. Memory stays that of a
//! few batches, whatever the file's size, and the rest of the pipeline —
//! columns by header name, dates, skipped rows — is the same for every
//! format. Row numbers in messages about a Parquet file count as in its
//! CSV export: the header is line 1, the first row line 2.
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

mod parquet;

pub use parquet::{Batch, Batches, DayText, ValueCursor, Values};

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
    let head = first_bytes(&mut file)?;
    let format = Format::sniff(&head);
    let rest = Cursor::new(head).chain(file);
    Ok(match format {
        Format::Csv => Box::new(rest),
        Format::Gzip => Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::new(rest))),
        Format::Zstd => Box::new(Zstd::new(io::BufReader::new(rest))),
        Format::Parquet => Box::new(parquet::parquet_csv(path)?),
    })
}

/// A flat Parquet file as batches of decoded columns, for a reader that
/// takes them without the CSV text; `None` for any other file (open it
/// with [`open`]).
pub fn parquet_batches(path: &Path) -> io::Result<Option<Batches>> {
    if Format::sniff(&first_bytes(&mut File::open(path)?)?) != Format::Parquet {
        return Ok(None);
    }
    parquet::parquet_batches(path)
}

/// The first four bytes of a file (fewer in a shorter one), which tell
/// its format.
fn first_bytes(file: &mut File) -> io::Result<Vec<u8>> {
    let mut head = [0u8; 4];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(head[..got].to_vec())
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

/// One CSV cell, quoted when it must be.
fn push_cell(buf: &mut Vec<u8>, cell: &[u8]) {
    if !super::rows::needs_quotes(cell) {
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
}
