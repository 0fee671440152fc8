//! One column of a flat Parquet file, a batch of rows at a time: the
//! reader ([`Decoder`]) apart from the values it decoded ([`Values`]), so
//! a batch can go to another thread whole while the reader goes on.
//!
//! A cell is read the way a CSV export of the file would hold it
//! ([`Values::text`]), or, for the hot path of the activity log, without
//! the text: a string as its bytes ([`Values::utf8`]) and a `DATE` or
//! `TIMESTAMP` as a local time ([`Values::local`]), which gives the same
//! figure as reading the text would.

use parquet::column::reader::ColumnReader;
use parquet::data_type::{ByteArray, FixedLenByteArray, Int96};
use parquet::record::Field;

use super::Kind;
use super::text::{DayText, date_text, field_text, push_text, timestamp};
use crate::usage::dates::{DAY_SECONDS, Day, Local, Zone};
use crate::usage::rows::needs_quotes;

/// Rows per batch read from each column of a row group.
pub(super) const PARQUET_BATCH: usize = 8192;

/// The first and last days the date parser reads (years 1 to 9999).
const FIRST_DAY: Day = -719_162;
const LAST_DAY: Day = 2_932_896;

/// A column's reader.
pub(super) struct Decoder {
    reader: ColumnReader,
    kind: Kind,
    max_def: i16,
}

/// A batch of one column: definition levels (for nulls) and values.
pub struct Values {
    kind: Kind,
    max_def: i16,
    defs: Vec<i16>,
    data: Data,
    /// Values in the batch; one per row when no cell is null.
    count: usize,
    /// No cell of the batch is null: row `i` holds value `i`.
    dense: bool,
}

enum Data {
    Bool(Vec<bool>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    I96(Vec<Int96>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    Bytes(Vec<ByteArray>),
    Fixed(Vec<FixedLenByteArray>),
}

impl Decoder {
    pub(super) fn new(reader: ColumnReader, kind: Kind, max_def: i16) -> Decoder {
        Decoder {
            reader,
            kind,
            max_def,
        }
    }

    /// An empty batch of the values this decoder reads (the same for
    /// every row group: the schema is the file's).
    pub(super) fn values(&self) -> Values {
        let data = match &self.reader {
            ColumnReader::BoolColumnReader(_) => Data::Bool(Vec::new()),
            ColumnReader::Int32ColumnReader(_) => Data::I32(Vec::new()),
            ColumnReader::Int64ColumnReader(_) => Data::I64(Vec::new()),
            ColumnReader::Int96ColumnReader(_) => Data::I96(Vec::new()),
            ColumnReader::FloatColumnReader(_) => Data::F32(Vec::new()),
            ColumnReader::DoubleColumnReader(_) => Data::F64(Vec::new()),
            ColumnReader::ByteArrayColumnReader(_) => Data::Bytes(Vec::new()),
            ColumnReader::FixedLenByteArrayColumnReader(_) => Data::Fixed(Vec::new()),
        };
        Values {
            kind: self.kind,
            max_def: self.max_def,
            defs: Vec::new(),
            data,
            count: 0,
            dense: true,
        }
    }

    /// Read the next batch into `values` (made by [`Decoder::values`]);
    /// the number of rows in it.
    pub(super) fn read(&mut self, values: &mut Values) -> parquet::errors::Result<usize> {
        values.defs.clear();
        let defs = (values.max_def > 0).then_some(&mut values.defs);
        macro_rules! batch {
            ($r:expr, $v:expr) => {{
                $v.clear();
                let (rows, count, _) = $r.read_records(PARQUET_BATCH, defs, None, $v)?;
                values.count = count;
                values.dense = count == rows;
                rows
            }};
        }
        Ok(match (&mut self.reader, &mut values.data) {
            (ColumnReader::BoolColumnReader(r), Data::Bool(v)) => batch!(r, v),
            (ColumnReader::Int32ColumnReader(r), Data::I32(v)) => batch!(r, v),
            (ColumnReader::Int64ColumnReader(r), Data::I64(v)) => batch!(r, v),
            (ColumnReader::Int96ColumnReader(r), Data::I96(v)) => batch!(r, v),
            (ColumnReader::FloatColumnReader(r), Data::F32(v)) => batch!(r, v),
            (ColumnReader::DoubleColumnReader(r), Data::F64(v)) => batch!(r, v),
            (ColumnReader::ByteArrayColumnReader(r), Data::Bytes(v)) => batch!(r, v),
            (ColumnReader::FixedLenByteArrayColumnReader(r), Data::Fixed(v)) => batch!(r, v),
            _ => 0,
        })
    }
}

/// Which value each row of a batch holds, row after row.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValueCursor {
    next: usize,
}

impl Values {
    /// The value of row `row` (rows asked for in order, each once), or
    /// `None` for a null.
    pub fn at(&self, cursor: &mut ValueCursor, row: usize) -> Option<usize> {
        if self.dense {
            return (row < self.count).then_some(row);
        }
        if self.max_def > 0 && self.defs.get(row).is_none_or(|&d| d < self.max_def) {
            return None;
        }
        let i = cursor.next;
        cursor.next += 1;
        (i < self.count).then_some(i)
    }

    /// True when a value of this column may hold a line break.
    pub fn is_text(&self) -> bool {
        matches!(self.data, Data::Bytes(_) | Data::Fixed(_))
    }

    /// Value `i` as its bytes when it is a string in UTF-8: what
    /// [`Values::text`] would write, without the copy.
    pub fn utf8(&self, i: usize) -> Option<&[u8]> {
        let bytes = match &self.data {
            Data::Bytes(v) => v.get(i)?.data(),
            Data::Fixed(v) => v.get(i)?.data(),
            _ => return None,
        };
        (bytes.is_ascii() || std::str::from_utf8(bytes).is_ok()).then_some(bytes)
    }

    /// Value `i` as the text a CSV export holds (unquoted), appended to `out`.
    pub fn text(&self, i: usize, days: &mut DayText, out: &mut Vec<u8>) {
        let field = match &self.data {
            Data::Bool(v) => v.get(i).map(|&b| Field::Bool(b)),
            Data::I32(v) => v.get(i).and_then(|&n| match self.kind {
                Kind::Date => {
                    date_text(n, days, out);
                    None
                }
                _ => Some(Field::Int(n)),
            }),
            Data::I64(v) => v.get(i).and_then(|&n| match self.kind {
                Kind::Timestamp {
                    per_second,
                    instant,
                } => {
                    timestamp(n.div_euclid(per_second), instant, days, out);
                    None
                }
                _ => Some(Field::Long(n)),
            }),
            // INT96 (older Spark, Impala) holds UTC instants.
            Data::I96(v) => v.get(i).and_then(|n| {
                timestamp(n.to_seconds(), true, days, out);
                None
            }),
            Data::F32(v) => v.get(i).map(|&x| Field::Float(x)),
            Data::F64(v) => v.get(i).map(|&x| Field::Double(x)),
            Data::Bytes(v) => v.get(i).and_then(|b| {
                push_text(b.data(), out);
                None
            }),
            Data::Fixed(v) => v.get(i).and_then(|b| {
                push_text(b.data(), out);
                None
            }),
        };
        if let Some(field) = field {
            field_text(&field, false, days, out);
        }
    }

    /// Value `i` in `zone` when it is a `DATE` or `TIMESTAMP` of years 1
    /// to 9999: exactly what [`Zone::local`] gives for its text, without
    /// writing it. `None` for any other value.
    pub fn local(&self, i: usize, zone: Zone) -> Option<Local> {
        let (seconds, instant) = match (&self.data, self.kind) {
            (Data::I32(v), Kind::Date) => {
                let day = *v.get(i)?;
                return (FIRST_DAY..=LAST_DAY)
                    .contains(&day)
                    .then(|| i64::from(day) * DAY_SECONDS);
            }
            (
                Data::I64(v),
                Kind::Timestamp {
                    per_second,
                    instant,
                },
            ) => {
                let n = *v.get(i)?;
                // Constant divisors: a multiplication, not a division.
                let seconds = match per_second {
                    1_000 => n.div_euclid(1_000),
                    1_000_000 => n.div_euclid(1_000_000),
                    1_000_000_000 => n.div_euclid(1_000_000_000),
                    other => n.div_euclid(other),
                };
                (seconds, instant)
            }
            (Data::I96(v), _) => (v.get(i)?.to_seconds(), true),
            _ => return None,
        };
        let day = seconds.div_euclid(DAY_SECONDS);
        if !(i64::from(FIRST_DAY)..=i64::from(LAST_DAY)).contains(&day) {
            return None;
        }
        Some(if instant {
            seconds + zone.offset_at(seconds)
        } else {
            seconds
        })
    }

    /// Line breaks in value `i` as a CSV reader counts them (`\r\n`, `\n`
    /// and a lone `\r` each one); none in a value that is not a string.
    pub fn line_breaks(&self, i: usize) -> u64 {
        let bytes = match &self.data {
            Data::Bytes(v) => v.get(i).map(|b| b.data()),
            Data::Fixed(v) => v.get(i).map(|b| b.data()),
            _ => None,
        };
        let Some(bytes) = bytes else { return 0 };
        // A cell CSV would not quote holds no line break: looked for eight
        // bytes at a time.
        if !needs_quotes(bytes) {
            return 0;
        }
        let mut breaks = 0;
        for (j, &b) in bytes.iter().enumerate() {
            if b == b'\r' || (b == b'\n' && (j == 0 || bytes[j - 1] != b'\r')) {
                breaks += 1;
            }
        }
        breaks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage::dates::parse_date;

    #[test]
    fn the_date_range_is_the_parsers() {
        assert_eq!(parse_date(b"0001-01-01"), Some(FIRST_DAY));
        assert_eq!(parse_date(b"9999-12-31"), Some(LAST_DAY));
    }
}
