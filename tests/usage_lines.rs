//! `dealbench usage` names the physical line of every row it reports — the
//! line an editor shows — whatever the line ends (LF, CRLF, a lone CR),
//! blank lines, line breaks inside quoted fields or a byte-order mark; and
//! a file that is not well-formed CSV (a quote never closed, a column read
//! twice) is an error naming the line, not a silent misreading.

use std::process::{Command, Output};

mod common;
use common::cli::{BIN, path};

fn usage(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("usage")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// A temp dir with `files` written into it.
fn files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("written");
    }
    dir
}

/// Run in `dir` on `args` (file names in it); stderr with the dir's path
/// shown as `DIR`, and the exit status.
fn run_in(dir: &tempfile::TempDir, args: &[&str]) -> (String, Option<i32>, Vec<u8>) {
    let full: Vec<String> = args
        .iter()
        .map(|a| match a.starts_with("--") {
            true => a.to_string(),
            false => path(&dir.path().join(a)).to_string(),
        })
        .collect();
    let refs: Vec<&str> = full.iter().map(String::as_str).collect();
    let out = usage(&refs);
    let err = String::from_utf8_lossy(&out.stderr).replace(path(dir.path()), "DIR");
    (err, out.status.code(), out.stdout)
}

const BAD_DATE: &str = "expected a date YYYY-MM-DD or an RFC 3339 timestamp, found 'bad'";

/// The same three rows — one good, one without a user, one with a bad
/// date — laid out in every way a real export may be.
#[test]
fn skipped_rows_are_reported_on_their_physical_lines() {
    let cases = [
        (
            "lf.csv",
            "user,region,date\nann,na,2026-11-20\n,na,2026-11-18\nbob,na,bad\n",
            3,
            4,
        ),
        (
            "crlf.csv",
            "user,region,date\r\nann,na,2026-11-20\r\n,na,2026-11-18\r\nbob,na,bad\r\n",
            3,
            4,
        ),
        (
            "cr.csv",
            "user,region,date\rann,na,2026-11-20\r,na,2026-11-18\rbob,na,bad\r",
            3,
            4,
        ),
        (
            "bom.csv",
            "\u{feff}user,region,date\r\nann,na,2026-11-20\r\n,na,2026-11-18\r\nbob,na,bad",
            3,
            4,
        ),
        (
            "blank.csv",
            "user,region,date\nann,na,2026-11-20\n\n\n,na,2026-11-18\n\r\nbob,na,bad\n",
            5,
            7,
        ),
        (
            "blank_crlf.csv",
            "user,region,date\r\n\r\nann,na,2026-11-20\r\n\r\n\r\n,na,2026-11-18\r\nbob,na,bad\r\n",
            6,
            7,
        ),
        (
            "quoted.csv",
            "user,region,date\n\"ann\nsmith\",na,2026-11-20\ncy,\"n\r\na\",2026-11-18\n,na,2026-11-18\n\"bob, jr\",\"na\",\"bad\"",
            6,
            7,
        ),
    ];
    for (name, text, no_user, bad_date) in cases {
        let dir = files(&[(name, text)]);
        let (err, status, _) = run_in(&dir, &[name, "--json"]);
        assert_eq!(status, Some(0), "{name}: {err}");
        assert_eq!(
            err,
            format!(
                "warning: DIR/{name}: skipped 2 rows (1 without a user, 1 with an unreadable date)\n  \
                 DIR/{name}:{no_user}: no user\n  DIR/{name}:{bad_date}: {BAD_DATE}\n"
            ),
            "{name}"
        );
    }
}

#[test]
fn roster_lines_count_blank_lines_and_crlf() {
    let dir = files(&[
        ("log.csv", "user,region,date\nann,na,2026-11-20\n"),
        (
            "roster.csv",
            "\u{feff}user,region\r\nann,na\r\n\r\n,na\r\n\r\nANN,emea\r\n\"\",apac\r\nbob,na\r\n",
        ),
    ]);
    let (err, status, _) = run_in(&dir, &["log.csv", "--roster", "roster.csv", "--json"]);
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(
        err,
        "warning: DIR/roster.csv: skipped 2 rows (2 without a user)\n  \
         DIR/roster.csv:4: no user\n  DIR/roster.csv:7: no user\n\
         warning: DIR/roster.csv:6: 'ann' is already on the roster; this line is ignored \
         (the first line naming a user counts)\n"
    );
}

#[test]
fn a_quote_never_closed_is_an_error_where_it_opens() {
    let dir = files(&[
        (
            "log.csv",
            "user,region,date\r\nann,na,2026-11-20\r\nbob,\"na,2026-11-19\r\ncy,na,2026-11-18\r\n",
        ),
        ("roster.csv", "user,region\n\"ann,na\nbob,na"),
    ]);
    for (args, expected) in [
        (
            &["log.csv"][..],
            "error: DIR/log.csv:3:5: unterminated quoted field: expected a closing '\"' for the \
             quote that opens here, found the end of the file (line 4); close the quote, or write \
             a quote inside a field as '\"\"'\n",
        ),
        (
            &["log.csv", "--roster", "roster.csv"][..],
            "error: DIR/roster.csv:2:1: unterminated quoted field: expected a closing '\"' for the \
             quote that opens here, found the end of the file (line 3); close the quote, or write \
             a quote inside a field as '\"\"'\n",
        ),
    ] {
        let (err, status, stdout) = run_in(&dir, args);
        assert_eq!((status, err.as_str()), (Some(2), expected));
        assert!(stdout.is_empty());
    }
}

#[test]
fn a_column_named_twice_is_an_error_naming_it() {
    let dir = files(&[
        ("twice.csv", "user,user,date\na,b,2026-11-20\n"),
        (
            "late.csv",
            "\n\nemail,region,Region,date\r\na,na,na,2026-11-20\r\n",
        ),
        (
            "ok.csv",
            "user,region,date,note,note\na,na,2026-11-20,x,y\n",
        ),
    ]);
    let (err, status, _) = run_in(&dir, &["twice.csv"]);
    assert_eq!(
        (status, err.as_str()),
        (
            Some(2),
            "error: DIR/twice.csv:1:1: expected one user column, found 'user' twice in the header \
             (columns 1 and 2): rename or remove all but one\n"
        )
    );
    let (err, status, _) = run_in(&dir, &["ok.csv", "--roster", "late.csv"]);
    assert_eq!(
        (status, err.as_str()),
        (
            Some(2),
            "error: DIR/late.csv:3:1: expected one region column, found 'region' (column 2) and \
             'Region' (column 3) in the header, one name once case, spaces and dashes are \
             ignored: rename or remove all but one\n"
        )
    );
    let (err, status, _) = run_in(&dir, &["ok.csv"]);
    assert_eq!(
        (status, err.as_str()),
        (Some(0), ""),
        "columns not read may repeat"
    );
}

#[test]
fn a_header_after_blank_lines_is_on_its_own_line() {
    let dir = files(&[("late.csv", "\r\n\r\nuser,region,date\r\n\r\n")]);
    let (err, status, _) = run_in(&dir, &["late.csv"]);
    assert_eq!(
        (status, err.as_str()),
        (
            Some(2),
            "error: DIR/late.csv:4:1: the file has a header but no rows: expected one row per \
             event from line 4 on\n"
        )
    );
}

/// A stray quote that a later quote closes makes one row of two lines:
/// the row is skipped like any other, and the note says where it ends.
#[test]
fn a_skipped_row_over_several_lines_says_so() {
    let dir = files(&[(
        "stray.csv",
        "user,region,date\nann,na,2026-11-20\n\"bob,na,2026-11-19\ncy,\"na\",2026-11-18\ndan,na,2026-11-18\n",
    )]);
    let (err, status, _) = run_in(&dir, &["stray.csv"]);
    assert_eq!(
        (status, err.as_str()),
        (
            Some(0),
            "warning: DIR/stray.csv: skipped 1 row (1 with an unreadable date)\n  \
             DIR/stray.csv:3: expected a date YYYY-MM-DD or an RFC 3339 timestamp, found '' \
             (the row runs on to line 4: a quoted field holds a line break; is a '\"' misplaced?)\n"
        )
    );
}
