//! `dealbench usage`: read the exports, print the funnel, optionally write
//! it into a scenario. Results go to stdout (with `--json`, only the JSON);
//! notes on skipped rows, unmatched regions and the write go to stderr.
//!
//! Exit statuses: 0 success (skipped rows alone do not fail a run unless
//! `--strict`), 2 bad input (missing, empty or unreadable files, strict
//! failures, a scenario the figures cannot go into), 1 anything else.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::activity::Activity;
use super::columns::{ColumnNames, and_list};
use super::dates::{Day, Zone, from_date};
use super::funnel::{Funnel, Source, classify};
use super::output::{counted, date_text, write_json, write_text};
use super::read::{LogSummary, ReadOptions};
use super::skipped::{SkipReason, Skipped};
use super::sources::SourceKind;
use super::sql::{DateType, Dialect};
use crate::diag::sanitize;
use crate::money::format_count;
use crate::style::Style;

mod measured;
mod sourced;
mod warehouse;
mod write;

pub use measured::funnel_of;

use sourced::{Sourced, read_events, read_seats};
use warehouse::{from_result, print_sql};
use write::write_scenario;

/// Measure the seat funnel from an activity export (SPEC.md §5).
#[derive(Debug, Clone, clap::Args)]
pub struct UsageArgs {
    /// The activity export (CSV, .csv.gz, .csv.zst or Parquet): one row per
    /// event (`user,region,date`), or one row per user with a last-activity
    /// date.
    #[arg(value_name = "EVENTS.csv", required_unless_present_any = ["sql", "from_funnel"])]
    pub events: Option<PathBuf>,
    /// Every seat holder (CSV `user,region`); without it every user in the
    /// log holds a seat, in the region of their latest event. With --sql:
    /// the roster table.
    #[arg(long, value_name = "ROSTER.csv")]
    pub roster: Option<PathBuf>,
    /// Print the funnel as one SQL query for a warehouse instead of reading
    /// a file (see docs/usage.md).
    #[arg(long, value_name = "DIALECT", conflicts_with_all = ["events", "from_funnel", "json", "write", "strict", "last_activity"])]
    pub sql: Option<Dialect>,
    /// With --sql: the events table (default `events`).
    #[arg(long = "events", value_name = "TABLE", requires = "sql")]
    pub events_table: Option<String>,
    /// With --sql: what the date column holds (default `timestamptz`, an
    /// instant; `timestamp`, wall-clock time; `date`).
    #[arg(long, value_name = "TYPE", requires = "sql")]
    pub date_type: Option<DateType>,
    /// With --sql: a column ordering the events (a row number); the later
    /// row wins a tie for a user's latest event.
    #[arg(long, value_name = "NAME", requires = "sql")]
    pub order_col: Option<String>,
    /// Read a funnel computed elsewhere: the CSV export of the --sql
    /// query's result, or the §5 JSON.
    #[arg(long, value_name = "RESULT.csv", conflicts_with_all = ["events", "roster", "strict", "last_activity", "tz", "as_of"])]
    pub from_funnel: Option<PathBuf>,
    /// The day the funnel describes; default: the latest date in the log.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,
    /// Print the SPEC.md §5 JSON alone on stdout.
    #[arg(long)]
    pub json: bool,
    /// Write provisioned/mau/wau/dau and the funnel's source and date into
    /// the matching [[region]] tables of this scenario, keeping its comments.
    #[arg(long, value_name = "SCENARIO.toml")]
    pub write: Option<PathBuf>,
    /// Fail (exit 2, nothing printed or written) when any row is skipped.
    #[arg(long)]
    pub strict: bool,
    /// Count timestamps in this zone: an IANA name (`Europe/Berlin`) or an
    /// offset (`+02:00`); default UTC.
    #[arg(long, value_name = "ZONE", value_parser = Zone::parse, allow_hyphen_values = true)]
    pub tz: Option<Zone>,
    /// The user id column (default: `user` or `email`).
    #[arg(long, value_name = "NAME")]
    pub user_col: Option<String>,
    /// The region column (default: `region`; none: every user in `all`).
    #[arg(long, value_name = "NAME")]
    pub region_col: Option<String>,
    /// The date or timestamp column (default: `date`, `timestamp`, or a
    /// last-activity column such as `last_activity_date`).
    #[arg(long, value_name = "NAME")]
    pub date_col: Option<String>,
    /// Read the date column as each user's last-activity date (detected
    /// from headers such as `last_activity_date`).
    #[arg(long)]
    pub last_activity: bool,
    /// Read the export as its source writes it: `okta`, `entra`, `google`
    /// (sign-in logs), `claude-audit`, `claude-code`, `claude-members`.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["sql", "from_funnel", "last_activity"])]
    pub source: Option<SourceKind>,
    /// With --source okta, entra or google: the app whose sign-ins count
    /// (default `Claude`, compared ignoring case).
    #[arg(long, value_name = "NAME", requires = "source")]
    pub app: Option<String>,
    /// With --source okta, entra or google: a CSV `location,region` mapping
    /// each sign-in's location to a region id, when no roster names regions.
    #[arg(long, value_name = "MAPPING.csv", requires = "source")]
    pub region_from: Option<PathBuf>,
}

fn parse_as_of(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date as YYYY-MM-DD, found '{}'", sanitize(text)))
}

pub use crate::diag::failure::Failure;
use crate::diag::failure::{bad_input, failed};

fn io_failure(e: std::io::Error) -> Failure {
    failed(format!("error: cannot write the output: {e}"))
}

/// Run `dealbench usage`.
pub fn run(args: &UsageArgs) -> Result<(), Failure> {
    if let Some(dialect) = args.sql {
        return print_sql(args, dialect);
    }
    if let Some(result) = &args.from_funnel {
        return from_result(args, result);
    }
    let Some(events) = &args.events else {
        return Err(bad_input("error: expected an activity export EVENTS.csv"));
    };
    let style = Style::for_stderr();
    let (sourced, funnel, skipped_anywhere) = measure_export(args, events, style)?;
    if args.strict && skipped_anywhere > 0 {
        return Err(bad_input(format!(
            "error: {} skipped and --strict is set; nothing printed or written",
            counted(skipped_anywhere, "row", "rows")
        )));
    }
    print(args, &funnel, &sourced.heading(events))?;
    match &args.write {
        Some(path) => write_scenario(
            path,
            &funnel,
            &source_text(args, &sourced, events, funnel.source),
            style,
        ),
        None => Ok(()),
    }
}

/// The funnel of the export `events` (with the roster and the source the
/// flags name): the notes on skipped rows on stderr, the funnel, and how
/// many rows were skipped in all.
fn measure_export(
    args: &UsageArgs,
    events: &Path,
    style: Style,
) -> Result<(Sourced, Funnel, u64), Failure> {
    let sourced = Sourced::new(args)?;
    let options = ReadOptions {
        columns: ColumnNames {
            user: args.user_col.clone(),
            region: args.region_col.clone(),
            date: args.date_col.clone(),
        },
        last_activity: args.last_activity || args.source == Some(SourceKind::ClaudeMembers),
        zone: args.tz.unwrap_or(Zone::UTC),
        as_of: args.as_of.map(from_date),
    };
    let mut activity = Activity::default();
    let mut skipped_anywhere = 0;
    if let Some(roster) = &args.roster {
        let summary = read_seats(&sourced, roster, &options.columns, &mut activity)?;
        skipped_anywhere += summary.skipped.total();
        report_skipped(roster, &summary.skipped, style, None);
        if let Some((line, user)) = &summary.first_duplicate {
            let (file, user) = (sanitize(&roster.display().to_string()), sanitize(user));
            let warn = style.warn("warning:");
            let (at, first) = match summary.skipped.records {
                true => (format!("{file}: record {line}"), format!("record {line}")),
                false => (format!("{file}:{line}"), format!("line {line}")),
            };
            match summary.duplicates {
                1 => eprintln!(
                    "{warn} {at}: '{user}' is already on the roster; this line is ignored (the first line naming a user counts)"
                ),
                n => eprintln!(
                    "{warn} {file}: {} lines name a user already on the roster and are ignored (the first line naming a user counts); the first is {first}: '{user}'",
                    format_count(n)
                ),
            }
        }
    }
    let log = read_events(&sourced, events, &options, &mut activity, style)?;
    skipped_anywhere += log.skipped.total();
    let funnel = measure(args, events, &options, &activity, &log, style)?;
    Ok((sourced, funnel, skipped_anywhere))
}

/// The funnel on the as-of date, after the notes on skipped rows.
fn measure(
    args: &UsageArgs,
    events: &Path,
    options: &ReadOptions,
    activity: &Activity,
    log: &LogSummary,
    style: Style,
) -> Result<Funnel, Failure> {
    let file = sanitize(&events.display().to_string());
    let as_of = options.as_of.or(activity.latest_day);
    report_skipped(events, &log.skipped, style, as_of);
    let Some(as_of) = as_of else {
        return Err(bad_input(format!(
            "error: {file}: no row has a usable date ({} of {} skipped); expected dated rows, or give --as-of",
            format_count(log.skipped.total()),
            counted(log.rows, "row", "rows")
        )));
    };
    if !log.has_regions && args.roster.is_none() {
        match args.source {
            Some(kind) if kind != SourceKind::ClaudeMembers => eprintln!(
                "note: {file} names no regions: every user is in the region '{}' (see --roster{})",
                super::read::ALL_REGIONS,
                if kind.location_field().is_some() {
                    " or --region-from"
                } else {
                    ""
                }
            ),
            _ => eprintln!(
                "note: {file} has no region column: every user is in the region '{}' (see --region-col)",
                super::read::ALL_REGIONS
            ),
        }
    }
    let funnel = classify(activity, as_of, log.source, log.skipped.total());
    report_case_variants(activity, &funnel);
    if funnel.total.provisioned == 0 {
        return Err(bad_input(format!(
            "error: {file}: no seat holders: expected users in the log{}",
            if args.roster.is_some() {
                " or the roster"
            } else {
                ""
            }
        )));
    }
    Ok(funnel)
}

/// A note for each region of the funnel the data spells in more than one
/// case: they are counted as one region, under its first spelling.
fn report_case_variants(activity: &Activity, funnel: &Funnel) {
    for (i, name) in activity.regions.names().iter().enumerate() {
        let others = activity.regions.other_spellings(i as u32);
        if others.is_empty() || !funnel.regions.iter().any(|r| r.region == *name) {
            continue;
        }
        let mut spellings = vec![name.clone()];
        spellings.extend(others);
        eprintln!(
            "note: the regions {} differ only in case: counted as one region, '{}' (region names are compared ignoring case)",
            and_list(&listed_each(&spellings)),
            sanitize(name)
        );
    }
}

fn print(args: &UsageArgs, funnel: &Funnel, from: &str) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        write_json(&mut out, funnel).map_err(io_failure)?;
    } else {
        write_text(&mut out, funnel, from, Style::for_stdout()).map_err(io_failure)?;
    }
    out.flush().map_err(io_failure)
}

/// Up to [`super::skipped::SHOWN_SKIPPED`] skipped rows with their line
/// numbers, then how many there were by reason.
fn report_skipped(path: &Path, s: &Skipped, style: Style, as_of: Option<Day>) {
    if s.total() == 0 {
        return;
    }
    let file = sanitize(&path.display().to_string());
    let mut reasons = Vec::new();
    for (n, what) in [
        (s.missing_user, "without a user"),
        (s.bad_date, "with an unreadable date"),
        (s.after_as_of, "dated after the as-of date"),
        (s.unreadable, "with a field that cannot be read"),
    ] {
        if n > 0 {
            reasons.push(format!("{} {what}", format_count(n)));
        }
    }
    eprintln!(
        "{} {file}: skipped {} ({})",
        style.warn("warning:"),
        counted(s.total(), "row", "rows"),
        reasons.join(", ")
    );
    for row in &s.first {
        let found = sanitize(&row.found);
        let why = match row.reason {
            SkipReason::MissingUser => "no user".to_string(),
            SkipReason::BadDate => {
                format!("expected a date YYYY-MM-DD or an RFC 3339 timestamp, found '{found}'")
            }
            SkipReason::AfterAsOf => format!(
                "'{found}' is after the as-of date {}",
                as_of.map(date_text).unwrap_or_default()
            ),
            SkipReason::Unreadable(what) => format!("expected {what}, found '{found}'"),
        };
        let span = match row.last_line > row.line {
            true => format!(
                " (the row runs on to line {}: a quoted field holds a line break; is a '\"' misplaced?)",
                row.last_line
            ),
            false => String::new(),
        };
        match s.records {
            true => eprintln!("  {file}: record {}: {why}", row.line),
            false => eprintln!("  {file}:{}: {why}{span}", row.line),
        }
    }
    let more = s.total().saturating_sub(s.first.len() as u64);
    if more > 0 {
        eprintln!("  … and {} more", format_count(more));
    }
}

/// `funnel_source`: what the figures were measured from, by file name.
fn source_text(args: &UsageArgs, sourced: &Sourced, events: &Path, source: Source) -> String {
    let name = |p: &Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let kind = match (sourced.kind, source) {
        (Some(kind), _) => format!("{} {} in", kind.name(), kind.counted_as(&sourced.app)),
        (None, Source::Events) => "usage export".to_string(),
        (None, Source::LastActivity) => "last-activity export".to_string(),
    };
    let mut text = format!("{kind} {}", name(events));
    if let Some(roster) = &args.roster {
        text.push_str(&format!(", roster {}", name(roster)));
    }
    text
}

pub(super) fn listed_each(names: &[String]) -> Vec<String> {
    names.iter().map(|n| format!("'{}'", sanitize(n))).collect()
}
