//! `usage --write`: the funnel written into a scenario, the file checked
//! to load before and after, and what changed said on stderr.

use std::path::{Path, PathBuf};

use super::{Failure, listed_each};
use crate::diag::failure::{bad_input, failed};
use crate::diag::sanitize;
use crate::style::Style;
use crate::usage::dates::Day;
use crate::usage::funnel::Funnel;
use crate::usage::output::{counted, date_text};
use crate::usage::to_scenario::{Applied, apply};

/// Write the funnel into the scenario at `path`, after checking the file
/// loads before and will load after.
pub(super) fn write_scenario(
    path: &Path,
    funnel: &Funnel,
    source: &str,
    style: Style,
) -> Result<(), Failure> {
    let file = path.display().to_string();
    let refuse =
        |why: String| bad_input(format!("{why}\nerror: not writing '{}'", sanitize(&file)));
    crate::scenario::load_file(path).map_err(|e| refuse(e.to_string()))?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| refuse(format!("error: cannot read '{file}': {e}")))?;
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text.as_str()),
    };
    let applied = apply(body, funnel, source).map_err(|m| refuse(format!("error: {m}")))?;
    if applied.written.is_empty() {
        return Err(refuse(format!(
            "error: no [[region]] id in '{file}' matches the data's regions ({})",
            listed(&applied.not_in_file)
        )));
    }
    crate::scenario::parse_str(&file, &applied.text).map_err(|d| refuse(d.to_string()))?;
    crate::store::write_atomic(path, format!("{bom}{}", applied.text).as_bytes())
        .map_err(|e| failed(format!("error: {e}")))?;
    report_written(path, &applied, funnel.as_of, style);
    Ok(())
}

/// What a write changed, and the regions that did not match, on stderr.
fn report_written(path: &Path, applied: &Applied, as_of: Day, style: Style) {
    eprintln!(
        "wrote the funnel of {} ({}) to {} as of {}; the previous version is in {}",
        counted(applied.written.len() as u64, "region", "regions"),
        listed(&applied.written),
        sanitize(&path.display().to_string()),
        date_text(as_of),
        sanitize(&backup_of(path).display().to_string())
    );
    if !applied.kept.is_empty() {
        eprintln!(
            "note: {} left as the file has them: a last-activity export cannot tell them",
            applied.kept.join(" and ")
        );
    }
    for (regions, what) in [
        (
            &applied.not_in_file,
            "in the data but not in the file (not written)",
        ),
        (
            &applied.not_in_data,
            "in the file but not in the data (left unchanged)",
        ),
    ] {
        if !regions.is_empty() {
            eprintln!(
                "{} {} {what}: {}",
                style.warn("warning:"),
                if regions.len() == 1 {
                    "region"
                } else {
                    "regions"
                },
                listed(regions)
            );
        }
    }
}

/// Where the previous version went: beside the file, or beside the file a
/// symlink points to.
fn backup_of(path: &Path) -> PathBuf {
    let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if linked {
        crate::store::backup_path(&crate::store::resolve_target(path))
    } else {
        crate::store::backup_path(path)
    }
}

fn listed(names: &[String]) -> String {
    listed_each(names).join(", ")
}
