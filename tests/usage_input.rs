//! Bad input to `dealbench usage`: skipped rows (counted, shown with line
//! numbers, fatal only with `--strict`) and files or options that cannot
//! be used at all (exit 2 with a message naming the file).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::cli::{BIN, path, stderr, usage};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage")
        .join(name)
}

/// skipped.csv with D = 11-20: line 3 has no user, line 4 and line 7
/// unreadable dates ('not-a-date', the impossible '2026-02-30'), line 5 is
/// after D. ann (11-20) and bob (11-19) remain: 2 seats, both active in
/// the last 7 days, Σdays 2 → 0.07.
#[test]
fn skipped_rows_are_counted_and_shown_with_line_numbers() {
    let out = usage(&[
        path(&data("skipped.csv")),
        "--as-of",
        "2026-11-20",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let f: Value = serde_json::from_slice(&out.stdout).expect("stdout is only the JSON");
    assert_eq!(f["skipped_rows"], 4);
    assert_eq!(f["total"]["provisioned"], 2);
    assert_eq!(f["total"]["mean_daily_active"], "0.07");
    let err = stderr(&out);
    for expected in [
        "skipped 4 rows (1 without a user, 2 with an unreadable date, 1 dated after the as-of date)",
        "skipped.csv:3: no user",
        "skipped.csv:4: expected a date YYYY-MM-DD or an RFC 3339 timestamp, found 'not-a-date'",
        "skipped.csv:5: '2026-11-25' is after the as-of date 2026-11-20",
        "skipped.csv:7: expected a date YYYY-MM-DD or an RFC 3339 timestamp, found '2026-02-30'",
    ] {
        assert!(err.contains(expected), "missing '{expected}' in:\n{err}");
    }
}

#[test]
fn without_an_as_of_date_the_latest_row_sets_it() {
    let out = usage(&[path(&data("skipped.csv")), "--json"]);
    let f: Value = serde_json::from_slice(&out.stdout).expect("stdout is only the JSON");
    assert_eq!(
        (f["as_of"].as_str(), f["skipped_rows"].as_u64()),
        (Some("2026-11-25"), Some(3))
    );
}

#[test]
fn strict_fails_on_any_skipped_row_and_prints_nothing() {
    let out = usage(&[path(&data("skipped.csv")), "--strict", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("3 rows skipped and --strict is set"),
        "{}",
        stderr(&out)
    );
    let clean = usage(&[path(&data("boundaries.csv")), "--strict", "--json"]);
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn only_the_first_five_skipped_rows_are_listed() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("many.csv");
    let mut text = String::from("user,region,date\nann,emea,2026-11-20\n");
    for _ in 0..8 {
        text.push_str("bob,emea,soon\n");
    }
    std::fs::write(&file, text).expect("written");
    let out = usage(&[path(&file)]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert_eq!(err.matches("found 'soon'").count(), 5, "{err}");
    assert!(
        err.contains("many.csv:7:") && !err.contains("many.csv:8:"),
        "{err}"
    );
    assert!(err.contains("… and 3 more"), "{err}");
}

fn fails_with(args: &[&str], status: i32, fragments: &[&str]) {
    let out = usage(args);
    assert_eq!(
        out.status.code(),
        Some(status),
        "{args:?}: {}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty(), "{args:?} printed on stdout");
    let err = stderr(&out);
    for f in fragments {
        assert!(err.contains(f), "{args:?}: missing '{f}' in:\n{err}");
    }
}

#[test]
fn empty_header_only_and_missing_files_are_errors() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").expect("written");
    let bom_only = dir.path().join("bom.csv");
    std::fs::write(&bom_only, "\u{feff}\r\n").expect("written");
    let header = dir.path().join("header.csv");
    std::fs::write(&header, "user,region,date\r\n").expect("written");
    let missing = dir.path().join("missing.csv");
    fails_with(&[path(&empty)], 2, &["empty.csv:1:1: the file is empty"]);
    fails_with(&[path(&bom_only)], 2, &["the file is empty"]);
    fails_with(
        &[path(&header)],
        2,
        &["header.csv:2:1: the file has a header but no rows"],
    );
    fails_with(&[path(&missing)], 2, &["cannot read", "missing.csv"]);
    fails_with(
        &[path(&data("boundaries.csv")), "--roster", path(&header)],
        2,
        &["the file has a header but no rows"],
    );
}

#[test]
fn unusable_headers_and_options_are_errors() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, "who,when\nann,2026-11-20\n").expect("written");
    fails_with(
        &[path(&odd)],
        2,
        &[
            "odd.csv:1:1: expected a user column named 'user' or 'email'",
            "'who', 'when'",
        ],
    );
    fails_with(
        &[path(&odd), "--user-col", "name"],
        2,
        &["expected a column named 'name' (--user-col)"],
    );
    let file = data("boundaries.csv");
    fails_with(
        &[path(&file), "--as-of", "20/11/2026"],
        2,
        &["expected a date as YYYY-MM-DD"],
    );
    fails_with(
        &[path(&file), "--tz", "Mars/Olympus"],
        2,
        &["expected a time zone"],
    );
}

#[test]
fn a_log_with_no_usable_row_is_an_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("undated.csv");
    std::fs::write(
        &file,
        "user,region,date\nann,emea,later\n,emea,2026-11-20\n",
    )
    .expect("written");
    fails_with(
        &[path(&file)],
        2,
        &["no row has a usable date (2 of 2 rows skipped)"],
    );
}

/// One of anything is singular: "skipped 1 row", "1 user … is", "1 seat".
#[test]
fn counts_of_one_are_singular() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (log, roster) = (dir.path().join("one.csv"), dir.path().join("seats.csv"));
    std::fs::write(
        &log,
        "user,region,date\nann,na,2026-11-20\nbob,na,bad\nzed,na,2026-11-20\n",
    )
    .expect("written");
    std::fs::write(&roster, "user,region\nann,na\n").expect("written");
    let out = Command::new(BIN)
        .args(["usage", path(&log), "--roster", path(&roster)])
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = |p: &Path| path(p).to_string();
    assert_eq!(
        stderr(&out),
        format!(
            "warning: {0}: skipped 1 row (1 with an unreadable date)\n  {0}:3: expected a date \
             YYYY-MM-DD or an RFC 3339 timestamp, found 'bad'\n",
            shown(&log)
        )
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Weekly active: 0 of 1 seat (0 %) — the working population",
        "Dormant: 0 of 1 seat (0 %) with no activity in 30 days",
        "Note: 1 user in the log is not on the roster (not counted).",
    ] {
        assert!(text.contains(expected), "missing '{expected}' in:\n{text}");
    }
    let strict = usage(&[path(&log), "--strict"]);
    assert_eq!(
        stderr(&strict).lines().last(),
        Some("error: 1 row skipped and --strict is set; nothing printed or written")
    );
    std::fs::write(&log, "user,region,date\nbob,na,bad\n").expect("written");
    let undated = usage(&[path(&log)]);
    assert_eq!(
        stderr(&undated).lines().last().map(str::to_string),
        Some(format!(
            "error: {}: no row has a usable date (1 of 1 row skipped); expected dated rows, or \
             give --as-of",
            shown(&log)
        ))
    );
}
