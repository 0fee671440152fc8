//! A typed reader over a parsed TOML document that keeps every value's place
//! in the file: the scenario's tables and a price book's `[pricebook]` are
//! both read with it.
//!
//! [`Ctx`] (here) collects the diagnostics of one file; [`Tbl`] and [`Node`]
//! (`reader/node.rs`) walk its tables and values; [`Fields`]
//! (`reader/fields.rs`) reads one table: it reports keys it does not know
//! (with a "did you mean" hint), wrong types and values out of range as
//! [`Diagnostic`]s collected in [`Ctx`], and reads numbers from the text the
//! user wrote so no binary float touches a figure. To accept a new field,
//! add its name to the table's `allowed` list and read it with the matching
//! method.

use std::cell::{Cell, OnceCell, RefCell};

mod fields;
pub mod format_doc;
mod node;

pub use fields::Fields;
pub use node::{Node, Tbl};

use crate::diag::{Diagnostic, Diagnostics, Span, suggest};

/// Where diagnostics of one file are collected.
pub struct Ctx<'s> {
    pub file: &'s str,
    pub src: &'s str,
    errors: RefCell<Vec<Diagnostic>>,
    /// Where each line starts, built at the first problem: a file with
    /// thousands of problems finds each one's line by bisection, not by
    /// counting from the top every time.
    line_starts: OnceCell<Vec<usize>>,
    /// "Did you mean" hints given so far against long name lists.
    hints: Cell<usize>,
    /// The file's table headers with their docs/format.md sections, read
    /// at the first problem.
    headers: OnceCell<Vec<(usize, &'static str)>>,
}

/// Hints against a file's own names (offers, regions, workloads) given per
/// load: each costs an edit distance to every name, so a file with a
/// problem on every one of 60,000 offers must not pay that 60,000 times.
pub const MAX_NAME_HINTS: usize = 64;

impl<'s> Ctx<'s> {
    pub fn new(file: &'s str, src: &'s str) -> Self {
        Ctx {
            file,
            src,
            errors: RefCell::new(Vec::new()),
            line_starts: OnceCell::new(),
            hints: Cell::new(0),
            headers: OnceCell::new(),
        }
    }

    /// Record a problem at `span`, pointing to the docs/format.md section
    /// of the table it is in.
    pub fn error(&self, span: Span, message: impl Into<String>) {
        let headers = self.headers.get_or_init(|| format_doc::headers(self.src));
        let section = format_doc::section_at(headers, span.start);
        self.error_in(span, message, section);
    }

    /// Record a problem at `span` that docs/format.md's `section` explains
    /// (a table missing from the file is explained by its own section,
    /// not by the table the pointer lands in).
    fn error_in(&self, span: Span, message: impl Into<String>, section: &'static str) {
        let starts = self
            .line_starts
            .get_or_init(|| crate::diag::line_starts(self.src));
        let d =
            Diagnostic::at_indexed(self.file, self.src, starts, span, message).in_section(section);
        self.errors.borrow_mut().push(d);
    }

    /// ` (did you mean 'x'?)` for `found` among the file's own `names`, or
    /// nothing; after [`MAX_NAME_HINTS`] hints, nothing.
    pub fn name_hint(&self, found: &str, names: &[&str]) -> String {
        if self.hints.get() >= MAX_NAME_HINTS {
            return String::new();
        }
        self.hints.set(self.hints.get() + 1);
        suggest(found, names)
            .map(|s| format!(" (did you mean '{s}'?)"))
            .unwrap_or_default()
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.borrow().is_empty()
    }

    /// `value` if nothing was reported, else every diagnostic in file order.
    pub fn finish<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.has_errors() {
            return Err(self.into_errors());
        }
        Ok(value)
    }

    /// Every diagnostic so far, in file order (for early exits).
    pub fn into_errors(self) -> Diagnostics {
        let mut errors = self.errors.into_inner();
        errors.sort_by_key(|d| (d.line, d.column));
        errors.dedup();
        Diagnostics(errors)
    }

    /// The source text of `span`, shortened for a message.
    pub fn text(&self, span: &Span) -> String {
        let t = self.src.get(span.clone()).unwrap_or("").trim();
        if t.chars().count() > 40 {
            format!("{}…", t.chars().take(40).collect::<String>())
        } else {
            t.to_string()
        }
    }
}

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}
