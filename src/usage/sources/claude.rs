//! Claude's own admin exports.
//!
//! * The Enterprise audit log (Settings → Data exports; CSV): `created_at`,
//!   `actor_info` (a JSON object with `email_address`), `event`. Only the
//!   events in [`USAGE_EVENTS`] — someone working with Claude — count;
//!   sign-ins, invitations, role and settings changes, exports and keys
//!   (every other event) do not.
//! * The Claude Code Analytics API (`GET /v1/organizations/usage_report/
//!   claude_code`, pages of `{"data": […], "has_more", "next_page"}` saved
//!   one after another): each record is one user's activity on one UTC
//!   day (`date`, `actor` with `email_address`, `core_metrics`), so each
//!   record is one active day on that date. Records of an `api_actor` (an
//!   API key, no person) do not count.
//! * The Admin API's List Users (`GET /v1/organizations/users`, pages of
//!   `{"data": [{"email", …}], "has_more", "last_id"}`) as a roster: every
//!   user listed holds a seat; it names no regions.

use std::path::Path;

use serde::Deserialize;

use super::json::{Shape, check_len, stream};
use super::table::{Table, cell};
use super::{Counter, Place};
use crate::usage::UsageError;
use crate::usage::activity::{Activity, trim, user_key};
use crate::usage::read::RosterSummary;
use crate::usage::skipped::{SkipReason, Skipped};

/// Audit-log events that are use of Claude: chats, projects, files,
/// artifacts. Everything else in the log is administration or access.
pub const USAGE_EVENTS: &[&str] = &[
    "conversation_created",
    "conversation_updated",
    "message_sent",
    "claude_chat_created",
    "claude_chat_updated",
    "claude_chat_viewed",
    "project_created",
    "project_updated",
    "claude_project_created",
    "claude_project_updated",
    "claude_project_viewed",
    "project_document_created",
    "file_uploaded",
    "claude_file_uploaded",
    "claude_artifact_created",
    "claude_artifact_viewed",
];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActorInfo {
    email_address: Option<String>,
}

/// The Enterprise audit log CSV.
pub fn read_audit(path: &Path, counter: &mut Counter) -> Result<(), UsageError> {
    let table = Table::open(
        path,
        "a Claude audit log export",
        "created_at,actor_info,event",
    )?;
    let created = table.column(&["created_at"])?;
    let actor = table.column(&["actor_info"])?;
    let event = table.column(&["event"])?;
    let mut buf = Vec::new();
    table.each(|row| {
        counter.tally.read += 1;
        let name = trim(cell(row, event));
        if !USAGE_EVENTS
            .iter()
            .any(|u| u.as_bytes().eq_ignore_ascii_case(name))
        {
            counter.tally.leave_out("admin and other events");
            return;
        }
        let at = Place {
            first: row.line(),
            last: row.last_line(),
        };
        let info = trim(cell(row, actor));
        let email = match serde_json::from_slice::<ActorInfo>(info) {
            Ok(info) => info.email_address.unwrap_or_default(),
            Err(_) if info.is_empty() => String::new(),
            Err(_) => {
                counter.unreadable(at, "'actor_info' as a JSON object", info);
                return;
            }
        };
        let when = super::utc_cell(cell(row, created), &mut buf);
        counter.event(at, email.as_bytes(), when, None);
    })?;
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CodeRecord {
    date: Option<String>,
    actor: Option<CodeActor>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CodeActor {
    #[serde(rename = "type")]
    kind: Option<String>,
    email_address: Option<String>,
    api_key_name: Option<String>,
}

const CODE_EXPECTED: &str =
    "Claude Code Analytics API pages (objects with a 'data' array of records, one after another)";

/// Claude Code Analytics API pages.
pub fn read_code(path: &Path, counter: &mut Counter) -> Result<(), UsageError> {
    stream(
        path,
        Shape::Pages,
        CODE_EXPECTED,
        |n, record: CodeRecord| {
            counter.tally.read += 1;
            let actor = record.actor.unwrap_or_default();
            check_len("actor.email_address", actor.email_address.as_deref())?;
            check_len("date", record.date.as_deref())?;
            let api_key = actor.kind.as_deref() == Some("api_actor")
                || (actor.email_address.is_none() && actor.api_key_name.is_some());
            if api_key {
                counter.tally.leave_out("by API keys (no person)");
                return Ok(());
            }
            // A record is a UTC day: its date counts whatever --tz says.
            let date = record.date.unwrap_or_default();
            let day = date.get(..10).unwrap_or(&date);
            let at = Place { first: n, last: n };
            let email = actor.email_address.unwrap_or_default();
            counter.event(at, email.as_bytes(), day.as_bytes(), None);
            Ok(())
        },
    )?;
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct User {
    email: Option<String>,
}

const USERS_EXPECTED: &str =
    "Admin API List Users pages (objects with a 'data' array of users, one after another)";

/// A roster from List Users pages: every user holds a seat in `region`.
pub fn read_users_roster(
    path: &Path,
    activity: &mut Activity,
    region: u32,
) -> Result<RosterSummary, UsageError> {
    activity.roster = true;
    let mut summary = RosterSummary {
        seats: 0,
        duplicates: 0,
        first_duplicate: None,
        skipped: Skipped {
            records: true,
            ..Skipped::default()
        },
        has_regions: false,
    };
    let mut scratch = Vec::new();
    let records = stream(path, Shape::Pages, USERS_EXPECTED, |n, user: User| {
        check_len("email", user.email.as_deref())?;
        let email = user.email.unwrap_or_default();
        let key = user_key(email.as_bytes(), &mut scratch);
        if key.is_empty() {
            summary.skipped.note_at(n, n, SkipReason::MissingUser, b"");
        } else if activity.add_seat(key, region) {
            summary.seats += 1;
        } else {
            summary.duplicates += 1;
            if summary.first_duplicate.is_none() {
                let who = String::from_utf8_lossy(key).chars().take(60).collect();
                summary.first_duplicate = Some((n, who));
            }
        }
        Ok(())
    })?;
    if records == 0 {
        return Err(UsageError::Invalid(crate::diag::Diagnostic::at_line(
            &path.display().to_string(),
            1,
            1,
            format!("no users: expected {USERS_EXPECTED}"),
        )));
    }
    Ok(summary)
}
