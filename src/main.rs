//! The `dealbench` command: parse the command line, dispatch, map errors to
//! exit codes (0 success, 1 other failure, 2 bad input).

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dealbench::engine::Evaluation;
use dealbench::report;
use dealbench::scenario::{LoadError, Scenario};
use dealbench::style::Style;

/// A buyer's workbench for Claude Enterprise seat and Claude API negotiations.
#[derive(Parser)]
#[command(
    name = "dealbench",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "With no command, opens FILE in the workbench (or the embedded demo scenario when no FILE is given)."
)]
struct Cli {
    /// The scenario to open in the workbench.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Compare the offers of a scenario side by side.
    Report {
        /// The scenario file (TOML, schema 1).
        file: PathBuf,
        /// Print the SPEC.md §4 JSON report instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Validate a scenario and list its warnings.
    Check {
        /// The scenario file (TOML, schema 1).
        file: PathBuf,
    },
    /// Print the price book in force, or import model prices from LiteLLM.
    Pricebook(dealbench::cli::pricebook::PricebookArgs),
    /// Measure the seat funnel from an activity export.
    Usage(dealbench::usage::cli::UsageArgs),
    /// Derive API workloads from Anthropic's Messages Usage Report.
    ApiUsage(dealbench::apiusage::cli::ApiUsageArgs),
    /// Find the lever value at which an offer's total meets a target.
    Seek(dealbench::cli::seek::SeekArgs),
    /// Write the negotiation brief (md), monthly rows (csv), full JSON or an Excel workbook (xlsx).
    Export(dealbench::cli::export::ExportArgs),
    /// Start a scenario from nothing: the deal, its regions, the vendor's quote and a counter-offer.
    New(dealbench::cli::new::NewArgs),
}

/// A failure with its exit status.
struct Failure {
    status: u8,
    message: String,
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure {
            status: 2,
            message: e.to_string(),
        }
    }
}

impl From<dealbench::cli::Failure> for Failure {
    fn from(f: dealbench::cli::Failure) -> Self {
        Failure {
            status: f.status,
            message: f.message,
        }
    }
}

fn io_failure(e: std::io::Error) -> Failure {
    Failure {
        status: 1,
        message: format!("error: cannot write the output: {e}"),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Report { file, json }) => run_report(&file, json),
        Some(Command::Check { file }) => run_check(&file),
        Some(Command::Pricebook(args)) => {
            dealbench::cli::pricebook::run(&args).map_err(Failure::from)
        }
        Some(Command::Usage(args)) => dealbench::usage::cli::run(&args).map_err(Failure::from),
        Some(Command::ApiUsage(args)) => {
            dealbench::apiusage::cli::run(&args).map_err(Failure::from)
        }
        Some(Command::Seek(args)) => dealbench::cli::seek::run(&args).map_err(Failure::from),
        Some(Command::Export(args)) => dealbench::cli::export::run(&args).map_err(Failure::from),
        Some(Command::New(args)) => run_new(&args),
        None => run_workbench(cli.file.as_deref(), None),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if f.status == 0 => ExitCode::SUCCESS,
        Err(f) => {
            // The last guard: whatever a message quotes (a file name, a
            // value from the file) cannot drive the terminal.
            let lines: Vec<String> = f.message.lines().map(dealbench::diag::sanitize).collect();
            eprintln!("{}", lines.join("\n"));
            ExitCode::from(f.status)
        }
    }
}

fn load_and_evaluate(file: &Path) -> Result<(Scenario, Evaluation), Failure> {
    Ok(dealbench::cli::load(file)?)
}

fn run_report(file: &Path, json: bool) -> Result<(), Failure> {
    let (s, ev) = load_and_evaluate(file)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        report::json::write(&mut out, &s, &ev).map_err(io_failure)?;
    } else {
        let width = crossterm::terminal::size()
            .map_or(120, |(w, _)| w as usize)
            .max(60);
        report::text::write(&mut out, &s, &ev, Style::for_stdout(), width).map_err(io_failure)?;
    }
    out.flush().map_err(io_failure)
}

/// The workbench on `file` (the demo when `None`), with the offer called
/// `on_offer` on the table when the file has it.
fn run_workbench(file: Option<&Path>, on_offer: Option<&str>) -> Result<(), Failure> {
    use dealbench::tui::{self, Ending, model::Model};
    use std::io::IsTerminal;
    let invalid = |message: String| Failure { status: 2, message };
    let (model, bytes) = match file {
        None => (Model::demo(), None),
        Some(path) => {
            let bytes = dealbench::scenario::load::read_bounded(path)
                .map_err(|e| invalid(format!("error: cannot read '{}': {e}", path.display())))?;
            let label = path.display().to_string();
            let scenario = dealbench::scenario::load::parse_bytes(&label, &bytes)
                .map_err(|d| invalid(d.to_string()))?;
            let text = String::from_utf8_lossy(&bytes)
                .trim_start_matches('\u{feff}')
                .to_string();
            // Priced in the background: the first frame draws at once.
            let model = Model::unpriced(Some(path.to_path_buf()), text, scenario)
                .map_err(tui::model::OpenError::Overflow);
            (model, Some(bytes))
        }
    };
    let mut model = model.map_err(|e| match e {
        tui::model::OpenError::Invalid(d) => invalid(d.to_string()),
        tui::model::OpenError::Overflow(o) => invalid(format!("error: {o}")),
    })?;
    if let Some(i) =
        on_offer.and_then(|name| model.scenario.offers.iter().position(|o| o.name == name))
    {
        model.table = i;
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // Say what is wrong with the file first, as for a terminal.
        if model.pricing.is_some()
            && let Err(o) = dealbench::engine::evaluate(&model.scenario)
        {
            return Err(invalid(format!("error: {o}")));
        }
        return Err(Failure {
            status: 1,
            message:
                "error: the workbench needs a terminal; for scripts use `dealbench report FILE`"
                    .into(),
        });
    }
    match tui::run(model, bytes) {
        Ok(Ending::Quit) => Ok(()),
        Ok(Ending::Unpriced(message)) => Err(invalid(message)),
        Ok(Ending::Stopped { recovery }) => Err(Failure {
            status: 1,
            message: match recovery {
                Some(p) => format!(
                    "dealbench: stopped by a signal; the unsaved changes are kept in {}",
                    p.display()
                ),
                None => "dealbench: stopped by a signal; nothing was unsaved".into(),
            },
        }),
        Err(e) => Err(Failure {
            status: 1,
            message: format!("error: the terminal failed: {e}"),
        }),
    }
}

fn run_new(args: &dealbench::cli::new::NewArgs) -> Result<(), Failure> {
    use dealbench::cli::new::Outcome;
    use std::io::IsTerminal;
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    match dealbench::cli::new::run(args, terminal)? {
        Outcome::Written { summary, .. } => {
            println!("{summary}");
            Ok(())
        }
        Outcome::Form {
            given,
            today,
            path,
            force,
        } => {
            let form = dealbench::tui::new::Form::new(&given, today, &path.display().to_string());
            let mut write = |req: &dealbench::cli::new::build::Request| {
                dealbench::cli::new::create(req, &path, force).map(|_| ())
            };
            match dealbench::tui::new::screen::run(form, &mut write) {
                Ok(true) => run_workbench(
                    Some(&path),
                    Some(dealbench::scenario::template::COUNTER_OFFER),
                ),
                Ok(false) => {
                    eprintln!("dealbench new: left the form; nothing written");
                    Ok(())
                }
                Err(e) => Err(Failure {
                    status: 1,
                    message: format!("error: the terminal failed: {e}"),
                }),
            }
        }
    }
}

fn run_check(file: &Path) -> Result<(), Failure> {
    let (s, ev) = load_and_evaluate(file)?;
    let style = Style::for_stdout();
    let mut out = std::io::stdout().lock();
    let count: usize = ev.outcomes.iter().map(|o| o.warnings.len()).sum();
    writeln!(
        out,
        "{}: valid scenario '{}' ({}, {}, {}); {count} warning{}",
        dealbench::diag::sanitize(&file.display().to_string()),
        dealbench::diag::sanitize(&s.deal.name),
        plural(s.regions.len(), "region"),
        plural(s.workloads.len(), "workload"),
        plural(s.offers.len(), "offer"),
        if count == 1 { "" } else { "s" }
    )
    .map_err(io_failure)?;
    if let Some(note) = dealbench::pricebook::edition::newer_note(&s.pricebook.edition) {
        writeln!(out, "note: {note}").map_err(io_failure)?;
    }
    for o in &ev.outcomes {
        for w in &o.warnings {
            writeln!(
                out,
                "{} [{}] {}",
                style.warn("warning:"),
                dealbench::diag::sanitize(&o.offer.name),
                dealbench::diag::sanitize(w)
            )
            .map_err(io_failure)?;
        }
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
