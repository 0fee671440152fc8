//! `dealbench export FILE --format md|csv|json|xlsx [--output PATH]`: the
//! negotiation brief (Markdown), one CSV row per offer and month, the JSON
//! report with schedules, drivers, stress and break-even prices, or an
//! Excel workbook (Compare plus a schedule sheet per offer).
//!
//! Output goes to stdout, or with `--output` to a file written atomically
//! (a temporary file renamed over the target; a previous version is kept as
//! `PATH.bak`). The workbook is binary and needs `--output`. Exit status 1
//! when the output cannot be written, 2 for bad input.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, bad_input, failed, load, output_failure};
use crate::diag::sanitize;
use crate::engine::Evaluation;
use crate::report;
use crate::scenario::Scenario;
use crate::store;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The brief to paste into an email or a wiki.
    Md,
    /// One row per offer and month, for a spreadsheet.
    Csv,
    /// The report plus schedules, drivers, stress and break-even prices.
    Json,
    /// An Excel workbook: Compare side by side and a schedule per offer.
    Xlsx,
}

/// The options of `dealbench export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The scenario file (TOML, schema 1).
    pub file: PathBuf,
    /// md, csv, json or xlsx (xlsx needs --output).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Format,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// The export in `format`, as bytes.
pub fn render(format: Format, s: &Scenario, ev: &Evaluation) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match format {
        Format::Md => report::markdown::write(&mut buf, s, ev)?,
        Format::Csv => report::csv::write(&mut buf, s, ev)?,
        Format::Json => report::export::write(&mut buf, s, ev)?,
        Format::Xlsx => report::xlsx::write(&mut buf, s, ev)?,
    }
    Ok(buf)
}

/// Whether `a` and `b` name the same existing file (through links too).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Run the command.
pub fn run(args: &ExportArgs) -> Result<(), Failure> {
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(bad_input(
            "error: --format xlsx writes a binary Excel workbook, which is not sent to \
             stdout: name the file with --output PATH.xlsx",
        ));
    }
    if let Some(out) = &args.output
        && same_file(out, &args.file)
    {
        return Err(bad_input(format!(
            "error: --output '{}' is the scenario being exported; writing there would replace it: expected another path",
            sanitize(&out.display().to_string())
        )));
    }
    let (s, ev) = load(&args.file)?;
    let bytes = render(args.format, &s, &ev).map_err(output_failure)?;
    match &args.output {
        Some(path) => store::write_atomic(path, &bytes)
            .map_err(|e| failed(format!("error: {}", sanitize(&e.to_string())))),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(output_failure)
        }
    }
}
