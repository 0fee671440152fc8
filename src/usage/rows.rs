//! CSV rows read straight from a file, each with the physical line it
//! starts on, so a message about a row names the line an editor shows.
//!
//! Why not the csv crate's reader: its `Position::line()` is the line where
//! the parser *started looking* for a row, one too low after every CRLF
//! line end and wrong after blank lines (rust-csv issues #395 and #208),
//! and a quote that is never closed silently swallows the rest of the file.
//! This reader follows the csv crate's dialect (its defaults, flexible):
//!
//! * fields are separated by `,`; a field that starts with `"` is quoted:
//!   `""` inside it is one quote, commas and line breaks are data, and
//!   anything after the closing quote is kept as written; a `"` inside an
//!   unquoted field is data;
//! * a row ends at `\n`, `\r\n` or a lone `\r`; empty lines are skipped;
//!   rows may have any number of fields;
//! * a UTF-8 byte-order mark at the start of the file is dropped.
//!
//! A physical line ends at `\n`, `\r\n` or a lone `\r`, inside quoted fields
//! too. A quoted field still open at the end of the file is an error
//! ([`RowsError::Unterminated`]) naming the line and column of its opening
//! quote, and so is a row longer than [`MAX_ROW_BYTES`] (memory stays small
//! whatever the file holds).
//!
//! The row is parsed from one buffer: a row cut by the buffer's end is
//! parsed again after the buffer is refilled, which costs one row per
//! 256 KiB. Nothing is allocated per row: [`Row`] is reused. A row on one
//! line ended by `\n`, without a quote or a `\r` (nearly every row of a
//! warehouse export), is split by [`plain`], eight bytes at a time; any
//! other row goes through the general parser, which would give it the
//! same fields.

use std::io::{self, Read};

mod plain;
mod row;

pub use plain::needs_quotes;
pub use row::Row;

/// The longest row accepted (bytes as written, line end excluded).
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// Bytes read from the file at a time.
const BUFFER_BYTES: usize = 256 << 10;

/// Bytes that end an unquoted field.
const ENDS_FIELD: [bool; 256] = byte_set(b",\r\n");
/// Bytes that need a look inside a quoted field.
const IN_QUOTES: [bool; 256] = byte_set(b"\"\r\n");

const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

/// Why the file cannot be read as CSV rows.
#[derive(Debug)]
pub enum RowsError {
    Io(io::Error),
    /// A quoted field was still open at the end of the file.
    Unterminated {
        /// Where its opening quote is (1-based line and column).
        line: u64,
        column: u64,
        /// The last line of the file.
        last_line: u64,
    },
    /// A row longer than [`MAX_ROW_BYTES`] starts on `line`; `quote` is
    /// the line and column of a quoted field still open at that point.
    TooLong {
        line: u64,
        quote: Option<(u64, u64)>,
    },
}

/// Where a quoted field opened, within the row being parsed.
#[derive(Debug, Clone, Copy)]
struct Quote {
    /// Line breaks in the row before the quote.
    lines: u64,
    /// Offset of the quote in the row.
    at: usize,
}

/// What parsing the input from the start of a row found.
enum Scan {
    /// A whole row: bytes consumed (its line end included), the line
    /// breaks inside its quoted fields, whether a line end (rather than the
    /// end of the file) ended it, and whether that was a `\r`.
    Row {
        consumed: usize,
        inside: u64,
        ended: bool,
        cr: bool,
    },
    /// The row goes on past the input (inside the quoted field `quote`).
    More { quote: Option<Quote> },
    /// The input ended inside the quoted field.
    Open(Quote),
}

/// Parse one row from `input`, which starts at the row's first byte (not a
/// line end). `eof`: nothing follows `input`.
fn scan(input: &[u8], eof: bool, row: &mut Row) -> Scan {
    let (mut i, mut lines) = (0, 0);
    loop {
        if input.get(i) == Some(&b'"') {
            let quote = Quote { lines, at: i };
            match quoted(input, i + 1, eof, row, &mut lines) {
                Some(after) => i = after,
                None if eof => return Scan::Open(quote),
                None => return Scan::More { quote: Some(quote) },
            }
        }
        let rest = &input[i..];
        let j = i + rest
            .iter()
            .position(|&b| ENDS_FIELD[usize::from(b)])
            .unwrap_or(rest.len());
        row.bytes.extend_from_slice(&input[i..j]);
        match input.get(j) {
            Some(b',') => {
                row.end_field();
                i = j + 1;
            }
            Some(&end) => {
                row.end_field();
                let cr = end == b'\r';
                return Scan::Row {
                    consumed: j + 1,
                    inside: lines,
                    ended: true,
                    cr,
                };
            }
            None if eof => {
                row.end_field();
                return Scan::Row {
                    consumed: j,
                    inside: lines,
                    ended: false,
                    cr: false,
                };
            }
            None => return Scan::More { quote: None },
        }
    }
}

/// Copy a quoted field's content, from `start` just after the opening
/// quote, into `row`, counting its line breaks; the offset just after the
/// closing quote, or `None` when the input ends first.
fn quoted(input: &[u8], start: usize, eof: bool, row: &mut Row, lines: &mut u64) -> Option<usize> {
    let mut i = start;
    loop {
        let j = i + input[i..].iter().position(|&b| IN_QUOTES[usize::from(b)])?;
        row.bytes.extend_from_slice(&input[i..j]);
        match input[j] {
            b'"' => match input.get(j + 1) {
                Some(b'"') => {
                    row.bytes.push(b'"');
                    i = j + 2;
                }
                Some(_) => return Some(j + 1),
                // A quote at the end: closing if nothing follows.
                None => return eof.then_some(j + 1),
            },
            byte => {
                // `\r\n` is one line break, counted at the `\r`.
                if byte == b'\r' || input[j - 1] != b'\r' {
                    *lines += 1;
                }
                row.bytes.push(byte);
                i = j + 1;
            }
        }
    }
}

/// Rows of a CSV file, read through a reused buffer.
pub struct Rows<R> {
    source: R,
    buf: Vec<u8>,
    /// The next byte to parse, and the end of the bytes read.
    pos: usize,
    filled: usize,
    eof: bool,
    started: bool,
    /// The physical line `pos` is on.
    line: u64,
    /// The byte before `pos` was a `\r`: a `\n` there ends no new line.
    after_cr: bool,
}

impl<R: Read> Rows<R> {
    pub fn new(source: R) -> Rows<R> {
        Rows {
            source,
            buf: vec![0; BUFFER_BYTES],
            pos: 0,
            filled: 0,
            eof: false,
            started: false,
            line: 1,
            after_cr: false,
        }
    }

    /// Read the next row into `row`; `false` at the end of the file.
    pub fn read(&mut self, row: &mut Row) -> Result<bool, RowsError> {
        if !self.started {
            self.start()?;
        }
        if !self.skip_line_ends()? {
            return Ok(false);
        }
        if let Some(consumed) = plain::plain_row(&self.buf[self.pos..self.filled], row) {
            row.line = self.line;
            row.last_line = self.line;
            self.pos += consumed;
            self.line += 1;
            self.after_cr = false;
            return Ok(true);
        }
        loop {
            row.clear();
            match scan(&self.buf[self.pos..self.filled], self.eof, row) {
                Scan::Row {
                    consumed,
                    inside,
                    ended,
                    cr,
                } => {
                    row.line = self.line;
                    row.last_line = self.line + inside;
                    self.pos += consumed;
                    self.line += inside + u64::from(ended);
                    self.after_cr = cr;
                    return Ok(true);
                }
                Scan::More { quote } => self.more(quote)?,
                Scan::Open(quote) => return Err(self.unterminated(quote)),
            }
        }
    }

    /// Drop a byte-order mark at the start of the file.
    fn start(&mut self) -> Result<(), RowsError> {
        self.started = true;
        while self.filled < 3 && self.fill()? {}
        if self.buf[..self.filled].starts_with(b"\xef\xbb\xbf") {
            self.pos = 3;
        }
        Ok(())
    }

    /// Step over line ends (and so over empty lines); `false` when the
    /// file ends first.
    fn skip_line_ends(&mut self) -> Result<bool, RowsError> {
        loop {
            while let Some(&byte) = self.buf[..self.filled].get(self.pos) {
                match byte {
                    b'\n' if self.after_cr => self.after_cr = false,
                    b'\n' => self.line += 1,
                    b'\r' => {
                        self.line += 1;
                        self.after_cr = true;
                    }
                    _ => return Ok(true),
                }
                self.pos += 1;
            }
            if !self.fill()? {
                return Ok(false);
            }
        }
    }

    /// The row goes on past the buffer: refill it (growing it for a long
    /// row), unless the row is too long to keep.
    fn more(&mut self, quote: Option<Quote>) -> Result<(), RowsError> {
        if self.filled - self.pos >= MAX_ROW_BYTES {
            let quote = quote.map(|q| self.place(q));
            return Err(RowsError::TooLong {
                line: self.line,
                quote,
            });
        }
        self.fill().map(|_| ())
    }

    /// Move the unparsed bytes to the front and read more; `false` at the
    /// end of the file.
    fn fill(&mut self) -> Result<bool, RowsError> {
        if self.eof {
            return Ok(false);
        }
        self.buf.copy_within(self.pos..self.filled, 0);
        self.filled -= self.pos;
        self.pos = 0;
        if self.filled == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let read = loop {
            match self.source.read(&mut self.buf[self.filled..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(RowsError::Io(e)),
            }
        };
        self.filled += read;
        self.eof = read == 0;
        Ok(read > 0)
    }

    /// The 1-based line and column (in characters) of a quote in the row
    /// that starts at `pos`.
    fn place(&self, quote: Quote) -> (u64, u64) {
        let before = &self.buf[self.pos..self.pos + quote.at];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1);
        let chars = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xc0 != 0x80)
            .count();
        (self.line + quote.lines, chars as u64 + 1)
    }

    fn unterminated(&self, quote: Quote) -> RowsError {
        let (line, column) = self.place(quote);
        let rest = &self.buf[self.pos..self.filled];
        let mut breaks = 0u64;
        for (i, &b) in rest.iter().enumerate() {
            if b == b'\r' || (b == b'\n' && (i == 0 || rest[i - 1] != b'\r')) {
                breaks += 1;
            }
        }
        // A line break at the very end opens no line of its own.
        let trailing = rest.last().is_some_and(|&b| b == b'\n' || b == b'\r');
        RowsError::Unterminated {
            line,
            column,
            last_line: self.line + breaks - u64::from(trailing),
        }
    }
}

#[cfg(test)]
mod tests;
