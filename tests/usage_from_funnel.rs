//! `dealbench usage --from-funnel`: a funnel computed elsewhere (the
//! `--sql` query's result, or the §5 JSON) read back, checked, printed and
//! written as if measured here.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

mod common;
use common::cli::usage;

const HEADER: &str = "kind,region,provisioned,mau,wau,dau,dormant,mean_daily_active,\
active_last_7_days,active_last_30_days,as_of,unknown_users,skipped_rows,funnel_source";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage")
        .join(name)
}

fn json_of(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is only the JSON")
}

/// A result file in `dir` holding `rows` under the full header.
fn result(dir: &Path, rows: &[&str]) -> PathBuf {
    let path = dir.join("result.csv");
    let mut text = format!("{HEADER}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(&path, text).expect("written");
    path
}

const EMEA: &str = "region,emea,4,3,2,1,1,0.93,2,3,2026-11-20,0,0,duckdb query on events";
const NA: &str = "region,na,4,3,1,0,1,0.18,1,3,2026-11-20,0,0,duckdb query on events";
const TOTAL: &str = "total,,8,6,3,1,2,1.11,3,6,2026-11-20,0,0,duckdb query on events";

#[test]
fn a_query_result_gives_the_funnel_dealbench_measures() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // Row order and the case of the header do not matter.
    let path = dir.path().join("result.csv");
    let text = format!("{}\n{TOTAL}\n{NA}\n{EMEA}\n", HEADER.to_uppercase());
    std::fs::write(&path, text).expect("written");
    let measured = json_of(&usage(&[
        data("boundaries.csv").to_str().expect("UTF-8"),
        "--json",
    ]));
    let read = json_of(&usage(&[
        "--from-funnel",
        path.to_str().expect("UTF-8"),
        "--json",
    ]));
    assert_eq!(read, measured);
}

#[test]
fn the_json_of_a_run_reads_back_as_the_same_funnel() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for args in [
        vec![
            data("boundaries.csv"),
            "--roster".into(),
            data("roster.csv"),
        ],
        vec![data("last_activity.csv")],
    ] {
        let mut all: Vec<&str> = args.iter().map(|p| p.to_str().expect("UTF-8")).collect();
        all.push("--json");
        let out = usage(&all);
        let measured = json_of(&out);
        let path = dir.path().join("funnel.json");
        std::fs::write(&path, &out.stdout).expect("written");
        let read = json_of(&usage(&[
            "--from-funnel",
            path.to_str().expect("UTF-8"),
            "--json",
        ]));
        assert_eq!(read, measured, "{args:?}");
    }
}

#[test]
fn the_table_and_write_name_the_warehouse() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = result(dir.path(), &[EMEA, NA, TOTAL]);
    let out = usage(&["--from-funnel", path.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Seat funnel on 2026-11-20 from"), "{table}");
    assert!(table.contains("Weekly active: 3 of 8 seats"), "{table}");

    let deal = dir.path().join("deal.toml");
    std::fs::copy(data("deal.toml"), &deal).expect("copied");
    let out = usage(&[
        "--from-funnel",
        path.to_str().expect("UTF-8"),
        "--write",
        deal.to_str().expect("UTF-8"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&deal).expect("read");
    assert!(
        written.contains("funnel_source = \"duckdb query on events, result result.csv\""),
        "{written}"
    );
    assert!(written.contains("funnel_as_of = 2026-11-20"), "{written}");
}

/// Bad result files: exit 2, and a message naming the file, the row (line)
/// and the column.
#[test]
fn bad_results_are_refused_with_the_file_row_and_column() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![EMEA.into(), EMEA.replace("emea", "EMEA"), TOTAL.into()],
            ":3:2: column 'region': the region 'EMEA' is already in the result (line 2); expected each region once",
        ),
        (
            vec![
                EMEA.replace(",4,3,2,1,1,", ",4,3,-2,1,1,"),
                NA.into(),
                TOTAL.into(),
            ],
            ":2:5: column 'wau': expected a count of 0 or more, found '-2'",
        ),
        (
            vec![
                EMEA.replace(",4,3,2,1,1,", ",4,3,4,1,1,"),
                NA.into(),
                TOTAL.into(),
            ],
            ":2:5: column 'wau': expected wau ≤ mau, found 4 > 3",
        ),
        (
            vec![
                EMEA.into(),
                NA.into(),
                TOTAL.replace(",8,6,3,1,2,", ",9,6,3,1,3,"),
            ],
            ":4:3: column 'provisioned': expected the sum of the regions, 8, found 9",
        ),
        (
            vec![EMEA.into(), NA.into()],
            "expected a total row (kind 'total'), found none",
        ),
        (
            vec![EMEA.into(), NA.into(), TOTAL.replace("1.11", "1.1")],
            ":4:8: column 'mean_daily_active': expected a mean of whole active days",
        ),
    ];
    for (rows, expected) in cases {
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let path = result(dir.path(), &rows);
        let out = usage(&["--from-funnel", path.to_str().expect("UTF-8")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("result.csv"), "{stderr}");
        assert!(
            stderr.contains(expected),
            "expected '{expected}' in:\n{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_missing_column_is_named() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("result.csv");
    std::fs::write(
        &path,
        "kind,region,provisioned,mau,dau,dormant,mean_daily_active,active_last_7_days,active_last_30_days,as_of\n\
         total,,1,1,1,0,1.00,1,1,2026-11-20\n",
    )
    .expect("written");
    let out = usage(&["--from-funnel", path.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "result.csv:1:11: expected a column 'wau', found the columns 'kind', 'region'"
        ),
        "{stderr}"
    );
}

#[test]
fn a_bad_json_result_names_the_region_and_field() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("funnel.json");
    std::fs::write(
        &path,
        r#"{ "as_of": "2026-11-20", "unknown_users": 0, "skipped_rows": 0,
  "regions": [ { "region": "emea", "provisioned": 2, "mau": 1, "wau": 2, "dau": 0,
      "dormant": 1, "mean_daily_active": "0.07", "active_last_7_days": 1,
      "active_last_30_days": 1 } ],
  "total": { "provisioned": 2, "mau": 1, "wau": 2, "dau": 0, "dormant": 1,
      "mean_daily_active": "0.07", "active_last_7_days": 1, "active_last_30_days": 1 } }"#,
    )
    .expect("written");
    let out = usage(&["--from-funnel", path.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("funnel.json: regions[0].wau: expected wau ≤ mau, found 2 > 1"),
        "{stderr}"
    );
}
