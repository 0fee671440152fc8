//! The dated editions of the built-in price book, each an asset compiled
//! into the binary. A scenario names the edition it is priced on
//! (`[pricebook] edition = "…"`); a file that names none is priced on
//! [`DEFAULT_EDITION`], the book every file was priced on before editions
//! existed, so its figures never change under it. New files take
//! [`latest`].
//!
//! To ship a new edition: add `assets/pricebook-DATE.toml` (every figure
//! with its source and date), append it to [`EDITIONS`] (oldest first) and
//! list it in docs/pricebook.md.

/// One edition of the built-in book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edition {
    /// The edition's name, the date of the list it describes.
    pub id: &'static str,
    /// The asset it is read from, for messages.
    pub file: &'static str,
    /// The asset's text.
    pub toml: &'static str,
}

/// Every edition, oldest first.
pub const EDITIONS: &[Edition] = &[
    Edition {
        id: "2026-02-15",
        file: "assets/pricebook.toml",
        toml: include_str!("../../assets/pricebook.toml"),
    },
    Edition {
        id: "2026-12-03",
        file: "assets/pricebook-2026-12-03.toml",
        toml: include_str!("../../assets/pricebook-2026-12-03.toml"),
    },
];

/// The edition of a file that names none.
pub const DEFAULT_EDITION: &str = "2026-02-15";

/// The newest edition: what a new file is priced on.
pub fn latest() -> &'static str {
    EDITIONS.last().map_or(DEFAULT_EDITION, |e| e.id)
}

/// The edition called `id`.
pub fn find(id: &str) -> Option<&'static Edition> {
    EDITIONS.iter().find(|e| e.id == id)
}

/// Every edition's name, oldest first.
pub fn ids() -> Vec<&'static str> {
    EDITIONS.iter().map(|e| e.id).collect()
}

/// The newest edition when it is newer than `id`, for the "a newer edition
/// exists" notes of `check`, `report` and the workbench.
pub fn newer_than(id: &str) -> Option<&'static str> {
    let pos = EDITIONS.iter().position(|e| e.id == id)?;
    (pos + 1 < EDITIONS.len()).then(latest)
}

/// What `check`, `report` and the workbench say about a book whose edition
/// is not the newest: `None` when it is.
pub fn newer_note(edition: &str) -> Option<String> {
    let newer = newer_than(edition)?;
    Some(format!(
        "priced on the {edition} edition of the built-in price book; {newer} is newer (`dealbench pricebook FILE --compare {newer}` shows each offer on it, `--edition {newer} --write FILE` moves the file)"
    ))
}

/// The scenario text with `[pricebook] edition` set to `id`: the value
/// replaced in place (keeping its comment) or added as the table's first
/// line; a file without `[pricebook]` gains one at its end.
pub fn set_edition(src: &str, id: &str) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = src
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().trim().to_string())?;
    let root = doc.as_table_mut();
    let value = toml_edit::Value::from(id);
    match root.get_mut("pricebook") {
        Some(item) => {
            let implicit = item.as_table().is_some_and(toml_edit::Table::is_implicit);
            let table = item
                .as_table_like_mut()
                .ok_or("`pricebook` is not a table")?;
            super::write::replace(table, "edition", value);
            if implicit && let Some(t) = item.as_table_mut() {
                t.set_implicit(false);
            }
        }
        None => {
            let mut t = toml_edit::Table::new();
            t.insert("edition", toml_edit::Item::Value(value));
            root.insert("pricebook", toml_edit::Item::Table(t));
        }
    }
    Ok(doc.to_string())
}
