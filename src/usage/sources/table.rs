//! CSV exports whose columns have fixed names (the Okta console's dotted
//! columns, Entra's `Date (UTC)`, Google's `Actor organizational unit`):
//! read with the same row reader as a plain log, so a byte-order mark,
//! CRLF, quoted line breaks, a quote never closed and a row over 1 MiB are
//! handled, and messages name the lines an editor shows.
//!
//! Names are matched as a plain log's are: trimmed, ignoring case, spaces
//! and dashes read as underscores. A column read must appear once.

use std::path::Path;

use crate::usage::UsageError;
use crate::usage::columns::normalize;
use crate::usage::input::Input;
use crate::usage::read::{header_only, invalid, open, rows_error};
use crate::usage::rows::{Row, Rows};

/// An open CSV export and its header.
pub struct Table {
    file: String,
    rows: Rows<Input>,
    header: Row,
    names: Vec<String>,
    raw: Vec<String>,
    /// What the file is, for messages ("an Entra sign-in log").
    what: &'static str,
}

impl Table {
    /// Open `path`; `example` is a header line the file should have.
    pub fn open(path: &Path, what: &'static str, example: &str) -> Result<Table, UsageError> {
        let file = path.display().to_string();
        let (rows, header) = open(path, &file, example)?;
        let names = header.fields().map(normalize).collect();
        let raw = header
            .fields()
            .map(|f| String::from_utf8_lossy(f).trim().to_string())
            .collect();
        Ok(Table {
            file,
            rows,
            header,
            names,
            raw,
            what,
        })
    }

    /// The column named one of `names`, if any (once, or an error).
    pub fn optional(&self, names: &[&str]) -> Result<Option<usize>, UsageError> {
        for name in names {
            let want = normalize(name.as_bytes());
            let at: Vec<usize> = (0..self.names.len())
                .filter(|&i| self.names[i] == want)
                .collect();
            match at.as_slice() {
                [] => continue,
                [i] => return Ok(Some(*i)),
                _ => {
                    let numbers: Vec<String> = at.iter().map(|i| (i + 1).to_string()).collect();
                    return Err(invalid(
                        &self.file,
                        self.header.line(),
                        format!(
                            "expected one '{name}' column, found {} (columns {}): rename or remove all but one",
                            at.len(),
                            numbers.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(None)
    }

    /// The column named one of `names` (the first is the usual one).
    pub fn column(&self, names: &[&str]) -> Result<usize, UsageError> {
        self.optional(names)?.ok_or_else(|| {
            let found: Vec<String> = self.raw.iter().map(|n| format!("'{n}'")).collect();
            invalid(
                &self.file,
                self.header.line(),
                format!(
                    "expected a column '{}' ({}), found the columns {}",
                    names.first().copied().unwrap_or_default(),
                    self.what,
                    found.join(", ")
                ),
            )
        })
    }

    /// Hand every row to `each`; returns the number of rows. A file with a
    /// header and no rows is an error.
    pub fn each(mut self, mut each: impl FnMut(&Row)) -> Result<u64, UsageError> {
        let (mut row, mut count) = (Row::default(), 0u64);
        while self
            .rows
            .read(&mut row)
            .map_err(|e| rows_error(&self.file, e))?
        {
            count += 1;
            each(&row);
        }
        if count == 0 {
            return Err(header_only(&self.file, &self.header, "one row per event"));
        }
        Ok(count)
    }
}

/// Field `i` of `row`, empty when the row is short.
pub fn cell(row: &Row, i: usize) -> &[u8] {
    row.get(i).unwrap_or_default()
}
