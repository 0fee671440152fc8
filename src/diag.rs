//! User-facing diagnostics: where in which file the input is at fault, what
//! was expected and what was found.
//!
//! Every problem in a scenario file becomes a [`Diagnostic`] carrying the file
//! name, a 1-based line and column and a sentence naming the expectation and
//! the value found, in 'single quotes'. [`sanitize`] strips anything from a
//! file that could drive the terminal (control characters, escape sequences,
//! bidi overrides) before it is printed. A diagnostic about a scenario
//! file names the section of docs/format.md that explains the field
//! ([`Diagnostic::in_section`]), printed as a last line `  see
//! docs/format.md#SECTION` under every such message. A command's own
//! failure (exit status and message) is a [`failure::Failure`].

pub mod failure;

use std::fmt;
use std::ops::Range;

/// A byte range in the scenario source.
pub type Span = Range<usize>;

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line of the fault.
    pub line: usize,
    /// 1-based column (in characters) of the fault.
    pub column: usize,
    /// What was expected and what was found.
    pub message: String,
    /// The offending source line, for the snippet under the message.
    pub source_line: Option<String>,
    /// The anchor of the docs/format.md section on the field at fault.
    pub section: Option<&'static str>,
}

/// The page every scenario diagnostic points into.
pub const FORMAT_DOC: &str = "docs/format.md";

impl Diagnostic {
    /// A diagnostic at the byte offset `span.start` of `source`.
    pub fn at(file: &str, source: &str, span: Span, message: impl Into<String>) -> Self {
        let (line, column, text) = line_col(source, span.start);
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            source_line: Some(text),
            section: None,
        }
    }

    /// [`Diagnostic::at`] with the line starts of `source` already known
    /// ([`line_starts`]): the same diagnostic, found by bisection.
    pub fn at_indexed(
        file: &str,
        source: &str,
        line_starts: &[usize],
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        let offset = floor_char_boundary(source, span.start.min(source.len()));
        let line = line_starts.partition_point(|&s| s <= offset).max(1);
        let line_start = line_starts.get(line - 1).copied().unwrap_or(0);
        let column = source[line_start..offset].chars().count() + 1;
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let text = source[line_start..line_end].trim_end_matches('\r');
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            source_line: Some(text.to_string()),
            section: None,
        }
    }

    /// A diagnostic at a known line and column, without a snippet.
    pub fn at_line(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            source_line: None,
            section: None,
        }
    }

    /// The same diagnostic pointing to section `anchor` of [`FORMAT_DOC`].
    pub fn in_section(mut self, anchor: &'static str) -> Self {
        self.section = Some(anchor);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error: {}:{}:{}: {}",
            sanitize(&self.file),
            self.line,
            self.column,
            sanitize(&self.message)
        )?;
        if let Some(text) = &self.source_line {
            let gutter = self.line.to_string().len();
            let pad = " ".repeat(gutter);
            let shown = sanitize(text);
            let caret_at = self.column.saturating_sub(1).min(shown.chars().count());
            write!(
                f,
                "\n{pad} |\n{} | {}\n{pad} | {}^",
                self.line,
                shown,
                " ".repeat(caret_at)
            )?;
        }
        if let Some(anchor) = self.section {
            write!(f, "\n  see {FORMAT_DOC}#{anchor}")?;
        }
        Ok(())
    }
}

/// All the problems found in one input, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// 1-based line, 1-based character column and the text of the line holding
/// byte `offset` of `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize, String) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let text = source[line_start..line_end].trim_end_matches('\r');
    (line, column, text.to_string())
}

/// `names` joined with commas for a message; a long list keeps its first
/// twelve and says how many more (a message must not grow with the file).
pub fn listing(names: &[&str]) -> String {
    const SHOWN: usize = 12;
    if names.len() <= SHOWN {
        return names.join(", ");
    }
    format!(
        "{}, … {} more",
        names[..SHOWN].join(", "),
        crate::money::format_count(names.len() as u64 - SHOWN as u64)
    )
}

/// The byte offset where each line of `source` starts (the first is 0).
pub fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and column of byte `offset` in raw bytes that are not valid
/// UTF-8 (for the invalid-encoding diagnostic).
pub fn line_col_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Text from a file made safe for a terminal: control characters (C0, DEL,
/// C1, so escape sequences too) and bidirectional overrides are replaced by
/// U+FFFD; tabs become a space.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if is_unsafe(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A character that drives a terminal rather than showing: a control
/// character (C0, DEL, C1) or a bidirectional override, embedding, isolate
/// or mark.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}'
        )
}

/// The closest of `candidates` to `found` (edit distance ≤ 2), for "did you
/// mean" hints on typos.
pub fn suggest<'a>(found: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(found, c), *c))
        .filter(|(d, _)| *d <= max_edits(found))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Short words get fewer edits, so `x` suggests nothing rather than `id`.
fn max_edits(word: &str) -> usize {
    match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Edit distance counting a swap of two neighbours as one edit (`dua` is
/// one edit from `dau`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn indexed_positions_are_the_counted_ones() {
        let src = "a = 1\r\nbé = 'x'\n\n[t]\nkey = 2";
        let starts = super::line_starts(src);
        for at in 0..=src.len() {
            let counted = super::Diagnostic::at("f", src, at..at, "m");
            let indexed = super::Diagnostic::at_indexed("f", src, &starts, at..at, "m");
            assert_eq!(counted, indexed, "offset {at}");
        }
    }

    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = "a = 1\nname = \"é\" x\n";
        let off = src.find('x').unwrap_or(0);
        assert_eq!(line_col(src, off).0, 2);
        assert_eq!(line_col(src, off).1, 12);
    }

    #[test]
    fn sanitize_strips_escapes_and_bidi() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{202E}c"), "a\u{FFFD}[31mb\u{FFFD}c");
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(suggest("dua", &["dau", "wau", "headcount"]), Some("dau"));
        assert_eq!(suggest("zzzzzz", &["dau"]), None);
        assert_eq!(suggest("x", &["id", "fx"]), None);
        assert_eq!(
            suggest("seat_prise", &["seat_price", "seats"]),
            Some("seat_price")
        );
    }
}
