//! `dealbench api-usage`: read the report's pages, print the derived
//! workloads, optionally write them into a scenario. Results go to stdout
//! (with `--json`, only the JSON); notes and the write's summary to stderr.
//!
//! Exit statuses: 0 success, 2 bad input (a page that cannot be read or is
//! not the report, a model that maps to nothing, a scenario the workloads
//! cannot go into), 1 anything else (output or the save failed).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::derive::{GroupBy, ModelMap, Window, merge};
use super::output::{write_json, write_text};
use super::parse::read_page;
use super::write::{Change, write_workloads};
use super::{Options, Usage, measure};
use crate::diag::failure::{Failure, bad_input, failed};
use crate::diag::sanitize;
use crate::pricebook::PriceBook;
use crate::style::Style;

/// Derive API workloads from Anthropic's Messages Usage Report (SPEC.md §8).
#[derive(Debug, Clone, clap::Args)]
pub struct ApiUsageArgs {
    /// Pages of `GET /v1/organizations/usage_report/messages` (JSON).
    #[arg(value_name = "REPORT.json", required = true)]
    pub reports: Vec<PathBuf>,
    /// What one workload stands for.
    #[arg(long, value_enum, default_value = "workspace")]
    pub group_by: GroupBy,
    /// The workload name of a group (`wrkspc_01…=support-assistant`).
    #[arg(long = "name", value_name = "ID=NAME")]
    pub names: Vec<String>,
    /// The price-book model of a report model id (`claude-3-7-sonnet-20250219=sonnet`;
    /// a trailing `*` matches a prefix).
    #[arg(long = "map", value_name = "MODEL=ID")]
    pub map: Vec<String>,
    /// Print the JSON alone on stdout.
    #[arg(long)]
    pub json: bool,
    /// Add or update the `[[workload]]` tables of this scenario by name,
    /// keeping its comments; its price book prices the figures.
    #[arg(long, value_name = "SCENARIO.toml")]
    pub write: Option<PathBuf>,
    /// Pages of the Cost Report (`GET /v1/organizations/cost_report`): what
    /// was invoiced, beside what the price book says the same usage costs.
    #[arg(long = "cost", value_name = "COST.json")]
    pub cost: Vec<PathBuf>,
}

/// `ID=VALUE` pairs of a repeatable flag; each value may hold several
/// comma-separated pairs.
fn pairs(flag: &str, values: &[String], example: &str) -> Result<Vec<(String, String)>, Failure> {
    let mut out: Vec<(String, String)> = Vec::new();
    for pair in values.iter().flat_map(|v| v.split(',')) {
        let pair = pair.trim();
        match pair.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                let k = k.trim().to_string();
                if out.iter().any(|(o, _)| *o == k) {
                    return Err(bad_input(format!(
                        "error: {flag} names '{}' twice: expected each once",
                        sanitize(&k)
                    )));
                }
                out.push((k, v.trim().to_string()));
            }
            _ => {
                return Err(bad_input(format!(
                    "error: {flag} expects pairs such as '{example}', found '{}'",
                    sanitize(pair)
                )));
            }
        }
    }
    Ok(out)
}

/// Run `dealbench api-usage`.
pub fn run(args: &ApiUsageArgs) -> Result<(), Failure> {
    let opts = Options {
        group_by: args.group_by,
        names: pairs("--name", &args.names, "wrkspc_01=support-assistant")?,
        map: ModelMap {
            explicit: pairs("--map", &args.map, "claude-3-7-sonnet-20250219=sonnet")?,
        },
    };
    let book = match &args.write {
        Some(path) => {
            crate::scenario::load_file(path)
                .map_err(|e| bad_input(format!("{e}\nerror: not writing '{}'", shown(path))))?
                .pricebook
        }
        None => PriceBook::builtin(),
    };
    let window = read_window(&args.reports)?;
    notes(&window);
    let mut usage = measure(window, &opts, &book).map_err(|m| bad_input(format!("error: {m}")))?;
    us_only_where_sold(&mut usage.workloads, &book);
    if !args.cost.is_empty() {
        add_cost(&args.cost, &mut usage, &opts, &book)?;
    }
    print(args, &usage)?;
    match &args.write {
        Some(path) => write_scenario(path, &usage, &args.reports),
        None => Ok(()),
    }
}

/// A measured US-only share (the report's `inference_geo`) stays only on
/// a workload whose every routed model sells US-only inference in the book
/// in force; elsewhere it is priced global, with a note.
fn us_only_where_sold(
    workloads: &mut [(super::derive::Derived, rust_decimal::Decimal)],
    book: &PriceBook,
) {
    for (w, _) in workloads
        .iter_mut()
        .filter(|(w, _)| !w.inference_geo.is_zero())
    {
        let sold = w.route.iter().all(|(id, share)| {
            share.is_zero() || book.model(id).is_some_and(|m| m.inference_geo_us.is_some())
        });
        if !sold {
            eprintln!(
                "note: workload '{}': {} of its tokens ran US-only (inference_geo), but the price book in force sells no US-only inference on its models; priced global (the {} edition prices it)",
                sanitize(&w.name),
                w.inference_geo,
                crate::pricebook::edition::latest()
            );
            w.inference_geo = rust_decimal::Decimal::ZERO;
        }
    }
}

/// The workloads of the report pages `reports` as a scenario priced on
/// `book` holds them, each with `usage_source` and `usage_as_of` (for
/// `dealbench new --from-api-usage`); the notes on what the report leaves
/// out go to stderr as for `dealbench api-usage`.
pub fn workloads_of(
    reports: &[PathBuf],
    book: &PriceBook,
) -> Result<Vec<crate::scenario::Workload>, Failure> {
    let opts = Options {
        group_by: GroupBy::Workspace,
        names: Vec::new(),
        map: ModelMap::default(),
    };
    let window = read_window(reports)?;
    notes(&window);
    let mut usage = measure(window, &opts, book).map_err(|m| bad_input(format!("error: {m}")))?;
    us_only_where_sold(&mut usage.workloads, book);
    let as_of = as_of(&usage);
    let source = source_text(reports);
    Ok(usage
        .workloads
        .iter()
        .map(|(d, _)| crate::scenario::Workload {
            usage_source: Some(source.clone()),
            usage_as_of: Some(as_of),
            ..super::as_workload(d)
        })
        .collect())
}

/// The last day the usage describes: the window ends (exclusive) the next.
fn as_of(usage: &Usage) -> chrono::NaiveDate {
    (usage.window.to.0 - chrono::Duration::seconds(1)).date_naive()
}

fn shown(path: &Path) -> String {
    sanitize(&path.display().to_string())
}

fn read_window(reports: &[PathBuf]) -> Result<Window, Failure> {
    let mut pages = Vec::with_capacity(reports.len());
    for path in reports {
        let file = path.display().to_string();
        pages.push(read_page(path, &file).map_err(|d| bad_input(d.to_string()))?);
    }
    if pages.iter().all(Vec::is_empty) {
        let files: Vec<String> = reports.iter().map(|p| shown(p)).collect();
        return Err(bad_input(format!(
            "error: {}: the report holds no buckets: expected `data` with at least one bucket (is the date range right?)",
            files.join(", ")
        )));
    }
    merge(pages).map_err(|m| bad_input(format!("error: {m}")))
}

fn add_cost(
    files: &[PathBuf],
    usage: &mut Usage,
    opts: &Options,
    book: &PriceBook,
) -> Result<(), Failure> {
    let mut inv = super::cost::Invoiced::default();
    for path in files {
        let file = path.display().to_string();
        super::cost::read_cost_page(path, &file, &mut inv).map_err(|d| bad_input(d.to_string()))?;
    }
    if !inv.currencies.is_empty() {
        eprintln!(
            "note: the cost report is in {}; the price book is read in the deal currency",
            sanitize(&inv.currencies.join(", "))
        );
    }
    if super::with_cost(usage, &inv, opts, book).is_none() {
        let files: Vec<String> = files.iter().map(|p| shown(p)).collect();
        return Err(bad_input(format!(
            "error: {}: the cost report shares no days with the usage report ({} … {}): expected both for the same period",
            files.join(", "),
            super::parse::stamp_text(usage.window.from),
            super::parse::stamp_text(usage.window.to)
        )));
    }
    Ok(())
}

/// What the report leaves out, on stderr.
fn notes(window: &Window) {
    if window.duplicates > 0 {
        eprintln!(
            "note: {} bucket{} appeared in more than one page and counted once",
            window.duplicates,
            if window.duplicates == 1 { "" } else { "s" }
        );
    }
    let rows = || window.buckets.iter().flat_map(|b| &b.rows);
    if rows().next().is_some() {
        if rows().all(|r| r.service_tier.is_none()) {
            eprintln!(
                "note: the report gives no service_tier: batch is 0 (download it with group_by[]=service_tier)"
            );
        }
        if rows().all(|r| r.context_window.is_none()) {
            eprintln!(
                "note: the report gives no context_window: long_context is 0 (download it with group_by[]=context_window)"
            );
        }
    }
}

fn print(args: &ApiUsageArgs, usage: &Usage) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| failed(format!("error: cannot write the output: {e}"));
    if args.json {
        write_json(&mut out, usage).map_err(io)?;
    } else {
        write_text(&mut out, usage, Style::for_stdout()).map_err(io)?;
    }
    out.flush().map_err(io)
}

/// `usage_source`: the report's page files by name.
fn source_text(reports: &[PathBuf]) -> String {
    let names: Vec<String> = reports
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    format!("Anthropic usage report ({})", names.join(", "))
}

fn write_scenario(path: &Path, usage: &Usage, reports: &[PathBuf]) -> Result<(), Failure> {
    let file = path.display().to_string();
    let refuse = |why: String| bad_input(format!("{why}\nerror: not writing '{}'", shown(path)));
    let text = std::fs::read_to_string(path)
        .map_err(|e| refuse(format!("error: cannot read '{}': {e}", shown(path))))?;
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text.as_str()),
    };
    let as_of = as_of(usage);
    let derived: Vec<_> = usage.workloads.iter().map(|(d, _)| d.clone()).collect();
    let written = write_workloads(body, &derived, &source_text(reports), as_of)
        .map_err(|m| refuse(format!("error: {m}")))?;
    crate::scenario::parse_str(&file, &written.text).map_err(|d| refuse(d.to_string()))?;
    if written.changes.iter().all(|(_, c)| *c == Change::Unchanged) {
        eprintln!(
            "{}: the workloads already hold this usage; nothing written",
            shown(path)
        );
        return Ok(());
    }
    crate::store::write_atomic(path, format!("{bom}{}", written.text).as_bytes())
        .map_err(|e| failed(format!("error: {e}")))?;
    let style = Style::for_stderr();
    for (name, change) in &written.changes {
        let what = match change {
            Change::Added => "added".to_string(),
            Change::Updated(keys) => format!("updated: {}", keys.join(", ")),
            Change::Unchanged => "unchanged".to_string(),
        };
        eprintln!(
            "{} [[workload]] '{}' {what}",
            style.dim("wrote"),
            sanitize(name)
        );
    }
    eprintln!(
        "wrote {} as of {as_of}; the previous version is in {}.bak",
        shown(path),
        shown(path)
    );
    Ok(())
}
