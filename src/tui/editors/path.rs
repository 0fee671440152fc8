//! The paths typed in the workbench: the file to save to (`S`, and the
//! demo's save when an earlier session left a file there), and the file to
//! export to (`E`), whose extension picks the format.

use std::path::{Path, PathBuf};

use crate::cli::export::Format;
use crate::tui::form::{Field, Rule};
use crate::tui::model::Model;

/// What a path's field takes.
pub const RULE: Rule = Rule::text(200);

/// The hint of the save-as prompt.
pub const SAVE_AS_HINT: &str =
    "the offers and the rest of the file are written there; it becomes the file you edit";

/// The file to save to as a field. A file that exists (other than the one
/// open) is replaced only on a second Enter: `asked` is the refusal shown
/// now, which is the question the first Enter asked.
pub fn save_as<'a>(m: &'a Model, asked: Option<&'a str>) -> Field<'a, PathBuf> {
    Field::new(
        "Path",
        SAVE_AS_HINT,
        move |out: &mut PathBuf, typed: &str| {
            let path = PathBuf::from(typed.trim());
            if typed.trim().is_empty() {
                return Err("type the path of the file to save to".into());
            }
            if path.is_dir() {
                return Err(format!(
                    "'{}' is a folder: type a file name",
                    path.display()
                ));
            }
            let same = m.file.as_deref().is_some_and(|f| {
                std::fs::canonicalize(f).ok() == std::fs::canonicalize(&path).ok()
            });
            if path.exists() && !same {
                let question = exists_message(&path);
                if asked != Some(question.as_str()) {
                    return Err(question);
                }
            }
            *out = path;
            Ok(())
        },
    )
}

/// The question a save over another existing file asks.
pub fn exists_message(path: &Path) -> String {
    format!(
        "'{}' already exists: Enter again replaces it (its old version is kept as {}.bak)",
        path.display(),
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    )
}

/// The file to export to as a field: the typed path, or the suggested one
/// on an empty line, with the format its extension asks for.
pub fn export(m: &Model) -> Field<'_, (PathBuf, Format)> {
    let hint = format!(
        "Enter on an empty line writes '{}' · .md brief, .csv months, .json report, .xlsx workbook",
        crate::diag::sanitize(&suggest_export(m))
    );
    Field::new(
        "Path",
        hint,
        move |out: &mut (PathBuf, Format), typed: &str| {
            let path = PathBuf::from(if typed.trim().is_empty() {
                suggest_export(m)
            } else {
                typed.trim().to_string()
            });
            let format = format_of(&path).ok_or_else(|| {
            format!(
                "'{}': the extension picks the format — .md, .csv or .json, or .xlsx for a workbook",
                crate::diag::sanitize(&path.display().to_string())
            )
        })?;
            *out = (path, format);
            Ok(())
        },
    )
}

/// The format an export path asks for, from its extension.
pub fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "md" | "markdown" => Some(Format::Md),
        "csv" => Some(Format::Csv),
        "json" => Some(Format::Json),
        "xlsx" => Some(Format::Xlsx),
        _ => None,
    }
}

/// A suggested export path beside the scenario: `STEM-brief.md`.
pub fn suggest_export(m: &Model) -> String {
    let stem = m.file.as_deref().and_then(Path::file_stem).map_or_else(
        || "dealbench-demo".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let dir = m
        .file
        .as_deref()
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty());
    let name = format!("{stem}-brief.md");
    dir.map_or(name.clone(), |d| d.join(&name).display().to_string())
}
