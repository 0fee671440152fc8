//! Which column of an export holds what: found by header name, or named by
//! `--user-col`, `--region-col` and `--date-col`.
//!
//! Header names are compared trimmed, in lower case, with spaces and dashes
//! read as underscores, so `Last Activity Date` matches
//! `last_activity_date`. A date column named like a last-activity date
//! (`last_activity_date`, `last_seen`, …) marks a per-user last-activity
//! export; any other date column is an event log. To accept another
//! spelling, add it to the lists below.
//!
//! A column that is read must be named once: `user,user,date` (or
//! `Email,email`) is an error, since either column could be meant. Repeated
//! names among the columns not read (two empty names after a trailing
//! comma, say) are left alone.

use super::funnel::Source;

/// Header names of the user id column, in order of preference.
const USER: &[&str] = &[
    "user",
    "user_id",
    "userid",
    "email",
    "user_email",
    "email_address",
    "member",
    "member_email",
    "username",
    "login",
    "account",
];
/// Header names of the region column.
const REGION: &[&str] = &["region", "region_id", "user_region"];
/// Header names of an event's date or timestamp.
const EVENT_DATE: &[&str] = &[
    "date",
    "day",
    "event_date",
    "activity_date",
    "timestamp",
    "time",
    "ts",
    "event_time",
    "event_timestamp",
    "occurred_at",
    "created_at",
];
/// Header names of a per-user last-activity date.
const LAST_ACTIVITY: &[&str] = &[
    "last_activity_date",
    "last_activity",
    "last_activity_at",
    "last_active",
    "last_active_date",
    "last_active_at",
    "last_seen",
    "last_seen_at",
    "last_used",
    "last_used_at",
];

/// Column names given on the command line.
#[derive(Debug, Clone, Default)]
pub struct ColumnNames {
    pub user: Option<String>,
    pub region: Option<String>,
    pub date: Option<String>,
}

/// Where the figures of an activity export are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogColumns {
    pub user: usize,
    /// No region column: every user is in the region `all`.
    pub region: Option<usize>,
    pub date: usize,
    pub source: Source,
}

/// Where the seat holders of a roster are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RosterColumns {
    pub user: usize,
    pub region: Option<usize>,
}

pub(super) fn normalize(name: &[u8]) -> String {
    let text = String::from_utf8_lossy(name);
    text.trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// `a`, `a and b`, `a, b and c`.
/// `a`, `a and b`, `a, b and c`.
pub(super) fn and_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

/// The header as the user wrote it, for messages.
fn listed(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    quoted.join(", ")
}

struct Header {
    names: Vec<String>,
    raw: Vec<String>,
}

impl Header {
    fn new<'a>(fields: impl IntoIterator<Item = &'a [u8]>) -> Header {
        let (mut names, mut raw) = (Vec::new(), Vec::new());
        for field in fields {
            names.push(normalize(field));
            raw.push(String::from_utf8_lossy(field).trim().to_string());
        }
        Header { names, raw }
    }

    /// `column` (the `what` column), unless its name is in the header
    /// more than once.
    fn once(&self, column: usize, what: &str) -> Result<usize, String> {
        let name = &self.names[column];
        let same: Vec<usize> = (0..self.names.len())
            .filter(|&j| self.names[j] == *name)
            .collect();
        if same.len() == 1 {
            return Ok(column);
        }
        let numbers: Vec<String> = same.iter().map(|j| (j + 1).to_string()).collect();
        let found = if same.iter().all(|&j| self.raw[j] == self.raw[column]) {
            let times = match same.len() {
                2 => "twice".to_string(),
                n => format!("{n} times"),
            };
            format!(
                "'{}' {times} in the header (columns {})",
                self.raw[column],
                and_list(&numbers)
            )
        } else {
            let spelled: Vec<String> = same
                .iter()
                .map(|&j| format!("'{}' (column {})", self.raw[j], j + 1))
                .collect();
            format!(
                "{} in the header, one name once case, spaces and dashes are ignored",
                and_list(&spelled)
            )
        };
        Err(format!(
            "expected one {what} column, found {found}: rename or remove all but one"
        ))
    }

    fn find_any(&self, candidates: &[&str]) -> Option<usize> {
        candidates
            .iter()
            .find_map(|c| self.names.iter().position(|n| n == c))
    }

    /// The column `flag` names (an error when there is none of that
    /// name), else the first of `candidates` (if any).
    fn column(
        &self,
        given: Option<&str>,
        flag: &str,
        candidates: &[&str],
    ) -> Result<Option<usize>, String> {
        let Some(name) = given else {
            return Ok(self.find_any(candidates));
        };
        match self
            .names
            .iter()
            .position(|n| *n == normalize(name.as_bytes()))
        {
            Some(i) => Ok(Some(i)),
            None => Err(format!(
                "expected a column named '{name}' ({flag}), found the columns {}",
                listed(&self.raw)
            )),
        }
    }

    fn missing_user(&self) -> String {
        format!(
            "expected a user column named 'user' or 'email' (or name it with --user-col), found the columns {}",
            listed(&self.raw)
        )
    }
}

/// The columns of an activity export; `last_activity` forces the
/// last-activity reading of the date column.
pub fn log_columns<'a>(
    header: impl IntoIterator<Item = &'a [u8]>,
    given: &ColumnNames,
    last_activity: bool,
) -> Result<LogColumns, String> {
    let h = Header::new(header);
    let user = h
        .column(given.user.as_deref(), "--user-col", USER)?
        .ok_or_else(|| h.missing_user())?;
    let region = h.column(given.region.as_deref(), "--region-col", REGION)?;
    let (date, source) = match given.date.as_deref() {
        Some(name) => {
            let i = h.column(Some(name), "--date-col", &[])?;
            let kind =
                last_activity || LAST_ACTIVITY.contains(&normalize(name.as_bytes()).as_str());
            (
                i,
                if kind {
                    Source::LastActivity
                } else {
                    Source::Events
                },
            )
        }
        None => match (h.find_any(EVENT_DATE), h.find_any(LAST_ACTIVITY)) {
            (Some(i), _) if !last_activity => (Some(i), Source::Events),
            (_, Some(i)) | (Some(i), None) => (Some(i), Source::LastActivity),
            (None, None) => {
                return Err(format!(
                    "expected a date column named 'date', 'timestamp' or 'last_activity_date' (or name it with --date-col), found the columns {}",
                    listed(&h.raw)
                ));
            }
        },
    };
    let date = date.ok_or_else(|| {
        format!(
            "expected a date column, found the columns {}",
            listed(&h.raw)
        )
    })?;
    Ok(LogColumns {
        user: h.once(user, "user")?,
        region: region.map(|r| h.once(r, "region")).transpose()?,
        date: h.once(date, "date")?,
        source,
    })
}

/// The columns of a roster (`user,region`). Column flags apply when the
/// roster has a column of that name.
pub fn roster_columns<'a>(
    header: impl IntoIterator<Item = &'a [u8]>,
    given: &ColumnNames,
) -> Result<RosterColumns, String> {
    let h = Header::new(header);
    let present = |flag: &Option<String>| {
        flag.as_deref()
            .filter(|n| h.names.contains(&normalize(n.as_bytes())))
            .map(str::to_string)
    };
    let (user_flag, region_flag) = (present(&given.user), present(&given.region));
    let user = h
        .column(user_flag.as_deref(), "--user-col", USER)?
        .ok_or_else(|| h.missing_user())?;
    let region = h.column(region_flag.as_deref(), "--region-col", REGION)?;
    Ok(RosterColumns {
        user: h.once(user, "user")?,
        region: region.map(|r| h.once(r, "region")).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Vec<&[u8]> {
        text.split(',').map(str::as_bytes).collect()
    }

    #[test]
    fn finds_the_usual_names() {
        let c = log_columns(
            header("\u{feff}Email,Region,Timestamp"),
            &ColumnNames::default(),
            false,
        )
        .unwrap();
        assert_eq!(
            (c.user, c.region, c.date, c.source),
            (0, Some(1), 2, Source::Events)
        );
    }

    #[test]
    fn a_last_activity_header_marks_the_export() {
        let c = log_columns(
            header("email,Last Activity Date"),
            &ColumnNames::default(),
            false,
        )
        .unwrap();
        assert_eq!(
            (c.user, c.region, c.date, c.source),
            (0, None, 1, Source::LastActivity)
        );
    }

    #[test]
    fn flags_name_columns_and_missing_ones_are_reported() {
        let given = ColumnNames {
            user: Some("who".into()),
            region: Some("site".into()),
            date: Some("when".into()),
        };
        let c = log_columns(header("when,site,who"), &given, false).unwrap();
        assert_eq!((c.user, c.region, c.date), (2, Some(1), 0));
        let e = log_columns(header("a,b"), &ColumnNames::default(), false).unwrap_err();
        assert!(e.contains("'a', 'b'"), "{e}");
    }

    #[test]
    fn a_column_read_twice_is_refused_and_others_may_repeat() {
        let none = ColumnNames::default();
        let e = log_columns(header("user,user,date"), &none, false).unwrap_err();
        assert_eq!(
            e,
            "expected one user column, found 'user' twice in the header (columns 1 and 2): \
             rename or remove all but one"
        );
        let e = roster_columns(header("Email,region,E-mail,email"), &none).unwrap_err();
        assert_eq!(
            e,
            "expected one user column, found 'Email' (column 1) and 'email' (column 4) in the \
             header, one name once case, spaces and dashes are ignored: rename or remove all but one"
        );
        let e = log_columns(header("user,date,region,Date,date"), &none, false).unwrap_err();
        assert!(
            e.contains("'date' (column 2), 'Date' (column 4) and 'date' (column 5)"),
            "{e}"
        );
        let c = log_columns(header("user,date,,note,note,"), &none, false).unwrap();
        assert_eq!((c.user, c.date), (0, 1));
    }
}
