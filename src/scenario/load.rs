//! Reading a scenario file: bytes → UTF-8 → TOML → validated [`Scenario`].

use std::path::Path;

use super::limits::{Table, check_budget};
use super::model::*;
use super::offers::{parse_offer, validate_offers};
use super::sections::{
    check_growth, read_deal, read_fx, read_log, read_regions, read_stress, read_workloads,
};
use crate::diag::{Diagnostic, Diagnostics, line_col_bytes};
use crate::pricebook::PriceBook;
use crate::reader::{Ctx, Fields, Tbl};

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Deepest nesting of tables and arrays a scenario may use.
pub const MAX_NESTING: usize = 32;
// The bounds of any count and period (`MAX_COUNT`, `MAX_MONTHS`) and the
// budget on the pricing work a file may ask for are in `super::limits`.

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("error: cannot read '{}': {reason}", crate::diag::sanitize(.file))]
    Io { file: String, reason: String },
    /// The file was read but its content is at fault.
    #[error("{0}")]
    Invalid(Diagnostics),
}

/// Read and validate the scenario at `path`.
pub fn load_file(path: &Path) -> Result<Scenario, LoadError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| LoadError::Io {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        let msg = format!(
            "the file is {} bytes; a scenario must be at most {MAX_FILE_BYTES} bytes (10 MB)",
            meta.len()
        );
        return Err(LoadError::Invalid(Diagnostics(vec![file_fault(
            &file, 1, 1, msg,
        )])));
    }
    let bytes = read_bounded(path).map_err(|e| LoadError::Io {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    parse_bytes(&file, &bytes).map_err(LoadError::Invalid)
}

/// The bytes of the file at `path`, refused once they pass
/// [`MAX_FILE_BYTES`]: a device or pipe (a link to `/dev/zero`) has no size
/// to check beforehand and must not be read without end.
pub fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("it holds more than {MAX_FILE_BYTES} bytes; a scenario must be at most 10 MB"),
        ));
    }
    Ok(bytes)
}

/// Validate raw bytes as a scenario named `file` in messages.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Scenario, Diagnostics> {
    if bytes.len() > MAX_FILE_BYTES {
        let msg = format!(
            "the file is {} bytes; a scenario must be at most {MAX_FILE_BYTES} bytes",
            bytes.len()
        );
        return Err(Diagnostics(vec![file_fault(file, 1, 1, msg)]));
    }
    match std::str::from_utf8(bytes) {
        Ok(src) => parse_str(file, src.strip_prefix('\u{feff}').unwrap_or(src)),
        Err(e) => {
            let (line, column) = line_col_bytes(bytes, e.valid_up_to());
            let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            let msg = format!(
                "the file is not valid UTF-8: expected UTF-8 text, found the byte '0x{bad:02X}'"
            );
            Err(Diagnostics(vec![file_fault(file, line, column, msg)]))
        }
    }
}

/// A fault of the file as a whole (its size, its encoding), pointing to
/// the docs/format.md section on the file.
fn file_fault(file: &str, line: usize, column: usize, msg: String) -> Diagnostic {
    Diagnostic::at_line(file, line, column, msg).in_section("file")
}

/// Validate TOML text as a scenario named `file` in messages.
pub fn parse_str(file: &str, src: &str) -> Result<Scenario, Diagnostics> {
    let ctx = Ctx::new(file, src);
    if let Some(at) = too_deep(src) {
        ctx.error(
            at..at,
            format!("nesting is deeper than {MAX_NESTING} levels: expected a flat scenario file"),
        );
        return Err(ctx.into_errors());
    }
    let doc = match toml_edit::Document::parse(src) {
        Ok(doc) => doc,
        Err(e) => {
            let mut msg = format!("invalid TOML: {}", e.message().trim());
            if msg.contains("duplicate key") || msg.contains("duplicate table") {
                let key = key_at(src, e.span().map_or(0, |s| s.start));
                if !key.is_empty() {
                    msg.push_str(&format!(
                        ": `{key}` is defined twice; expected each key once per table"
                    ));
                }
            }
            ctx.error(e.span().unwrap_or(0..0), msg);
            return Err(ctx.into_errors());
        }
    };
    match read_scenario(&ctx, Tbl::Table(doc.as_table())) {
        Some(s) => ctx.finish(s),
        None => Err(ctx.into_errors()),
    }
}

/// The key written at byte `at` (for duplicate-key messages).
fn key_at(src: &str, at: usize) -> String {
    src.get(at..)
        .unwrap_or("")
        .trim_start_matches(['[', ' ', '"', '\''])
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect()
}

/// Byte offset where brackets nest deeper than [`MAX_NESTING`], ignoring
/// strings and comments; a guard before the recursive TOML parser.
fn too_deep(src: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str: Option<char> = None;
    let mut comment = false;
    let mut prev = '\0';
    // Dots of the key being written: `a.b.c = 1` nests as deep as `[a.b.c]`.
    let mut dots = 0usize;
    let mut in_value = false;
    let mut line_start = 0usize;
    for (i, c) in src.char_indices() {
        if comment {
            comment = c != '\n';
        } else if let Some(q) = in_str {
            if c == q && prev != '\\' {
                in_str = None;
            }
        } else {
            match c {
                '#' => comment = true,
                '"' | '\'' => in_str = Some(c),
                '[' | '{' => {
                    depth += 1;
                    in_value = false;
                    dots = 0;
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                '=' => in_value = true,
                ',' => {
                    in_value = false;
                    dots = 0;
                }
                '.' if !in_value => dots += 1,
                _ => {}
            }
            if depth + dots > MAX_NESTING {
                return Some(if dots > 0 { line_start } else { i });
            }
        }
        if c == '\n' {
            line_start = i + 1;
            in_value = false;
            dots = 0;
        }
        prev = if prev == '\\' && c == '\\' { '\0' } else { c };
    }
    None
}

/// The top-level keys of a scenario (docs/format.md#file).
pub const TOP: &[&str] = &[
    "schema",
    "deal",
    "fx",
    "region",
    "workload",
    "offer",
    "pricebook",
    "stress",
    "uncertainty",
    "log",
];
fn read_scenario(ctx: &Ctx<'_>, root: Tbl<'_>) -> Option<Scenario> {
    let top = Fields::top(ctx, root, "the scenario", TOP);
    match top.whole("schema", 0, u64::MAX >> 1, "the schema version") {
        Some(s) if s.value == 1 => {}
        Some(s) => ctx.error(
            s.span,
            format!("unknown schema: expected `schema = 1`, found '{}'", s.value),
        ),
        None if !top.has("schema") => top.missing("schema", "`schema = 1` as the first line"),
        None => {}
    }
    let mut pricebook = PriceBook::builtin();
    if let Some((span, t)) = top.table("pricebook") {
        let pf = Fields::new(ctx, t, "[pricebook]", crate::pricebook::apply::TOP, span);
        let ids = crate::pricebook::edition::ids();
        if let Some(e) = pf.choice("edition", &ids) {
            pricebook = PriceBook::edition(&e.value).unwrap_or(pricebook);
        }
        pricebook.apply(&pf, true);
    }
    let deal = read_deal(ctx, &top)?;
    let fx = read_fx(ctx, &top, &deal.currency);
    let regions = read_regions(ctx, &top, &deal, &fx);
    let (workloads, growth_spans) = read_workloads(ctx, &top, &pricebook);
    let mut offers: Vec<OfferSpec> = top
        .tables("offer")
        .into_iter()
        .filter_map(|(span, t)| parse_offer(ctx, t, span, &pricebook, &regions, &workloads))
        .collect();
    for (i, o) in offers.iter_mut().enumerate() {
        o.id = i as u64;
    }
    if offers.is_empty() && !top.has("offer") {
        top.missing("offer", "at least one [[offer]]");
    }
    let stress = read_stress(ctx, &top);
    let log = read_log(ctx, &top);
    let (uncertainty, uncertainty_span) = super::uncertainty::read(ctx, &top).unzip();
    let scenario = Scenario {
        deal,
        fx,
        regions,
        workloads,
        offers,
        pricebook,
        stress,
        log,
        uncertainty,
    };
    validate_offers(ctx, &scenario);
    super::offers::validate_geo(ctx, &scenario);
    if !ctx.has_errors() {
        check_growth(ctx, &scenario, &growth_spans);
        if let Some(at) = &uncertainty_span {
            super::uncertainty::check_growth(ctx, &scenario, at);
            super::uncertainty::check_budget(ctx, &scenario, at);
        }
    }
    if !ctx.has_errors() {
        let mut tables = Vec::new();
        for (key, table) in [
            ("region", Table::Region),
            ("workload", Table::Workload),
            ("offer", Table::Offer),
        ] {
            tables.extend(top.tables(key).into_iter().map(|(span, _)| (span, table)));
        }
        check_budget(ctx, &scenario, tables);
    }
    Some(scenario)
}
