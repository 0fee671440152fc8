//! `dealbench usage` figures against funnels computed by hand (SPEC.md §5),
//! through the real binary.
//!
//! D = 2026-11-20 in every case. The window is D−27 … D = 10-24 … 11-20 in
//! four blocks: [10-24, 10-30], [10-31, 11-06], [11-07, 11-13],
//! [11-14, 11-20]. Monthly active means last active on or after
//! D−29 = 10-22.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

mod common;
use common::cli::{BIN, path};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage")
        .join(name)
}

fn usage(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("usage")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

/// Run with `--json`; the status must be 0 and stdout only the JSON.
fn funnel(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = usage(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is only the JSON")
}

#[allow(clippy::too_many_arguments)]
fn counts(
    p: u64,
    mau: u64,
    wau: u64,
    dau: u64,
    dormant: u64,
    mean: &str,
    l7: u64,
    l30: u64,
) -> Value {
    json!({ "provisioned": p, "mau": mau, "wau": wau, "dau": dau, "dormant": dormant,
            "mean_daily_active": mean, "active_last_7_days": l7, "active_last_30_days": l30 })
}

fn region(name: &str, c: Value) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("region".into(), json!(name));
    m.extend(c.as_object().expect("an object").clone());
    Value::Object(m)
}

/// boundaries.csv, no roster (every user is a seat holder):
///
/// | user        | active days in window                  | days | blocks | last  | class   |
/// |-------------|----------------------------------------|------|--------|-------|---------|
/// | daily12     | 11-09 … 11-20 (11-20 twice)            | 12   | 2      | 11-20 | daily   |
/// | eleven      | 11-10 … 11-20                          | 11   | 2      | 11-20 | monthly |
/// | weekly3     | 10-24 (D−27), 11-06 (D−14), 11-13 (D−7)| 3    | 3      | 11-13 | weekly  |
/// | old         | (06-01)                                | 0    | 0      | 06-01 | dormant |
/// | weekly_edge | 10-30 (D−21), 10-31 (D−20), 11-14 (D−6); 10-23 outside | 3 | 3 | 11-14 | weekly |
/// | two_blocks  | 10-30 (D−21), 10-31 (D−20)             | 2    | 2      | 10-31 | monthly |
/// | monthly29   | (10-22 = D−29)                         | 0    | 0      | 10-22 | monthly |
/// | dormant30   | (10-21 = D−30)                         | 0    | 0      | 10-21 | dormant |
///
/// emea: 4 seats; dau 1; wau 2; mau 3; dormant 1; Σdays 26 → 26/28 =
/// 0.928… → 0.93; last 7 days: daily12, eleven = 2; last 30 days 3.
/// na: 4 seats; dau 0; wau 1; mau 3; dormant 1; Σdays 5 → 0.178… → 0.18;
/// last 7 days: weekly_edge (D−6) = 1; last 30 days 3.
/// total: Σdays 31 → 1.107… → 1.11.
#[test]
fn boundary_days_classify_as_the_spec_says() {
    let f = funnel(&[path(&data("boundaries.csv"))]);
    assert_eq!(
        f,
        json!({
            "as_of": "2026-11-20", "unknown_users": 0, "skipped_rows": 0,
            "regions": [
                region("emea", counts(4, 3, 2, 1, 1, "0.93", 2, 3)),
                region("na", counts(4, 3, 1, 0, 1, "0.18", 1, 3)),
            ],
            "total": counts(8, 6, 3, 1, 2, "1.11", 3, 6),
        })
    );
}

/// An earlier as-of date moves the window: with D = 11-13, window 10-17 …
/// 11-13, monthly since 10-15, rows after 11-13 skipped: daily12 8 rows
/// (11-14 … 11-20, 11-20 twice), eleven 7, weekly_edge 1 = 16.
///
/// daily12: 11-09…11-13 = 5 days, blocks [11-07,11-13] only → monthly.
/// eleven: 11-10…11-13 = 4 days → monthly. weekly3: 10-24 (block 2:
/// [10-24,10-30]), 11-06 ([10-31,11-06]), 11-13 ([11-07,11-13]) → weekly.
/// weekly_edge: 10-23, 10-30, 10-31 → blocks [10-17,10-23], [10-24,10-30],
/// [10-31,11-06] → weekly. two_blocks: 2 blocks → monthly. monthly29 (10-22)
/// and dormant30 (10-21): monthly. old: dormant.
/// emea: wau 1, mau 3, dormant 1, Σdays 5+4+3 = 12 → 0.43, last 7 days
/// (11-07…11-13): daily12, eleven, weekly3 = 3.
/// na: wau 1, mau 4, dormant 0, Σdays 3+2+1+1 = 7 → 0.25, last 7 days 0.
#[test]
fn an_earlier_as_of_date_skips_later_rows_and_moves_the_window() {
    let f = funnel(&[path(&data("boundaries.csv")), "--as-of", "2026-11-13"]);
    assert_eq!(f["as_of"], "2026-11-13");
    assert_eq!(f["skipped_rows"], 16);
    assert_eq!(
        f["regions"][0],
        region("emea", counts(4, 3, 1, 0, 1, "0.43", 3, 3))
    );
    assert_eq!(
        f["regions"][1],
        region("na", counts(4, 4, 1, 0, 0, "0.25", 0, 4))
    );
}

/// With roster.csv the roster decides who holds a seat and where:
/// daily12 → emea (a second line for na is ignored: the first wins),
/// weekly3 → na (written `WEEKLY3 `: case and spaces do not matter),
/// eleven → emea, never → apac (never active: dormant). The other five
/// users of the log are unknown_users.
/// apac: 1 seat, dormant. emea: daily12 (daily), eleven (monthly): wau 1,
/// mau 2, Σdays 23 → 0.82, last 7 days 2. na: weekly3: wau 1, Σdays 3 →
/// 0.11, last 7 days 0 (last active 11-13). total Σdays 26 → 0.93.
#[test]
fn a_roster_decides_seats_and_regions() {
    let f = funnel(&[
        path(&data("boundaries.csv")),
        "--roster",
        path(&data("roster.csv")),
    ]);
    assert_eq!(
        f,
        json!({
            "as_of": "2026-11-20", "unknown_users": 5, "skipped_rows": 0,
            "regions": [
                region("apac", counts(1, 0, 0, 0, 1, "0.00", 0, 0)),
                region("emea", counts(2, 2, 1, 1, 0, "0.82", 2, 2)),
                region("na", counts(1, 1, 1, 0, 0, "0.11", 0, 1)),
            ],
            "total": counts(4, 3, 2, 1, 1, "0.93", 2, 3),
        })
    );
}

/// last_activity.csv: D = 11-20; a (11-20) and b (10-22 = D−29) are monthly
/// active, c (10-21) dormant, d never active (empty date: listed, dormant),
/// e (11-01) active. Weekly, daily, mean and last-7-days cannot be known.
#[test]
fn a_last_activity_export_gives_nulls_not_guesses() {
    let f = funnel(&[path(&data("last_activity.csv"))]);
    let nulls = |p: u64, mau: u64, dormant: u64| {
        json!({ "provisioned": p, "mau": mau, "wau": null, "dau": null, "dormant": dormant,
                "mean_daily_active": null, "active_last_7_days": null, "active_last_30_days": mau })
    };
    assert_eq!(
        f,
        json!({
            "as_of": "2026-11-20", "unknown_users": 0, "skipped_rows": 0,
            "regions": [region("emea", nulls(3, 2, 1)), region("na", nulls(2, 1, 1))],
            "total": nulls(5, 3, 2),
        })
    );
    let text = usage(&[path(&data("last_activity.csv"))]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("cannot tell weekly or daily"), "{stdout}");
    assert!(stdout.contains('—'), "{stdout}");
}

/// stamps.csv: ann 11-20 23:30Z; bob 11-19 22:30−02:00 (= 11-20 00:30Z);
/// cat 11-20 08:00 without offset (wall clock in the zone); dan 11-18 23:30Z
/// and 11-19 01:00Z.
/// UTC: D = 11-20; active days ann 1, bob 1, cat 1, dan 2 (18th, 19th) =
/// 5 → 0.18. At +02:00: ann is on 11-21 (D), dan's two events both on
/// 11-19 → 4 → 0.14. In New York (UTC−5 in November): bob is on 11-19,
/// dan's events both on 11-18 → Σ 4 → 0.14, D = 11-20.
#[test]
fn timestamps_count_in_the_zone_given() {
    let file = data("stamps.csv");
    let utc = funnel(&[path(&file)]);
    assert_eq!(
        (
            utc["as_of"].clone(),
            utc["total"]["mean_daily_active"].clone()
        ),
        (json!("2026-11-20"), json!("0.18"))
    );
    let east = funnel(&[path(&file), "--tz", "+02:00"]);
    assert_eq!(
        (
            east["as_of"].clone(),
            east["total"]["mean_daily_active"].clone()
        ),
        (json!("2026-11-21"), json!("0.14"))
    );
    let ny = funnel(&[path(&file), "--tz", "America/New_York"]);
    assert_eq!(
        (
            ny["as_of"].clone(),
            ny["total"]["mean_daily_active"].clone()
        ),
        (json!("2026-11-20"), json!("0.14"))
    );
    assert_eq!(ny["total"]["active_last_7_days"], 4);
}

/// A byte-order mark, CRLF line ends, quoted fields with commas, doubled
/// quotes and a line break, capitalised header names and stray spaces.
/// Users: "Smith, Jo" (2 days), ann@x.com (1 day, written twice in
/// different case), "multi\nline" (1 day). Region `na "east"` holds one
/// user.
#[test]
fn bom_crlf_and_quotes_are_read() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("messy.csv");
    let text = "\u{feff}User , Region,Date\r\n\
                \"Smith, Jo\",emea,2026-11-19\r\n\
                \"Smith, Jo\",emea,\"2026-11-20\"\r\n\
                \" ANN@x.com\",emea, 2026-11-20 \r\n\
                ann@X.COM,emea,2026-11-20\r\n\
                \"multi\nline\",\"na \"\"east\"\"\",2026-11-20\r\n";
    std::fs::write(&file, text).expect("written");
    let f = funnel(&[path(&file)]);
    assert_eq!(
        f["regions"][0],
        region("emea", counts(2, 2, 0, 0, 0, "0.11", 2, 2))
    );
    assert_eq!(
        f["regions"][1],
        region("na \"east\"", counts(1, 1, 0, 0, 0, "0.04", 1, 1))
    );
    assert_eq!(f["skipped_rows"], 0);
}

/// Other header names are mapped with flags; the last-activity reading of
/// a column can be forced; a log without a region column puts everyone
/// in `all`.
#[test]
fn column_flags_map_other_headers() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("other.csv");
    std::fs::write(
        &file,
        "who,site,when\nann,emea,2026-11-20\nbob,na,2026-10-01\n",
    )
    .expect("written");
    let f = funnel(&[
        path(&file),
        "--user-col",
        "who",
        "--region-col",
        "site",
        "--date-col",
        "when",
    ]);
    assert_eq!(f["total"], counts(2, 1, 0, 0, 1, "0.04", 1, 1));
    let last = funnel(&[
        path(&file),
        "--user-col",
        "who",
        "--region-col",
        "site",
        "--date-col",
        "when",
        "--last-activity",
    ]);
    assert_eq!(last["total"]["wau"], Value::Null);
    let nameless = dir.path().join("nameless.csv");
    std::fs::write(&nameless, "email,timestamp\nann,2026-11-20T10:00:00Z\n").expect("written");
    assert_eq!(funnel(&[path(&nameless)])["regions"][0]["region"], "all");
}

/// The table: one row per region and a total, the weekly active number
/// called out; no colour when piped or under NO_COLOR.
#[test]
fn the_table_names_the_number_to_walk_in_with() {
    let out = usage(&[path(&data("boundaries.csv"))]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stdout.contains('\u{1b}'), "no colour when piped: {stdout}");
    for expected in [
        "Seat funnel on 2026-11-20",
        "Window 2026-10-24 … 2026-11-20",
        "Region  Provisioned  Monthly  Weekly  Daily  Dormant  Mean daily  Last 7 d  Last 30 d",
        "emea              4        3       2      1        1        0.93         2          3",
        "Total             8        6       3      1        2        1.11         3          6",
        "Weekly active: 3 of 8 seats (38 %) — the working population",
        "Dormant: 2 of 8 seats (25 %)",
    ] {
        assert!(
            stdout.contains(expected),
            "missing '{expected}' in:\n{stdout}"
        );
    }
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
