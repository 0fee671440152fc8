//! The `dealbench` command: parse the command line, dispatch, map errors to
//! exit codes (0 success, 1 other failure, 2 bad input).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dealbench::engine::{self, Evaluation};
use dealbench::report::{self, style::Style};
use dealbench::scenario::{self, LoadError, Scenario};

/// A buyer's workbench for Claude Enterprise seat and Claude API negotiations.
#[derive(Parser)]
#[command(name = "dealbench", version, about)]
struct Cli {
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
        None => {
            let _ = Cli::parse_from(["dealbench", "--help"]);
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if f.status == 0 => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.status)
        }
    }
}

fn load_and_evaluate(file: &Path) -> Result<(Scenario, Evaluation), Failure> {
    let s = scenario::load_file(file)?;
    let ev = engine::evaluate(&s).map_err(|e| Failure {
        status: 2,
        message: format!("error: {}: {e}; expected smaller figures", file.display()),
    })?;
    Ok((s, ev))
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

fn run_check(file: &Path) -> Result<(), Failure> {
    let (s, ev) = load_and_evaluate(file)?;
    let style = Style::for_stdout();
    let mut out = std::io::stdout().lock();
    let count: usize = ev.outcomes.iter().map(|o| o.warnings.len()).sum();
    writeln!(
        out,
        "{}: valid scenario '{}' ({} regions, {} workloads, {} offers); {count} warning{}",
        file.display(),
        dealbench::diag::sanitize(&s.deal.name),
        s.regions.len(),
        s.workloads.len(),
        s.offers.len(),
        if count == 1 { "" } else { "s" }
    )
    .map_err(io_failure)?;
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
