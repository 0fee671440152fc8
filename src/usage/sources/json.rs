//! JSON exports read as a stream, one record at a time.
//!
//! A file is a sequence of JSON values (one, or API pages saved one after
//! the other, `[…][…]` or `{…}\n{…}`). Each value is visited, not loaded:
//! a top-level array hands its elements to the caller one by one, and a
//! page object (`{"data": […], "has_more": …}`) hands over the elements of
//! its `data` array, skipping its other keys. So a 2 GB array of events
//! costs the memory of one event. [`serde_json::StreamDeserializer`] cannot
//! take such a visitor (it builds whole values), so the values are read
//! one after another from one [`serde_json::Deserializer`] until only
//! whitespace is left, which is the same sequence.
//!
//! Nesting is bounded by serde_json's recursion limit (128) wherever a
//! record is read, and ignored fields are skipped without recursion; a
//! fault names the file, the line and column serde_json reached, and what
//! was expected.

use std::fmt;
use std::io::{BufReader, Read};
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};

use crate::diag::Diagnostic;
use crate::usage::UsageError;
use crate::usage::rows::MAX_ROW_BYTES;

/// The longest part of serde_json's message shown.
const SHOWN_CHARS: usize = 200;

/// How records sit in each top-level value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An array of records, or one record (an object).
    Events,
    /// A page object whose `data` array holds the records, or an array of
    /// records.
    Pages,
}

/// True when the file (decompressed) starts, after a byte-order mark and
/// whitespace, with `[` or `{`.
pub fn is_json(path: &Path) -> bool {
    let Ok(mut input) = crate::usage::input::open(path) else {
        return false;
    };
    let mut head = [0u8; 256];
    let mut got = 0;
    while got < head.len() {
        match input.read(&mut head[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    let text = head[..got]
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&head[..got]);
    matches!(
        text.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'[' | b'{')
    )
}

/// Read every record of `path` in order, handing each (numbered from 1)
/// to `each`; an `Err` from `each` stops the reading with that message.
/// Returns the number of records. `expected` says what the file should
/// hold, for messages.
pub fn stream<T, F>(path: &Path, shape: Shape, expected: &str, each: F) -> Result<u64, UsageError>
where
    T: DeserializeOwned,
    F: FnMut(u64, T) -> Result<(), String>,
{
    let file = path.display().to_string();
    let input = crate::usage::input::open(path).map_err(|e| UsageError::Io {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    let mut input = BufReader::new(input);
    skip_bom(&mut input).map_err(|e| UsageError::Io {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    let mut de = serde_json::Deserializer::from_reader(input);
    let (mut each, mut records, mut values) = (each, 0u64, 0u64);
    // `end` only looks at the next byte: a value follows unless it is Ok.
    while de.end().is_err() {
        values += 1;
        let top = Top {
            shape,
            each: &mut each,
            records: &mut records,
            _record: PhantomData,
        };
        top.deserialize(&mut de)
            .map_err(|e| json_error(&file, expected, &e))?;
    }
    if values == 0 {
        return Err(UsageError::Invalid(Diagnostic::at_line(
            &file,
            1,
            1,
            format!("the file is empty: expected {expected}"),
        )));
    }
    Ok(records)
}

/// Drop a UTF-8 byte-order mark, which serde_json would refuse.
fn skip_bom<R: Read>(input: &mut BufReader<R>) -> std::io::Result<()> {
    use std::io::BufRead;
    let buf = input.fill_buf()?;
    if buf.starts_with(b"\xef\xbb\xbf") {
        input.consume(3);
    }
    Ok(())
}

fn json_error(file: &str, expected: &str, e: &serde_json::Error) -> UsageError {
    if e.is_io() {
        return UsageError::Io {
            file: file.to_string(),
            reason: e.to_string(),
        };
    }
    let text = e.to_string();
    let bare = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    let found = if e.is_eof() {
        "the end of the file inside a value".to_string()
    } else if bare.chars().count() > SHOWN_CHARS {
        // serde_json quotes the value it met: a huge string stays out.
        let cut: String = bare.chars().take(SHOWN_CHARS).collect();
        format!("{cut}…")
    } else {
        bare.to_string()
    };
    UsageError::Invalid(Diagnostic::at_line(
        file,
        e.line().max(1),
        e.column().max(1),
        format!("expected {expected}, found {found}"),
    ))
}

/// A string field the source reads must be shorter than a CSV row may be:
/// a longer one is a broken export, not an e-mail address or a date.
pub fn check_len(field: &str, value: Option<&str>) -> Result<(), String> {
    match value {
        Some(v) if v.len() > MAX_ROW_BYTES => Err(format!(
            "a field '{field}' of {} bytes (at most {} MiB are read): is the export broken?",
            v.len(),
            MAX_ROW_BYTES >> 20
        )),
        _ => Ok(()),
    }
}

/// One top-level value.
struct Top<'f, T, F> {
    shape: Shape,
    each: &'f mut F,
    records: &'f mut u64,
    _record: PhantomData<T>,
}

impl<'de, T, F> DeserializeSeed<'de> for Top<'_, T, F>
where
    T: DeserializeOwned,
    F: FnMut(u64, T) -> Result<(), String>,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T, F> Visitor<'de> for Top<'_, T, F>
where
    T: DeserializeOwned,
    F: FnMut(u64, T) -> Result<(), String>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.shape {
            Shape::Events => f.write_str("an array of records or a record"),
            Shape::Pages => f.write_str("a page object with a 'data' array, or an array"),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        records(seq, self.each, self.records)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.shape {
            Shape::Events => {
                let record = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
                hand_over(self.each, self.records, record)
            }
            Shape::Pages => {
                while let Some(key) = map.next_key::<String>()? {
                    if key == "data" {
                        map.next_value_seed(Data {
                            each: &mut *self.each,
                            records: &mut *self.records,
                            _record: PhantomData,
                        })?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// A page's `data` array.
struct Data<'f, T, F> {
    each: &'f mut F,
    records: &'f mut u64,
    _record: PhantomData<T>,
}

impl<'de, T, F> DeserializeSeed<'de> for Data<'_, T, F>
where
    T: DeserializeOwned,
    F: FnMut(u64, T) -> Result<(), String>,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T, F> Visitor<'de> for Data<'_, T, F>
where
    T: DeserializeOwned,
    F: FnMut(u64, T) -> Result<(), String>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        records(seq, self.each, self.records)
    }
}

/// Each element of an array, one at a time.
fn records<'de, A, T, F>(mut seq: A, each: &mut F, count: &mut u64) -> Result<(), A::Error>
where
    A: SeqAccess<'de>,
    T: DeserializeOwned,
    F: FnMut(u64, T) -> Result<(), String>,
{
    while let Some(record) = seq.next_element::<T>()? {
        hand_over(each, count, record)?;
    }
    Ok(())
}

fn hand_over<T, F, E>(each: &mut F, count: &mut u64, record: T) -> Result<(), E>
where
    F: FnMut(u64, T) -> Result<(), String>,
    E: de::Error,
{
    *count += 1;
    each(*count, record).map_err(E::custom)
}
