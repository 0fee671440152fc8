//! `dealbench usage FILE --source NAME`: the export read as its source
//! writes it, the notes saying what was counted and what it measures, and
//! a roster that may be the Admin API's List Users JSON.

use std::path::Path;

use super::{Failure, UsageArgs, bad_input};
use crate::diag::sanitize;
use crate::money::format_count;
use crate::style::Style;
use crate::usage::activity::Activity;
use crate::usage::columns::ColumnNames;
use crate::usage::output::counted;
use crate::usage::read::{
    ALL_REGIONS, LogSummary, ReadOptions, RosterSummary, read_log, read_roster,
};
use crate::usage::regions::UNASSIGNED;
use crate::usage::sources::region_map::RegionMap;
use crate::usage::sources::{
    DEFAULT_APP, SourceKind, SourceLog, SourceOptions, claude, json, read,
};

/// The source named on the command line, checked, with its mapping.
#[derive(Debug)]
pub(super) struct Sourced {
    pub kind: Option<SourceKind>,
    pub app: String,
    pub regions: Option<RegionMap>,
}

impl Sourced {
    /// Check the flags that go with `--source` and read `--region-from`.
    pub fn new(args: &UsageArgs) -> Result<Sourced, Failure> {
        let app = args.app.clone().unwrap_or_else(|| DEFAULT_APP.to_string());
        let Some(kind) = args.source else {
            return Ok(Sourced {
                kind: None,
                app,
                regions: None,
            });
        };
        let name = kind.name();
        if args.app.is_some() && !kind.is_sign_in_log() {
            return Err(bad_input(format!(
                "error: --app applies to the sign-in logs (--source okta, entra or google), not to --source {name}"
            )));
        }
        if args.region_from.is_some() && kind.location_field().is_none() {
            return Err(bad_input(format!(
                "error: --region-from maps a sign-in's location (--source okta, entra or google); --source {name} carries none: give a --roster with regions"
            )));
        }
        let flags = [
            ("--user-col", &args.user_col),
            ("--region-col", &args.region_col),
            ("--date-col", &args.date_col),
        ];
        if kind != SourceKind::ClaudeMembers
            && let Some((flag, _)) = flags.iter().find(|(_, v)| v.is_some())
        {
            return Err(bad_input(format!(
                "error: {flag} does not apply to --source {name}: the {} names its own columns (see docs/usage.md)",
                kind.label()
            )));
        }
        let regions = match &args.region_from {
            Some(path) => Some(RegionMap::read(path).map_err(bad_input)?),
            None => None,
        };
        Ok(Sourced {
            kind: Some(kind),
            app,
            regions,
        })
    }

    /// The funnel's heading: the file, and what it measures.
    pub fn heading(&self, events: &Path) -> String {
        let file = events.display().to_string();
        match self.kind {
            Some(kind) => format!("{file} ({})", kind.measures(&self.app)),
            None => file,
        }
    }
}

/// Read the roster: a CSV (or compressed, or Parquet) `user,region`, or
/// the Admin API's List Users pages.
pub(super) fn read_seats(
    sourced: &Sourced,
    roster: &Path,
    columns: &ColumnNames,
    activity: &mut Activity,
) -> Result<RosterSummary, Failure> {
    let summary = if json::is_json(roster) {
        let region = match sourced.regions {
            Some(_) => UNASSIGNED,
            None => ALL_REGIONS,
        };
        let region = activity.region(region.as_bytes());
        claude::read_users_roster(roster, activity, region)
    } else {
        read_roster(roster, columns, activity)
    }
    .map_err(bad_input)?;
    if sourced.regions.is_some() {
        match summary.has_regions {
            false => activity.log_places_roster = true,
            true => eprintln!(
                "note: {} names each seat holder's region: --region-from is not used",
                sanitize(&roster.display().to_string())
            ),
        }
    }
    Ok(summary)
}

/// Read the activity: a plain log, or the export of `--source`.
pub(super) fn read_events(
    sourced: &Sourced,
    events: &Path,
    options: &ReadOptions,
    activity: &mut Activity,
    style: Style,
) -> Result<LogSummary, Failure> {
    let kind = match sourced.kind {
        Some(kind) if kind != SourceKind::ClaudeMembers => kind,
        _ => return read_log(events, options, activity).map_err(bad_input),
    };
    let source_options = SourceOptions {
        read: options,
        app: &sourced.app,
        regions: sourced.regions.as_ref(),
    };
    let read = read(events, kind, &source_options, activity).map_err(bad_input)?;
    report_tally(events, kind, &sourced.app, &read, style)?;
    Ok(read.log)
}

/// What was counted and what was left out; no record counted is bad input.
fn report_tally(
    events: &Path,
    kind: SourceKind,
    app: &str,
    read: &SourceLog,
    style: Style,
) -> Result<(), Failure> {
    let file = sanitize(&events.display().to_string());
    let t = &read.tally;
    let left: Vec<String> = t
        .left_out
        .iter()
        .map(|(why, n)| format!("{} {why}", format_count(*n)))
        .collect();
    let left = match left.is_empty() {
        true => String::new(),
        false => format!(" (left out: {})", left.join(", ")),
    };
    let what = sanitize(&kind.counted_as(app));
    if t.counted == 0 {
        return Err(bad_input(format!(
            "error: {file}: no {what} among {} read{left}: expected a {} with such records (is --source {} right{}?)",
            counted(t.read, "record", "records"),
            kind.label(),
            kind.name(),
            if kind.is_sign_in_log() {
                ", and --app"
            } else {
                ""
            }
        )));
    }
    eprintln!(
        "note: {file}: {} of {} {} {what}{left}",
        format_count(t.counted),
        counted(t.read, "record", "records"),
        if t.counted == 1 {
            "is one of the"
        } else {
            "are"
        }
    );
    if kind.is_sign_in_log() {
        eprintln!(
            "note: sign-ins are not usage: an SSO session can cover days of work and a sign-in is not a conversation; these figures count days with a sign-in (see docs/usage.md)"
        );
    }
    if read.unmapped.events > 0 {
        let first: Vec<String> = read
            .unmapped
            .first
            .iter()
            .map(|l| format!("'{}'", sanitize(l)))
            .collect();
        eprintln!(
            "{} {file}: {} from a place ({}) that --region-from does not map ({}): counted in the region '{UNASSIGNED}'",
            style.warn("warning:"),
            counted(read.unmapped.events, "sign-in", "sign-ins"),
            kind.location_field().unwrap_or("location"),
            first.join(", ")
        );
    }
    Ok(())
}
