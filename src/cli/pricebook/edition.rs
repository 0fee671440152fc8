//! `dealbench pricebook FILE --compare EDITION` (what each offer would cost
//! on another edition of the built-in book) and `--edition EDITION --write
//! FILE` (move the file to it: one line changed, comments kept, the edited
//! text validated before an atomic save).

use std::io::Write;
use std::path::Path;

use rust_decimal::Decimal;
use serde_json::json;

use super::super::{Failure, bad_input, failed, output_failure};
use crate::diag::sanitize;
use crate::engine::{self, Evaluation};
use crate::money::{format_money, two_places};
use crate::pricebook::edition;
use crate::scenario::{self, Scenario};
use crate::store;
use crate::style::Style;

fn check_id(id: &str) -> Result<(), Failure> {
    if edition::find(id).is_some() {
        return Ok(());
    }
    let ids: Vec<String> = edition::ids().iter().map(|e| format!("'{e}'")).collect();
    Err(bad_input(format!(
        "error: unknown price-book edition '{}': expected one of {}",
        sanitize(id),
        ids.join(", ")
    )))
}

fn read(path: &Path) -> Result<(String, &'static str, String), Failure> {
    let raw = std::fs::read_to_string(path)
        .map_err(|e| bad_input(format!("error: cannot read '{}': {e}", path.display())))?;
    let (bom, src) = match raw.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest.to_string()),
        None => ("", raw.clone()),
    };
    Ok((raw, bom, src))
}

/// The scenario as it would read on edition `id`.
fn on_edition(path: &Path, id: &str) -> Result<Scenario, Failure> {
    let shown = path.display().to_string();
    let (_, _, src) = read(path)?;
    let text =
        edition::set_edition(&src, id).map_err(|e| bad_input(format!("error: {shown}: {e}")))?;
    scenario::parse_str(&shown, &text).map_err(|d| {
        bad_input(format!(
            "error: {shown} does not load on the {id} edition (a model it routes to may not be in that book):\n{d}"
        ))
    })
}

fn evaluate(s: &Scenario) -> Result<Evaluation, Failure> {
    engine::evaluate(s).map_err(|e| failed(format!("error: {e}")))
}

/// Print each offer's total (and API cost) on the file's edition and on
/// `id`, with the difference; `json` prints the same as one object.
pub fn compare(path: &Path, here: &Scenario, id: &str, json: bool) -> Result<(), Failure> {
    check_id(id)?;
    let there = on_edition(path, id)?;
    let (a, b) = (evaluate(here)?, evaluate(&there)?);
    let from = here.pricebook.edition.as_str();
    let rows: Vec<(String, [Decimal; 4])> = a
        .outcomes
        .iter()
        .zip(&b.outcomes)
        .map(|(x, y)| {
            let name = x.offer.name.clone();
            (name, [x.total, y.total, x.api_cost, y.api_cost])
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        let offers: Vec<_> = rows
            .iter()
            .map(|(name, [t0, t1, a0, a1])| {
                json!({
                    "name": name,
                    "total": two_places(*t0),
                    "total_on_edition": two_places(*t1),
                    "difference": two_places(*t1 - *t0),
                    "api_cost": two_places(*a0),
                    "api_cost_on_edition": two_places(*a1),
                })
            })
            .collect();
        let v = json!({
            "file": path.display().to_string(),
            "currency": here.deal.currency,
            "edition": from,
            "compare": id,
            "offers": offers,
        });
        return crate::report::json::write_value(&mut out, &v).map_err(output_failure);
    }
    write_table(&mut out, path, here, from, id, &rows).map_err(output_failure)
}

fn write_table(
    out: &mut impl Write,
    path: &Path,
    s: &Scenario,
    from: &str,
    to: &str,
    rows: &[(String, [Decimal; 4])],
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: each offer over {} months on the {from} edition (the file's) and on {to}, in {}",
        sanitize(&path.display().to_string()),
        s.horizon(),
        sanitize(&s.deal.currency)
    )?;
    let head = [
        "offer".to_string(),
        format!("total {from}"),
        format!("total {to}"),
        "difference".to_string(),
        format!("API {from}"),
        format!("API {to}"),
    ];
    // The first column indented two spaces under the heading line.
    let indent = |c: String| format!("  {c}");
    let mut lines = vec![head.to_vec()];
    lines[0][0] = indent(lines[0][0].clone());
    for (name, [t0, t1, a0, a1]) in rows {
        let diff = *t1 - *t0;
        let sign = if diff > Decimal::ZERO { "+" } else { "" };
        lines.push(vec![
            indent(sanitize(name)),
            format_money(*t0),
            format_money(*t1),
            format!("{sign}{}", format_money(diff)),
            format_money(*a0),
            format_money(*a1),
        ]);
    }
    crate::report::text::write_grid(out, &lines, Style::for_stdout())
}

/// Move the file at `path` to edition `id`: one `edition` line, checked to
/// load, saved atomically (previous version kept as `.bak`) and reloaded.
pub fn move_to(path: &Path, id: &str) -> Result<(), Failure> {
    check_id(id)?;
    let shown = path.display().to_string();
    scenario::load_file(path).map_err(|e| bad_input(e.to_string()))?;
    let (raw, bom, src) = read(path)?;
    let text =
        edition::set_edition(&src, id).map_err(|e| failed(format!("error: {shown}: {e}")))?;
    let mut out = std::io::stdout().lock();
    if format!("{bom}{text}") == raw {
        writeln!(
            out,
            "{}: already on the {id} edition; nothing written",
            sanitize(&shown)
        )
        .map_err(output_failure)?;
        return Ok(());
    }
    scenario::parse_str(&shown, &text).map_err(|d| {
        bad_input(format!(
            "error: {shown} would not load on the {id} edition, so nothing was written:\n{d}"
        ))
    })?;
    store::write_atomic(path, format!("{bom}{text}").as_bytes())
        .map_err(|e| failed(format!("error: {e}")))?;
    scenario::load_file(path)
        .map_err(|e| failed(format!("error: the saved scenario does not load:\n{e}")))?;
    writeln!(
        out,
        "moved {} to the {id} edition; the previous version is {}",
        sanitize(&shown),
        store::backup_path(&store::resolve_target(path)).display()
    )
    .map_err(output_failure)
}
