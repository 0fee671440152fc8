//! Okta's System Log: the API's JSON (`GET /api/v1/logs`, an array of
//! LogEvent objects per page; pages saved one after the other are read in
//! turn) and the admin console's CSV export, whose columns are the event's
//! fields in dotted form (`published`, `eventType`, `actor.alternateId`,
//! `outcome.result`, `target` as a JSON list, `client.geographicalContext.
//! country`).
//!
//! A sign-in counts when `eventType` is `user.authentication.sso`,
//! `outcome.result` is `SUCCESS` and one of its targets is an `AppInstance`
//! whose `displayName` (or `alternateId`) is the app; the user is the
//! actor's `alternateId` (the Okta login, usually the e-mail address) and
//! the time `published`.

use std::path::Path;

use serde::Deserialize;

use super::json::{Shape, check_len, stream};
use super::table::{Table, cell};
use super::{Counter, Place, same_name};
use crate::usage::UsageError;

/// The event type of a single sign-on to an app.
pub const SSO_EVENT: &str = "user.authentication.sso";

const EXPECTED: &str =
    "Okta System Log events (a JSON array of LogEvent objects, or pages of them one after another)";

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Event {
    published: Option<String>,
    event_type: Option<String>,
    actor: Option<Actor>,
    outcome: Option<Outcome>,
    target: Option<Vec<Target>>,
    client: Option<Client>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Actor {
    alternate_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Outcome {
    result: Option<String>,
}

/// One of an event's targets (the app, the user, …).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Target {
    #[serde(rename = "type")]
    kind: Option<String>,
    display_name: Option<String>,
    alternate_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Client {
    geographical_context: Option<Geo>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Geo {
    country: Option<String>,
}

/// Why an event is not a successful single sign-on, if it is not.
fn not_a_sign_in(event_type: &[u8], result: &[u8]) -> Option<&'static str> {
    if !same_name(event_type, SSO_EVENT.as_bytes()) {
        return Some("of other event types");
    }
    (!same_name(result, b"SUCCESS")).then_some("not successful")
}

/// One of the targets is the app's `AppInstance`.
fn to_app(targets: &[Target], app: &str) -> bool {
    let named = |n: &Option<String>| {
        n.as_deref()
            .is_some_and(|n| same_name(n.as_bytes(), app.as_bytes()))
    };
    targets.iter().any(|t| {
        t.kind
            .as_deref()
            .is_some_and(|k| same_name(k.as_bytes(), b"AppInstance"))
            && (named(&t.display_name) || named(&t.alternate_id))
    })
}

/// The API's JSON.
pub fn read_json(path: &Path, counter: &mut Counter) -> Result<(), UsageError> {
    stream(path, Shape::Events, EXPECTED, |n, event: Event| {
        counter.tally.read += 1;
        let actor = event.actor.and_then(|a| a.alternate_id);
        let country = event
            .client
            .and_then(|c| c.geographical_context)
            .and_then(|g| g.country);
        for (field, value) in [
            ("actor.alternateId", &actor),
            ("published", &event.published),
            ("client.geographicalContext.country", &country),
        ] {
            check_len(field, value.as_deref())?;
        }
        let result = event.outcome.and_then(|o| o.result).unwrap_or_default();
        let event_type = event.event_type.unwrap_or_default();
        if let Some(why) = not_a_sign_in(event_type.as_bytes(), result.as_bytes()) {
            counter.tally.leave_out(why);
            return Ok(());
        }
        if !to_app(&event.target.unwrap_or_default(), counter.app()) {
            counter.tally.leave_out("to other apps");
            return Ok(());
        }
        let at = Place { first: n, last: n };
        counter.event(
            at,
            actor.unwrap_or_default().as_bytes(),
            event.published.unwrap_or_default().as_bytes(),
            country.as_deref().map(str::as_bytes),
        );
        Ok(())
    })?;
    Ok(())
}

/// The admin console's CSV export.
pub fn read_csv(path: &Path, counter: &mut Counter) -> Result<(), UsageError> {
    let table = Table::open(
        path,
        "an Okta System Log CSV export",
        "published,eventType,actor.alternateId,outcome.result,target",
    )?;
    let published = table.column(&["published"])?;
    let event_type = table.column(&["eventType"])?;
    let actor = table.column(&["actor.alternateId"])?;
    let result = table.column(&["outcome.result"])?;
    let target = table.column(&["target"])?;
    let country = table.optional(&["client.geographicalContext.country"])?;
    table.each(|row| {
        counter.tally.read += 1;
        let at = Place {
            first: row.line(),
            last: row.last_line(),
        };
        if let Some(why) = not_a_sign_in(cell(row, event_type), cell(row, result)) {
            counter.tally.leave_out(why);
            return;
        }
        // The target list is read only for a successful SSO event.
        let Ok(targets) = serde_json::from_slice::<Vec<Target>>(cell(row, target)) else {
            counter.unreadable(at, "'target' as a JSON list of targets", cell(row, target));
            return;
        };
        if !to_app(&targets, counter.app()) {
            counter.tally.leave_out("to other apps");
            return;
        }
        counter.event(
            at,
            cell(row, actor),
            cell(row, published),
            country.map(|c| cell(row, c)),
        );
    })?;
    Ok(())
}
