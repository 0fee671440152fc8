//! Command-line glue: each subcommand's options (clap), the scenario
//! loading they share, and the mapping of their errors to exit statuses
//! (0 success, 1 no answer or a failed write, 2 bad input). The figures come
//! from [`crate::engine`], the price book from [`crate::pricebook`], the
//! writers from [`crate::report`] and the files from [`crate::store`];
//! nothing here computes.
//!
//! * [`seek`] — `dealbench seek`: goal seek on one lever.
//! * [`export`] — `dealbench export`: the brief, the CSV and the JSON export.
//! * [`pricebook`] — `dealbench pricebook`: the book in force, LiteLLM
//!   imports written into a scenario, editions compared and moved to.
//! * [`new`] — `dealbench new`: a scenario from nothing, by flags or a form.

pub mod export;
pub mod new;
pub mod pricebook;
pub mod seek;

use std::path::Path;

use crate::diag::{sanitize, suggest};
use crate::engine::{self, Evaluation};
use crate::scenario::{self, Scenario};

pub use crate::diag::failure::{Failure, bad_input, failed};

fn output_failure(e: std::io::Error) -> Failure {
    failed(format!("error: cannot write the output: {e}"))
}

/// Load and price a scenario; a file that does not load, or figures too
/// large for exact arithmetic, are bad input.
pub fn load(file: &Path) -> Result<(Scenario, Evaluation), Failure> {
    let s = scenario::load_file(file).map_err(|e| bad_input(e.to_string()))?;
    let ev = engine::evaluate(&s).map_err(|e| too_large(file, &s, &e))?;
    Ok((s, ev))
}

/// Figures too large for exact arithmetic, pointed at the offer (or the
/// workloads) that carries them.
fn too_large(file: &Path, s: &Scenario, e: &crate::money::Overflow) -> Failure {
    let name = file.display().to_string();
    // The spans are offsets into the text as parsed: without a BOM.
    let source = std::fs::read(file)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
    let shared = engine::Shared::of(s);
    let culprit = shared.as_ref().ok().and_then(|shared| {
        s.resolved_offers()
            .iter()
            .zip(&s.offers)
            .find(|(o, _)| engine::evaluate_offer(s, o, shared).is_err())
            .map(|(_, spec)| spec)
    });
    let message = match (culprit, shared.is_err()) {
        (Some(spec), _) => format!(
            "{e} for [[offer]] '{}': expected smaller seat counts, prices, rates or horizon",
            spec.name
        ),
        (None, true) => format!("{e}: expected smaller API volumes, growth or horizon"),
        (None, false) => {
            format!("{e}: expected smaller head counts, volume tiers or savings between the offers")
        }
    };
    let section = match culprit {
        Some(_) => "offer",
        None if shared.is_err() => "workload",
        None => "region",
    };
    let diag = match culprit {
        Some(spec) if !source.is_empty() => {
            crate::diag::Diagnostic::at(&name, source, spec.span.clone(), message)
        }
        _ => crate::diag::Diagnostic::at_line(&name, 1, 1, message),
    }
    .in_section(section);
    bad_input(diag.to_string())
}

/// The index (file order) of the offer called `name`, or a message listing
/// the names there are.
pub fn offer_index(file: &Path, s: &Scenario, flag: &str, name: &str) -> Result<usize, Failure> {
    if let Some(i) = s.offers.iter().position(|o| o.name == name) {
        return Ok(i);
    }
    let names: Vec<&str> = s.offers.iter().map(|o| o.name.as_str()).collect();
    let hint = suggest(name, &names)
        .map(|n| format!(" (did you mean '{}'?)", sanitize(n)))
        .unwrap_or_default();
    let listed: Vec<String> = names.iter().map(|n| format!("'{}'", sanitize(n))).collect();
    Err(bad_input(format!(
        "error: {}: {flag} names no offer: expected one of {}, found '{}'{hint}",
        sanitize(&file.display().to_string()),
        listed.join(", "),
        sanitize(name)
    )))
}
