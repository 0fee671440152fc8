//! `dealbench usage` reads what a warehouse exports — `.csv.gz`,
//! `.csv.zst`, Parquet — with the same figures as the plain CSV.
//!
//! The fixtures were made from the CSV ones: `gzip -9n`, `zstd -19`, and
//! DuckDB's `COPY … TO 'x.parquet'` (Snappy; `naive.parquet` gzip, a
//! `TIMESTAMP` without zone; `instants.parquet` a `TIMESTAMPTZ` in row
//! groups of 64 rows, beside `instants.csv`, its CSV export;
//! `sql_skipped.parquet` with nulls for the empty cells).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dealbench");

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage")
        .join(name)
}

fn funnel(file: &Path, extra: &[&str]) -> Value {
    let out = Command::new(BIN)
        .arg("usage")
        .arg(file)
        .args(extra)
        .arg("--json")
        .output()
        .expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is only the JSON")
}

#[test]
fn compressed_and_parquet_logs_give_the_csv_figures() {
    let csv = funnel(&data("boundaries.csv"), &[]);
    for name in [
        "boundaries.csv.gz",
        "boundaries.csv.zst",
        "boundaries.parquet",
    ] {
        assert_eq!(funnel(&data(name), &[]), csv, "{name}");
    }
    let roster = data("roster.csv");
    let roster = roster.to_str().expect("UTF-8");
    assert_eq!(
        funnel(&data("boundaries.parquet"), &["--roster", roster]),
        funnel(&data("boundaries.csv"), &["--roster", roster])
    );
}

#[test]
fn parquet_timestamps_follow_the_tz_rule() {
    for tz in ["UTC", "+05:00", "-09:30", "Asia/Tokyo"] {
        let flag = format!("--tz={tz}");
        assert_eq!(
            funnel(&data("instants.parquet"), &[&flag]),
            funnel(&data("instants.csv"), &[&flag]),
            "instants, {tz}"
        );
        assert_eq!(
            funnel(&data("naive.parquet"), &[&flag]),
            funnel(&data("naive.csv"), &[&flag]),
            "naive, {tz}"
        );
    }
}

/// Nulls in Parquet are empty cells: a row without a user or a date is
/// skipped as in the CSV (sql_skipped.parquet is sql_skipped.csv).
#[test]
fn parquet_nulls_are_skipped_as_empty_cells() {
    let flags = ["--as-of", "2026-11-20"];
    let parquet = funnel(&data("sql_skipped.parquet"), &flags);
    assert_eq!(parquet, funnel(&data("sql_skipped.csv"), &flags));
    assert_eq!(parquet["skipped_rows"], 3);
}

#[test]
fn a_file_named_wrongly_is_read_by_its_content() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let misnamed = dir.path().join("events.csv");
    std::fs::copy(data("boundaries.csv.gz"), &misnamed).expect("copied");
    assert_eq!(funnel(&misnamed, &[]), funnel(&data("boundaries.csv"), &[]));
}

#[test]
fn a_broken_compressed_file_is_bad_input() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let broken = dir.path().join("events.csv.gz");
    let mut bytes = std::fs::read(data("boundaries.csv.gz")).expect("read");
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&broken, bytes).expect("written");
    let out = Command::new(BIN)
        .arg("usage")
        .arg(&broken)
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("events.csv.gz"), "{stderr}");
}
