//! The exports buyers really have, read as they are (`--source NAME`):
//! identity-provider sign-in logs and Claude's own admin exports, each
//! filtered to the events that say "this person used Claude" and counted
//! into the same [`Activity`] as a plain `user,region,date` log, so the
//! funnel, its messages and exit statuses are those of SPEC.md §5.
//!
//! * [`okta`] — the System Log API's JSON (an array of events, or the
//!   pages concatenated) and the admin console's CSV with dotted columns.
//! * [`signins`] — Microsoft Entra's sign-in log CSV and Google
//!   Workspace's SAML / login audit export (with its console date form).
//! * [`claude`] — the Claude Enterprise audit log CSV, the Claude Code
//!   Analytics API pages, and the Admin API's List Users as a roster.
//!   (The members export with `Last active` is the last-activity reading
//!   of [`super::read`], by name.)
//! * [`json`] — JSON read as a stream: a visitor over the top-level array
//!   or each page's `data`, one record at a time, whatever the file's size.
//! * [`region_map`] — `--region-from`: a location field to region ids.
//!
//! A record the source does not count (another app, a failed sign-in, an
//! admin event) is tallied by reason and named in a note; a record that
//! should count but lacks a user or a readable date is skipped, as a row of
//! a plain log is. Memory grows with users (and distinct locations), not
//! with records. To add a source: a [`SourceKind`], what it measures, and a
//! reader that calls [`Counter::event`] for each record that counts.

use std::path::Path;

use super::UsageError;
use super::activity::{Activity, trim, user_key};
use super::dates::{DayCache, day_of};
use super::funnel::Source;
use super::read::{ALL_REGIONS, LogSummary, ReadOptions};
use super::regions::UNASSIGNED;
use super::skipped::{SkipReason, Skipped};

pub mod claude;
pub mod json;
pub mod okta;
pub mod region_map;
pub mod signins;
pub mod table;

use region_map::RegionMap;

/// The app a sign-in log is filtered to unless `--app` names another.
pub const DEFAULT_APP: &str = "Claude";

/// The exports `--source` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceKind {
    /// Okta System Log: JSON from the API or the admin console's CSV.
    Okta,
    /// Microsoft Entra sign-in log CSV.
    Entra,
    /// Google Workspace SAML / login audit export.
    Google,
    /// Claude Enterprise audit log CSV.
    ClaudeAudit,
    /// Claude Code Analytics API pages (JSON).
    ClaudeCode,
    /// Claude members export with `Last active` dates.
    ClaudeMembers,
}

impl SourceKind {
    /// The name as `--source` takes it.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Okta => "okta",
            SourceKind::Entra => "entra",
            SourceKind::Google => "google",
            SourceKind::ClaudeAudit => "claude-audit",
            SourceKind::ClaudeCode => "claude-code",
            SourceKind::ClaudeMembers => "claude-members",
        }
    }

    /// A sign-in log: it says who signed in to the app, not who used it.
    pub fn is_sign_in_log(self) -> bool {
        matches!(
            self,
            SourceKind::Okta | SourceKind::Entra | SourceKind::Google
        )
    }

    /// The location field `--region-from` maps, for sources that carry one.
    pub fn location_field(self) -> Option<&'static str> {
        match self {
            SourceKind::Okta => Some("client.geographicalContext.country"),
            SourceKind::Entra => Some("Location"),
            SourceKind::Google => Some("Actor organizational unit"),
            _ => None,
        }
    }

    /// The export's name in messages.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Okta => "Okta System Log",
            SourceKind::Entra => "Entra sign-in log",
            SourceKind::Google => "Google Workspace SAML log",
            SourceKind::ClaudeAudit => "Claude audit log",
            SourceKind::ClaudeCode => "Claude Code Analytics",
            SourceKind::ClaudeMembers => "Claude members export",
        }
    }

    /// What a record that counts is: what the funnel measures.
    pub fn counted_as(self, app: &str) -> String {
        match self {
            SourceKind::Okta => format!("successful SSO sign-ins to '{app}'"),
            SourceKind::Entra | SourceKind::Google => format!("successful sign-ins to '{app}'"),
            SourceKind::ClaudeAudit => "usage events (chats, projects, files, artifacts)".into(),
            SourceKind::ClaudeCode => "days of Claude Code use by people (one per record)".into(),
            SourceKind::ClaudeMembers => "last-active dates".into(),
        }
    }

    /// What the funnel measures when read from this source.
    pub fn measures(self, app: &str) -> String {
        format!("{}: {}", self.label(), self.counted_as(app))
    }
}

/// How a source is read.
#[derive(Debug)]
pub struct SourceOptions<'a> {
    pub read: &'a ReadOptions,
    /// The app a sign-in log is filtered to (compared ignoring case).
    pub app: &'a str,
    /// `--region-from`: locations to region ids.
    pub regions: Option<&'a RegionMap>,
}

/// Records read and why some were not counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Records (events, rows) read.
    pub read: u64,
    /// Records that are the source's activity (some may still be skipped).
    pub counted: u64,
    /// Records not counted, by reason, in the order first met.
    pub left_out: Vec<(&'static str, u64)>,
}

impl Tally {
    /// One record not counted, for `why` ("failed", "to other apps").
    pub fn leave_out(&mut self, why: &'static str) {
        match self.left_out.iter_mut().find(|(w, _)| *w == why) {
            Some((_, n)) => *n += 1,
            None => self.left_out.push((why, 1)),
        }
    }
}

/// Locations `--region-from` does not map, for the note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unmapped {
    /// Counted events whose location is not in the mapping.
    pub events: u64,
    /// The first few such locations, as written.
    pub first: Vec<String>,
}

/// Unmapped locations listed in the note.
const SHOWN_UNMAPPED: usize = 5;

/// What reading a source found.
#[derive(Debug, Clone)]
pub struct SourceLog {
    pub log: LogSummary,
    pub tally: Tally,
    pub unmapped: Unmapped,
}

/// Where a record is: its first and last line in a CSV, or its number in
/// a JSON file (first = last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub first: u64,
    pub last: u64,
}

/// Counts the records a source keeps into the [`Activity`], as the plain
/// log's parser does: user ids folded, dates into the counting zone, rows
/// after the as-of date skipped.
pub struct Counter<'a> {
    options: &'a SourceOptions<'a>,
    activity: &'a mut Activity,
    pub skipped: Skipped,
    pub tally: Tally,
    pub unmapped: Unmapped,
    all: u32,
    user: Vec<u8>,
    days: DayCache,
}

impl<'a> Counter<'a> {
    pub fn new(options: &'a SourceOptions<'a>, activity: &'a mut Activity, records: bool) -> Self {
        let all = activity.region(ALL_REGIONS.as_bytes());
        Counter {
            options,
            activity,
            skipped: Skipped {
                records,
                ..Skipped::default()
            },
            tally: Tally::default(),
            unmapped: Unmapped::default(),
            all,
            user: Vec::new(),
            days: DayCache::default(),
        }
    }

    /// The app sign-ins are counted for.
    pub fn app(&self) -> &str {
        self.options.app
    }

    /// A record that is activity: `user` active at `date` (a date or an
    /// RFC 3339 timestamp), at `location` when the source has one.
    pub fn event(&mut self, at: Place, user: &[u8], date: &[u8], location: Option<&[u8]>) {
        self.tally.counted += 1;
        let user = user_key(user, &mut self.user);
        if user.is_empty() {
            self.skipped
                .note_at(at.first, at.last, SkipReason::MissingUser, b"");
            return;
        }
        let cell = trim(date);
        let read = self.options.read;
        let Some(local) = read.zone.local_with(cell, &mut self.days) else {
            self.skipped
                .note_at(at.first, at.last, SkipReason::BadDate, cell);
            return;
        };
        if read.as_of.is_some_and(|d| day_of(local) > d) {
            self.skipped
                .note_at(at.first, at.last, SkipReason::AfterAsOf, cell);
            return;
        }
        let region = match (self.options.regions, self.activity.roster) {
            (Some(map), roster) if !roster || self.activity.log_places_roster => {
                let place = location.map(trim).unwrap_or_default();
                let region = match map.region_of(place) {
                    Some(region) => region.as_bytes(),
                    None => {
                        note_unmapped(&mut self.unmapped, place);
                        UNASSIGNED.as_bytes()
                    }
                };
                Some(self.activity.region(region))
            }
            (_, true) => None,
            (_, false) => Some(self.all),
        };
        self.activity.record(user, region, local);
    }

    /// A record that should count but has a field that cannot be read.
    pub fn unreadable(&mut self, at: Place, expected: &'static str, found: &[u8]) {
        self.tally.counted += 1;
        self.skipped
            .note_at(at.first, at.last, SkipReason::Unreadable(expected), found);
    }

    /// The summary the funnel and the notes need.
    pub fn finish(self, has_regions: bool) -> SourceLog {
        SourceLog {
            log: LogSummary {
                source: Source::Events,
                rows: self.tally.read,
                skipped: self.skipped,
                has_regions,
            },
            tally: self.tally,
            unmapped: self.unmapped,
        }
    }
}

fn note_unmapped(unmapped: &mut Unmapped, place: &[u8]) {
    unmapped.events += 1;
    let text = String::from_utf8_lossy(place);
    let shown: String = text.chars().take(60).collect();
    if unmapped.first.len() < SHOWN_UNMAPPED && !unmapped.first.contains(&shown) {
        unmapped.first.push(shown);
    }
}

/// Read the export at `path` as `kind` (not the members export, which is
/// a last-activity log read by [`super::read::read_log`]).
pub fn read(
    path: &Path,
    kind: SourceKind,
    options: &SourceOptions,
    activity: &mut Activity,
) -> Result<SourceLog, UsageError> {
    let has_regions = options.regions.is_some();
    let records = matches!(kind, SourceKind::ClaudeCode) || json::is_json(path);
    let mut counter = Counter::new(options, activity, records);
    match kind {
        SourceKind::Okta if records => okta::read_json(path, &mut counter)?,
        SourceKind::Okta => okta::read_csv(path, &mut counter)?,
        SourceKind::Entra => signins::read_entra(path, &mut counter)?,
        SourceKind::Google => signins::read_google(path, &mut counter)?,
        SourceKind::ClaudeAudit => claude::read_audit(path, &mut counter)?,
        SourceKind::ClaudeCode => claude::read_code(path, &mut counter)?,
        SourceKind::ClaudeMembers => {
            return Err(UsageError::Io {
                file: path.display().to_string(),
                reason: "the members export is read as a last-activity log".into(),
            });
        }
    }
    Ok(counter.finish(has_regions))
}

/// `a` and `b` equal once trimmed and ignoring ASCII case.
pub fn same_name(a: &[u8], b: &[u8]) -> bool {
    trim(a).eq_ignore_ascii_case(trim(b))
}

/// A timestamp cell of a column in UTC: one without an offset gets `Z`, so
/// it is an instant moved into `--tz` rather than wall-clock time.
pub fn utc_cell<'b>(cell: &'b [u8], buf: &'b mut Vec<u8>) -> &'b [u8] {
    let cell = trim(cell);
    if cell.len() <= 10 || has_offset(&cell[10..]) {
        return cell;
    }
    buf.clear();
    buf.extend_from_slice(cell);
    buf.push(b'Z');
    buf
}

/// The time part of a timestamp ends in `Z`, `+hh:mm`, `-hhmm` or `+hh`.
fn has_offset(time: &[u8]) -> bool {
    if time.last().is_some_and(|b| b.eq_ignore_ascii_case(&b'z')) {
        return true;
    }
    // An offset's sign comes after the seconds ("T09:14:03" is 9 bytes).
    time.iter().skip(9).any(|&b| b == b'+' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_columns_get_an_offset_only_when_they_have_none() {
        let mut buf = Vec::new();
        assert_eq!(utc_cell(b"2026-11-20", &mut buf), b"2026-11-20");
        assert_eq!(
            utc_cell(b"2026-11-20T09:14:03", &mut buf),
            b"2026-11-20T09:14:03Z"
        );
        assert_eq!(
            utc_cell(b"2026-11-20 09:14:03.25+01:00", &mut buf),
            b"2026-11-20 09:14:03.25+01:00"
        );
        assert_eq!(
            utc_cell(b"2026-11-20T09:14:03-0500", &mut buf),
            b"2026-11-20T09:14:03-0500"
        );
        assert_eq!(
            utc_cell(b"2026-11-20T09:14:03Z", &mut buf),
            b"2026-11-20T09:14:03Z"
        );
    }

    #[test]
    fn tallies_keep_their_reasons_in_order() {
        let mut t = Tally::default();
        for why in ["failed", "to other apps", "failed"] {
            t.leave_out(why);
        }
        assert_eq!(t.left_out, [("failed", 2), ("to other apps", 1)]);
    }
}
