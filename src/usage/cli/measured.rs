//! The funnel of one export file for another command (`dealbench new
//! --from-usage FILE`): measured exactly as `dealbench usage FILE` measures
//! it, with the same notes on stderr, or read back from the §5 JSON that
//! `dealbench usage --json` prints.

use std::path::Path;

use clap::Parser;

use super::{Failure, UsageArgs, bad_input, measure_export, source_text};
use crate::diag::sanitize;
use crate::style::Style;
use crate::usage::funnel::Funnel;

/// `dealbench usage FILE` with every other option at its default.
#[derive(Parser)]
struct Plain {
    #[command(flatten)]
    args: UsageArgs,
}

/// The funnel of `path` and the short text saying where it came from
/// (`funnel_source`). A file whose first character is `{` is the §5 JSON;
/// anything else is an activity export (CSV, .csv.gz, .csv.zst, Parquet).
pub fn funnel_of(path: &Path) -> Result<(Funnel, String), Failure> {
    let file = sanitize(&path.display().to_string());
    let head = crate::usage::input::open(path)
        .and_then(|mut input| {
            let mut head = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(&mut input, 64), &mut head)?;
            Ok(head)
        })
        .map_err(|e| bad_input(format!("error: cannot read '{file}': {e}")))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = String::from_utf8_lossy(&head);
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        let result = crate::usage::from_funnel::read(path).map_err(bad_input)?;
        let source = match result.source {
            Some(query) => format!("{query}, result {name}"),
            None => format!("funnel result {name}"),
        };
        return Ok((result.funnel, source));
    }
    let (usage, dashes) = (std::ffi::OsStr::new("usage"), std::ffi::OsStr::new("--"));
    let args = Plain::try_parse_from([usage, dashes, path.as_os_str()])
        .map_err(|e| bad_input(format!("error: {e}")))?
        .args;
    let (sourced, funnel, _) = measure_export(&args, path, Style::for_stderr())?;
    let source = source_text(&args, &sourced, path, funnel.source);
    Ok((funnel, source))
}
