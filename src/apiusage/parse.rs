//! Reading pages of the Messages Usage Report
//! (`GET /v1/organizations/usage_report/messages`) into [`Row`]s.
//!
//! Only the documented fields are read; every other field is skipped
//! unseen. Token counts must be JSON whole numbers from 0 to
//! [`MAX_TOKENS`] — a string, a fraction, a negative count or 10^30 is
//! refused with the file, line and column serde_json reports. A page is at
//! most [`MAX_PAGE_BYTES`]; nesting deeper than [`MAX_DEPTH`] is refused
//! before serde_json reads the page.

use std::fmt;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::diag::Diagnostic;

/// The largest token count one field may hold (10^18).
pub const MAX_TOKENS: u64 = 1_000_000_000_000_000_000;

/// The largest page read (64 MiB); a real page of daily buckets is a few
/// hundred kilobytes.
pub const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// A token count: a whole number from 0 to [`MAX_TOKENS`]; `null` is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tokens(pub u64);

impl<'de> Deserialize<'de> for Tokens {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TokensVisitor)
    }
}

struct TokensVisitor;

const EXPECTED_TOKENS: &str = "a token count: a whole number from 0 to 10^18";

impl<'de> Visitor<'de> for TokensVisitor {
    type Value = Tokens;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED_TOKENS)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tokens, E> {
        if v > MAX_TOKENS {
            return Err(E::custom(format!(
                "expected {EXPECTED_TOKENS}, found '{v}'"
            )));
        }
        Ok(Tokens(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tokens, E> {
        match u64::try_from(v) {
            Ok(u) => self.visit_u64(u),
            Err(_) => Err(E::custom(format!(
                "expected {EXPECTED_TOKENS}, found the negative count '{v}'"
            ))),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tokens, E> {
        Err(E::custom(format!(
            "expected {EXPECTED_TOKENS}, found '{v}'"
        )))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tokens, E> {
        let shown: String = v.chars().take(40).collect();
        Err(E::custom(format!(
            "expected {EXPECTED_TOKENS}, found the string '{shown}' (numbers are not quoted)"
        )))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tokens, E> {
        Err(E::custom(format!(
            "expected {EXPECTED_TOKENS}, found '{v}'"
        )))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tokens, E> {
        Ok(Tokens(0))
    }

    fn visit_none<E: de::Error>(self) -> Result<Tokens, E> {
        Ok(Tokens(0))
    }
}

/// A bucket boundary: an RFC 3339 timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub DateTime<Utc>);

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|t| Stamp(t.with_timezone(&Utc)))
            .map_err(|_| {
                let shown: String = text.chars().take(40).collect();
                de::Error::custom(format!(
                    "expected an RFC 3339 timestamp such as '2025-08-01T00:00:00Z', found '{shown}'"
                ))
            })
    }
}

/// `cache_creation` of a result.
#[derive(Debug, Clone, Default, Deserialize)]
struct CacheCreation {
    #[serde(default)]
    ephemeral_5m_input_tokens: Tokens,
    #[serde(default)]
    ephemeral_1h_input_tokens: Tokens,
}

/// One result of a bucket as the report writes it.
#[derive(Debug, Clone, Deserialize)]
struct RawRow {
    #[serde(default)]
    uncached_input_tokens: Tokens,
    #[serde(default)]
    cache_creation: Option<CacheCreation>,
    #[serde(default)]
    cache_creation_5m_input_tokens: Tokens,
    #[serde(default)]
    cache_creation_1h_input_tokens: Tokens,
    #[serde(default)]
    cache_read_input_tokens: Tokens,
    #[serde(default)]
    output_tokens: Tokens,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    service_tier: Option<String>,
    #[serde(default)]
    context_window: Option<String>,
    #[serde(default)]
    inference_geo: Option<String>,
    #[serde(default)]
    workspace_id: Option<String>,
    #[serde(default)]
    api_key_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct RawBucket {
    starting_at: Stamp,
    ending_at: Stamp,
    #[serde(default)]
    results: Vec<RawRow>,
}

#[derive(Debug, Clone, Deserialize)]
struct RawPage {
    data: Vec<RawBucket>,
}

/// One result row: the token counts and the dimensions that group it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub uncached: u64,
    pub write_5m: u64,
    pub write_1h: u64,
    pub read: u64,
    pub output: u64,
    pub model: Option<String>,
    pub service_tier: Option<String>,
    pub context_window: Option<String>,
    /// Where inference ran (`"us"` or `"global"`), when grouped by it.
    pub inference_geo: Option<String>,
    pub workspace_id: Option<String>,
    pub api_key_id: Option<String>,
}

impl From<RawRow> for Row {
    fn from(r: RawRow) -> Row {
        // The nested `cache_creation` object, or the flat spelling when the
        // nested one is absent.
        let (w5, w1h) = match r.cache_creation {
            Some(c) => (c.ephemeral_5m_input_tokens.0, c.ephemeral_1h_input_tokens.0),
            None => (
                r.cache_creation_5m_input_tokens.0,
                r.cache_creation_1h_input_tokens.0,
            ),
        };
        Row {
            uncached: r.uncached_input_tokens.0,
            write_5m: w5,
            write_1h: w1h,
            read: r.cache_read_input_tokens.0,
            output: r.output_tokens.0,
            model: r.model,
            service_tier: r.service_tier,
            context_window: r.context_window,
            inference_geo: r.inference_geo,
            workspace_id: r.workspace_id,
            api_key_id: r.api_key_id,
        }
    }
}

/// One time bucket with its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub start: Stamp,
    pub end: Stamp,
    pub rows: Vec<Row>,
    /// The page (file) it was read from, for messages.
    pub file: String,
}

/// Read one page from `path`, named `file` in messages.
pub fn read_page(path: &Path, file: &str) -> Result<Vec<Bucket>, Diagnostic> {
    let bytes = read_bounded(path, file)?;
    parse_page(file, &bytes)
}

/// The bytes of a page, refused past [`MAX_PAGE_BYTES`] before they are
/// read whole.
pub fn read_bounded(path: &Path, file: &str) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Diagnostic::at_line(file, 1, 1, format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(Diagnostic::at_line(
            file,
            1,
            1,
            format!(
                "the file is larger than {} MiB, the most one page of the usage report may hold: expected one page as the API returns it (follow `next_page` for the rest)",
                MAX_PAGE_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(bytes)
}

/// The deepest nesting of arrays and objects a page may have; the report's
/// own is 5.
pub const MAX_DEPTH: usize = 32;

/// Refuse nesting deeper than [`MAX_DEPTH`] anywhere in the page — also in
/// fields that are otherwise ignored — at the line and column where it
/// passes the limit.
pub(crate) fn check_depth(file: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let (line, column) = crate::diag::line_col_bytes(bytes, i);
                    return Err(Diagnostic::at_line(
                        file,
                        line,
                        column,
                        format!(
                            "not a page of the report: arrays and objects nested more than {MAX_DEPTH} deep"
                        ),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Parse the bytes of one page.
pub fn parse_page(file: &str, bytes: &[u8]) -> Result<Vec<Bucket>, Diagnostic> {
    check_depth(file, bytes)?;
    let page: RawPage = serde_json::from_slice(bytes)
        .map_err(|e| json_error(file, &e, "a page of the Messages Usage Report"))?;
    let mut out = Vec::with_capacity(page.data.len());
    for b in page.data {
        if b.ending_at <= b.starting_at {
            return Err(Diagnostic::at_line(
                file,
                1,
                1,
                format!(
                    "a bucket ends ('{}') before it starts ('{}'): expected `ending_at` after `starting_at`",
                    stamp_text(b.ending_at),
                    stamp_text(b.starting_at)
                ),
            ));
        }
        out.push(Bucket {
            start: b.starting_at,
            end: b.ending_at,
            rows: b.results.into_iter().map(Row::from).collect(),
            file: file.to_string(),
        });
    }
    Ok(out)
}

/// A timestamp as the report writes it (`2025-08-01T00:00:00Z`).
pub fn stamp_text(s: Stamp) -> String {
    s.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

pub(crate) fn json_error(file: &str, e: &serde_json::Error, page: &str) -> Diagnostic {
    let full = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let reason = full.strip_suffix(&place).unwrap_or(&full);
    let what = match e.classify() {
        serde_json::error::Category::Data => &format!("not {page}"),
        serde_json::error::Category::Eof => "the JSON ends too early",
        _ => "invalid JSON",
    };
    Diagnostic::at_line(
        file,
        e.line().max(1),
        e.column().max(1),
        format!("{what}: {reason}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_page("p.json", text.as_bytes())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn counts_must_be_whole_non_negative_numbers_within_the_bound() {
        let page = |v: &str| {
            format!(
                "{{\"data\": [{{\"starting_at\": \"2025-08-01T00:00:00Z\", \"ending_at\": \"2025-08-02T00:00:00Z\",\n \"results\": [{{\"output_tokens\": {v}}}]}}]}}"
            )
        };
        assert!(err(&page("-5")).contains("negative count '-5'"));
        assert!(err(&page("1e30")).contains("whole number from 0 to 10^18"));
        assert!(err(&page("1000000000000000000000000000000")).contains("10^18"));
        assert!(err(&page("\"12\"")).contains("the string '12'"));
        assert!(err(&page("1.5")).contains("found '1.5'"));
        assert!(
            err(&page("-5")).starts_with("error: p.json:2:"),
            "{}",
            err(&page("-5"))
        );
        let ok = parse_page("p.json", page("null").as_bytes()).unwrap();
        assert_eq!(ok[0].rows[0].output, 0);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = format!(
            "{{\"data\": [], \"x\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(
            err(&deep).contains("nested more than 32 deep"),
            "{}",
            err(&deep)
        );
        assert!(err(&deep).starts_with("error: p.json:1:"), "{}", err(&deep));
    }

    #[test]
    fn the_flat_cache_spelling_is_read_and_unknown_fields_ignored() {
        let page = r#"{"data": [{"starting_at": "2025-08-01T00:00:00Z", "ending_at": "2025-08-01T01:00:00Z",
          "results": [{"cache_creation_5m_input_tokens": 7, "cache_creation_1h_input_tokens": 3,
                       "server_tool_use": {"web_search_requests": 2}, "model": "claude-opus-4-6"}]}],
          "has_more": false, "next_page": null}"#;
        let b = parse_page("p.json", page.as_bytes()).unwrap();
        assert_eq!((b[0].rows[0].write_5m, b[0].rows[0].write_1h), (7, 3));
    }
}
