//! `dealbench usage FILE --source NAME`: each export read as its source
//! writes it gives exactly the funnel of its hand-filtered rows read as a
//! plain CSV; noise (other apps, failed sign-ins, admin events, API keys)
//! never counts; hostile files fail cleanly with exit 2.
//!
//! The fixtures in tests/data/usage/sources/ are written by its make.py
//! from one list of sign-ins: `plain.csv` holds the rows that count
//! (`user,timestamp,site`), each export the same rows in its own shape
//! plus the noise.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::cli::{path, stderr, usage};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage/sources")
        .join(name)
}

/// The §5 JSON of a run that must succeed.
fn funnel(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = usage(&all);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is only the JSON")
}

/// Every export, with the note naming what it counted and left out.
const EXPORTS: [(&str, &str, &str); 6] = [
    (
        "okta.json",
        "okta",
        "20 of 24 records are successful SSO sign-ins to 'Claude' (left out: 2 of other event types, 1 not successful, 1 to other apps)",
    ),
    (
        "okta-pages.json",
        "okta",
        "20 of 24 records are successful SSO sign-ins to 'Claude'",
    ),
    (
        "okta.csv",
        "okta",
        "20 of 24 records are successful SSO sign-ins to 'Claude' (left out: 2 of other event types, 1 not successful, 1 to other apps)",
    ),
    (
        "entra.csv",
        "entra",
        "20 of 23 records are successful sign-ins to 'Claude' (left out: 1 to other apps, 2 not successful)",
    ),
    (
        "google.csv",
        "google",
        "20 of 22 records are successful sign-ins to 'Claude' (left out: 1 to other apps, 1 not successful)",
    ),
    (
        "claude-audit.csv",
        "claude-audit",
        "20 of 24 records are usage events (chats, projects, files, artifacts) (left out: 4 admin and other events)",
    ),
];

#[test]
fn each_export_gives_the_funnel_of_its_filtered_rows() {
    let expected = funnel(&[path(&data("plain.csv"))]);
    assert_eq!(expected["total"]["provisioned"], 6);
    assert_eq!(expected["total"]["dau"], 1);
    for (file, source, note) in EXPORTS {
        let out = usage(&[path(&data(file)), "--source", source, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let got: Value = serde_json::from_slice(&out.stdout).expect("only the JSON");
        assert_eq!(got, expected, "{file}");
        let err = stderr(&out);
        assert!(err.contains(note), "{file}: missing '{note}' in:\n{err}");
    }
}

#[test]
fn sign_in_logs_say_they_measure_sign_ins_not_usage() {
    let out = usage(&[path(&data("okta.json")), "--source", "okta"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Seat funnel on 2026-11-20 from ")
            && text.contains("okta.json (Okta System Log: successful SSO sign-ins to 'Claude')"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("sign-ins are not usage"),
        "{}",
        stderr(&out)
    );
    let audit = usage(&[path(&data("claude-audit.csv")), "--source", "claude-audit"]);
    assert!(!stderr(&audit).contains("sign-ins are not usage"));
}

#[test]
fn claude_code_counts_one_day_per_record_of_a_person() {
    let expected = funnel(&[path(&data("claude-code.expected.csv"))]);
    let got = funnel(&[path(&data("claude-code.json")), "--source", "claude-code"]);
    assert_eq!(got, expected);
    // A record is a UTC day: a zone west of UTC does not move it.
    let west = funnel(&[
        path(&data("claude-code.json")),
        "--source",
        "claude-code",
        "--tz",
        "-05:00",
    ]);
    assert_eq!(west, expected);
    let out = usage(&[path(&data("claude-code.json")), "--source", "claude-code"]);
    assert!(
        stderr(&out).contains("21 of 22 records are days of Claude Code use by people (one per record) (left out: 1 by API keys (no person))"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_members_export_is_the_last_activity_reading_by_name() {
    let expected = funnel(&[path(&data("claude-members.expected.csv"))]);
    let got = funnel(&[
        path(&data("claude-members.csv")),
        "--source",
        "claude-members",
    ]);
    assert_eq!(got, expected);
    assert_eq!(got["total"]["wau"], Value::Null);
    assert_eq!(got["total"]["provisioned"], 7);
}

#[test]
fn region_from_maps_locations_to_regions() {
    let expected = funnel(&[path(&data("plain.csv")), "--region-col", "site"]);
    let regions: Vec<&str> = expected["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .filter_map(|r| r["region"].as_str())
        .collect();
    assert_eq!(regions, ["emea", "na", "unassigned"]);
    let map = data("regions.csv");
    for (file, source, place) in [
        ("okta.json", "okta", "'Japan'"),
        ("okta.csv", "okta", "'Japan'"),
        ("entra.csv", "entra", "'Tokyo, Tokyo, JP'"),
        ("google.csv", "google", "'/Research'"),
    ] {
        let export = data(file);
        let args = [
            path(&export),
            "--source",
            source,
            "--region-from",
            path(&map),
        ];
        assert_eq!(funnel(&args), expected, "{file}");
        let err = stderr(&usage(&args));
        assert!(
            err.contains("1 sign-in from a place") && err.contains(place),
            "{file}: {err}"
        );
    }
}

#[test]
fn the_list_users_json_is_a_roster() {
    let expected = funnel(&[
        path(&data("plain.csv")),
        "--roster",
        path(&data("users.csv")),
    ]);
    assert_eq!(expected["unknown_users"], 1);
    assert_eq!(expected["total"]["provisioned"], 6);
    let got = funnel(&[
        path(&data("okta.json")),
        "--source",
        "okta",
        "--roster",
        path(&data("users.json")),
    ]);
    assert_eq!(got, expected);
    // Without --source too: a roster is told by its content.
    let plain = funnel(&[
        path(&data("plain.csv")),
        "--roster",
        path(&data("users.json")),
    ]);
    assert_eq!(plain, expected);
    // With --region-from the log places the roster's seat holders; those
    // never seen are unassigned.
    let placed = funnel(&[
        path(&data("entra.csv")),
        "--source",
        "entra",
        "--roster",
        path(&data("users.json")),
        "--region-from",
        path(&data("regions.csv")),
    ]);
    let unassigned = placed["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .find(|r| r["region"] == "unassigned")
        .expect("an unassigned region");
    assert_eq!(unassigned["provisioned"], 2, "cat (Tokyo) and fay (never)");
    assert_eq!(placed["total"]["provisioned"], 6);
}

fn fails_with(args: &[&str], fragments: &[&str]) {
    let out = usage(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "{args:?} printed on stdout");
    let err = stderr(&out);
    for f in fragments {
        assert!(err.contains(f), "{args:?}: missing '{f}' in:\n{err}");
    }
}

#[test]
fn hostile_exports_fail_with_the_usual_message() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("written");
        p
    };
    let n = 1_000_000;
    let deep = write(
        "deep.json",
        &format!("[{}1{}]", "{\"a\":".repeat(n), "}".repeat(n)),
    );
    fails_with(
        &[path(&deep), "--source", "okta"],
        &["deep.json: no successful SSO sign-ins to 'Claude' among 1 record read"],
    );
    let nested = write(
        "nested.json",
        &format!(
            "[{{\"actor\":{}\"x\"{}}}]",
            "{\"alternateId\":".repeat(n),
            "}".repeat(n)
        ),
    );
    fails_with(
        &[path(&nested), "--source", "okta"],
        &[
            "nested.json:1:",
            "expected Okta System Log events",
            "found invalid type: map",
        ],
    );
    let arrays = write(
        "arrays.json",
        &format!("{}{}", "[".repeat(n), "]".repeat(n)),
    );
    fails_with(
        &[path(&arrays), "--source", "claude-code"],
        &["arrays.json:1:", "expected Claude Code Analytics API pages"],
    );
    let big = "a".repeat(1 << 20);
    let wide_json = write(
        "wide.json",
        &format!(
            "[{{\"eventType\":\"user.authentication.sso\",\"actor\":{{\"alternateId\":\"{big}x\"}}}}]"
        ),
    );
    fails_with(
        &[path(&wide_json), "--source", "okta"],
        &[
            "wide.json:1:",
            "a field 'actor.alternateId' of 1048577 bytes (at most 1 MiB are read)",
        ],
    );
    let wide_csv = write(
        "wide.csv",
        &format!(
            "\u{feff}\"Date (UTC)\",\"Username\",\"Application\",\"Status\"\r\n2026-11-20T09:00:00Z,{big}x,Claude,Success\r\n"
        ),
    );
    fails_with(
        &[path(&wide_csv), "--source", "entra"],
        &["wide.csv:2:1: expected rows of at most 1 MiB"],
    );
    let no_status = write(
        "nostatus.csv",
        "\u{feff}\"Date (UTC)\",\"Username\",\"Application\"\r\n2026-11-20T09:00:00Z,ann@x,Claude\r\n",
    );
    fails_with(
        &[path(&no_status), "--source", "entra"],
        &[
            "nostatus.csv:1:1: expected a column 'Status' (an Entra sign-in log), found the columns 'Date (UTC)', 'Username', 'Application'",
        ],
    );
    let cut = write("cut.json", "{\"data\": [{\"date\": \"2026-11-20\"");
    fails_with(
        &[path(&cut), "--source", "claude-code"],
        &["cut.json:1:", "found the end of the file inside a value"],
    );
    let empty = write("empty.json", "  \n");
    fails_with(
        &[path(&empty), "--source", "claude-code"],
        &["empty.json:1:1: the file is empty"],
    );
}

#[test]
fn records_that_cannot_be_read_are_skipped_with_their_place() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let okta = dir.path().join("okta.csv");
    std::fs::write(
        &okta,
        "published,eventType,actor.alternateId,outcome.result,target\r\n\
         2026-11-20T09:00:00Z,user.authentication.sso,ann@x,SUCCESS,\"[{\"\"type\"\":\"\"AppInstance\"\",\"\"displayName\"\":\"\"Claude\"\"}]\"\r\n\
         2026-11-20T09:00:00Z,user.authentication.sso,bob@x,SUCCESS,not json\r\n\
         soon,user.authentication.sso,cat@x,SUCCESS,\"[{\"\"type\"\":\"\"AppInstance\"\",\"\"displayName\"\":\"\"claude\"\"}]\"\r\n",
    )
    .expect("written");
    let out = usage(&[path(&okta), "--source", "okta", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let f: Value = serde_json::from_slice(&out.stdout).expect("only the JSON");
    assert_eq!(
        (
            f["skipped_rows"].as_u64(),
            f["total"]["provisioned"].as_u64()
        ),
        (Some(2), Some(1))
    );
    let err = stderr(&out);
    for want in [
        "okta.csv:3: expected 'target' as a JSON list of targets, found 'not json'",
        "okta.csv:4: expected a date YYYY-MM-DD or an RFC 3339 timestamp, found 'soon'",
    ] {
        assert!(err.contains(want), "missing '{want}' in:\n{err}");
    }
    fails_with(
        &[path(&okta), "--source", "okta", "--strict"],
        &["2 rows skipped and --strict is set"],
    );
    let code = dir.path().join("code.json");
    std::fs::write(
        &code,
        "{\"data\":[{\"date\":\"2026-11-20T00:00:00Z\",\"actor\":{\"type\":\"user_actor\",\"email_address\":\"ann@x\"}},\
         {\"date\":\"2026-11-20T00:00:00Z\",\"actor\":{\"type\":\"user_actor\"}}]}",
    )
    .expect("written");
    let out = usage(&[path(&code), "--source", "claude-code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("code.json: record 2: no user"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn flags_that_do_not_fit_the_source_are_refused() {
    let audit = data("claude-audit.csv");
    fails_with(
        &[path(&audit), "--source", "claude-audit", "--app", "Claude"],
        &["--app applies to the sign-in logs"],
    );
    fails_with(
        &[
            path(&audit),
            "--source",
            "claude-audit",
            "--region-from",
            path(&data("regions.csv")),
        ],
        &["--source claude-audit carries none"],
    );
    fails_with(
        &[
            path(&data("okta.json")),
            "--source",
            "okta",
            "--user-col",
            "who",
        ],
        &["--user-col does not apply to --source okta"],
    );
    let out = usage(&[
        path(&data("okta.json")),
        "--source",
        "okta",
        "--app",
        "slack",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 of 24 records is one of the successful SSO sign-ins to 'slack'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_written_funnel_names_the_source_and_what_it_measures() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let deal = dir.path().join("deal.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/usage/deal.toml"),
        &deal,
    )
    .expect("copied");
    let out = usage(&[
        path(&data("okta.json")),
        "--source",
        "okta",
        "--region-from",
        path(&data("regions.csv")),
        "--write",
        path(&deal),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&deal).expect("read back");
    let want = "funnel_source = \"okta successful SSO sign-ins to 'Claude' in okta.json\"";
    assert!(text.contains(want), "missing {want} in:\n{text}");
    assert!(text.contains("funnel_as_of = 2026-11-20"), "{text}");
}
