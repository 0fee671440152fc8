//! `dealbench pricebook`: print the price book in force, import model prices
//! from a LiteLLM price file, and write them into a scenario.
//!
//! * `dealbench pricebook [SCENARIO] [--json]` — the built-in book, with the
//!   scenario's `[pricebook]` on top when one is named.
//! * `--litellm FILE --map ID=NAME[,…]` — the same book with the mapped
//!   LiteLLM models imported (printed, nothing written).
//! * `--write SCENARIO` — the imported models go into that file's
//!   `[pricebook]`; the edited text is validated before it is saved
//!   atomically (previous version kept as `FILE.bak`) and the saved file is
//!   loaded again to prove it.
//!
//! Warnings and notes go to stderr. Exit status: 0 done (warnings included),
//! 1 the scenario could not be saved, 2 bad input (a scenario that does not
//! load, an unreadable or malformed LiteLLM file, a bad `--map`, or no
//! mapped model that could be imported).

use std::io::Write;
use std::path::{Path, PathBuf};

mod edition;

use super::{Failure, bad_input, failed, output_failure};
use crate::diag::sanitize;
use crate::pricebook::PriceBook;
use crate::pricebook::litellm::{self, Import};
use crate::pricebook::write::{self, Change};
use crate::report::pricebook::{self as view, Origin};
use crate::scenario::{self, Scenario};
use crate::store;
use crate::style::Style;

/// The options of `dealbench pricebook`.
#[derive(Debug, Clone, clap::Args)]
pub struct PricebookArgs {
    /// A scenario whose [pricebook] applies over the built-in book
    /// (default: the built-in book alone).
    #[arg(value_name = "SCENARIO", conflicts_with = "write")]
    pub scenario: Option<PathBuf>,
    /// Print the book as JSON: the [pricebook] TOML keys, prices as exact
    /// decimal strings.
    #[arg(long)]
    pub json: bool,
    /// Import model prices from LiteLLM's model_prices_and_context_window.json.
    #[arg(long, value_name = "FILE", requires = "map")]
    pub litellm: Option<PathBuf>,
    /// Which LiteLLM entries to import and the price-book ids they become:
    /// ID=LITELLM_NAME[,ID=LITELLM_NAME…] (repeatable).
    #[arg(long, value_name = "ID=LITELLM_NAME", requires = "litellm")]
    pub map: Vec<String>,
    /// Write the imported models (or the --edition) into this scenario's
    /// [pricebook], keeping its comments (the previous version is kept as
    /// SCENARIO.bak).
    #[arg(long, value_name = "SCENARIO")]
    pub write: Option<PathBuf>,
    /// Show what each offer of SCENARIO would cost on this edition of the
    /// built-in book, offer by offer.
    #[arg(long, value_name = "EDITION", requires = "scenario", conflicts_with_all = ["litellm", "edition"])]
    pub compare: Option<String>,
    /// With --write: move the scenario to this edition of the built-in book
    /// (one `edition` line in its [pricebook]).
    #[arg(
        long,
        value_name = "EDITION",
        requires = "write",
        conflicts_with = "litellm"
    )]
    pub edition: Option<String>,
}

/// Run the command.
pub fn run(args: &PricebookArgs) -> Result<(), Failure> {
    let today = chrono::Local::now().date_naive();
    if let (Some(id), Some(path)) = (&args.edition, &args.write) {
        return edition::move_to(path, id);
    }
    if args.write.is_some() && args.litellm.is_none() {
        return Err(bad_input(
            "error: --write needs --litellm FILE --map … (models to import) or --edition EDITION (the edition to move to)",
        ));
    }
    let target = args.write.as_ref().or(args.scenario.as_ref());
    let loaded = match target {
        Some(path) => Some(load(path)?),
        None => None,
    };
    if let (Some(id), Some(path), Some(s)) = (&args.compare, &args.scenario, &loaded) {
        return edition::compare(path, s, id, args.json);
    }
    let mut book = loaded
        .as_ref()
        .map_or_else(PriceBook::builtin, |s| s.pricebook.clone());
    let mut origin = Origin {
        scenario: target.map(|p| p.display().to_string()),
        deal: loaded
            .as_ref()
            .map(|s| (s.deal.name.clone(), s.deal.currency.clone())),
        litellm: None,
        today: Some(today),
    };
    if let Some(file) = &args.litellm {
        let import = read_import(file, &args.map, &book)?;
        if let Some(path) = &args.write {
            return write_into(path, &import, args.json, origin);
        }
        import.apply_to(&mut book);
        origin.litellm = Some(file.display().to_string());
    }
    print_book(&book, &origin, args.json)
}

fn load(path: &Path) -> Result<Scenario, Failure> {
    scenario::load_file(path).map_err(|e| bad_input(e.to_string()))
}

fn print_book(book: &PriceBook, origin: &Origin, json: bool) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        view::write_json(&mut out, book).map_err(output_failure)?;
    } else {
        view::write_text(&mut out, book, origin, Style::for_stdout()).map_err(output_failure)?;
        view::write_extra_text(&mut out, book, Style::for_stdout()).map_err(output_failure)?;
    }
    out.flush().map_err(output_failure)
}

/// Read the LiteLLM file and import the mapped models, printing warnings
/// and notes; fails when nothing could be imported.
fn read_import(file: &Path, map: &[String], book: &PriceBook) -> Result<Import, Failure> {
    let name = file.display().to_string();
    let maps = litellm::parse_mappings(map).map_err(|m| bad_input(format!("error: {m}")))?;
    let cannot = |reason: String| bad_input(format!("error: cannot read '{name}': {reason}"));
    let meta = std::fs::metadata(file).map_err(|e| cannot(e.to_string()))?;
    if meta.len() > litellm::MAX_FILE_BYTES {
        return Err(cannot(format!(
            "the file is {} bytes; a LiteLLM price file must be at most {} bytes",
            meta.len(),
            litellm::MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(file).map_err(|e| cannot(e.to_string()))?;
    let text =
        String::from_utf8(bytes).map_err(|e| cannot(format!("expected UTF-8 JSON text: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let import = litellm::import(&name, text, &maps, book).map_err(|d| bad_input(d.to_string()))?;
    let style = Style::for_stderr();
    let mut err = std::io::stderr().lock();
    for w in &import.warnings {
        let _ = writeln!(err, "{} {}", style.warn("warning:"), sanitize(w));
    }
    for n in &import.notes {
        let _ = writeln!(err, "{} {}", style.dim("note:"), sanitize(n));
    }
    if import.models.is_empty() {
        return Err(bad_input(format!(
            "error: {}: none of the --map entries could be imported (see the warnings above)",
            sanitize(&name)
        )));
    }
    Ok(import)
}

/// Write the imported models into the scenario at `path`, validate, save
/// and reload it, then report what changed (or print the reloaded book as
/// JSON, the summary going to stderr).
fn write_into(path: &Path, import: &Import, json: bool, origin: Origin) -> Result<(), Failure> {
    let (mut lines, changed) = edit_and_save(path, import)?;
    // Proof that the file on disk is a valid scenario with the new prices.
    let reloaded = scenario::load_file(path)
        .map_err(|e| failed(format!("error: the saved scenario does not load:\n{e}")))?;
    if changed {
        let as_of = reloaded
            .pricebook
            .as_of
            .map_or_else(|| "unset".to_string(), |d| d.to_string());
        lines.push(format!(
            "note: the book's as_of is still {as_of}; set `as_of` in [pricebook] to the date the imported LiteLLM prices describe"
        ));
    }
    if json {
        let mut err = std::io::stderr().lock();
        for l in &lines {
            let _ = writeln!(err, "{}", sanitize(l));
        }
        return print_book(&reloaded.pricebook, &origin, true);
    }
    let mut out = std::io::stdout().lock();
    for l in &lines {
        writeln!(out, "{}", sanitize(l)).map_err(output_failure)?;
    }
    Ok(())
}

/// Edit the scenario's text and, when anything changed, validate the result
/// and save it atomically. Returns the summary lines and whether it saved.
fn edit_and_save(path: &Path, import: &Import) -> Result<(Vec<String>, bool), Failure> {
    let shown = path.display().to_string();
    let raw = std::fs::read_to_string(path)
        .map_err(|e| failed(format!("error: cannot read '{shown}': {e}")))?;
    let (bom, src) = match raw.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", raw.as_str()),
    };
    let written = write::write_models(src, &import.models)
        .map_err(|e| failed(format!("error: {shown}: {e}; nothing was written")))?;
    let mut lines: Vec<String> = written
        .changes
        .iter()
        .map(|(id, change)| describe(id, change, import))
        .collect();
    if written.changes.iter().all(|(_, c)| *c == Change::Unchanged) {
        lines.push(format!(
            "{shown} already holds these prices; nothing written"
        ));
        return Ok((lines, false));
    }
    scenario::parse_str(&shown, &written.text).map_err(|d| {
        failed(format!(
            "error: the edited scenario would not load, so nothing was written:\n{d}"
        ))
    })?;
    let bytes = format!("{bom}{}", written.text);
    store::write_atomic(path, bytes.as_bytes()).map_err(|e| failed(format!("error: {e}")))?;
    lines.push(format!(
        "wrote {shown}; the previous version is {}",
        store::backup_path(&store::resolve_target(path)).display()
    ));
    Ok((lines, true))
}

fn describe(id: &str, change: &Change, import: &Import) -> String {
    let from = import
        .models
        .iter()
        .find(|(m, _)| m == id)
        .and_then(|(_, m)| m.litellm.as_deref())
        .unwrap_or("");
    match change {
        Change::Added => format!("added [pricebook.model.{id}] from LiteLLM '{from}'"),
        Change::Updated(keys) => format!(
            "updated [pricebook.model.{id}] from LiteLLM '{from}': {}",
            keys.join(", ")
        ),
        Change::Unchanged => format!("[pricebook.model.{id}] already matches LiteLLM '{from}'"),
    }
}
