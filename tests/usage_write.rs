//! `dealbench usage --write SCENARIO`: the funnel goes into the matching
//! `[[region]]` tables in place; every other byte of the file stays; the
//! result loads; what the export cannot tell is left alone; regions that
//! do not match are reported; a result the loader would refuse is never
//! written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::cli::{BIN, path, stderr};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/usage")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).expect("readable")
}

/// A temp dir holding `events.csv` (boundaries.csv plus one user in
/// `latam`) and a copy of deal.toml (regions emea, na, apac).
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let events = dir.path().join("events.csv");
    let log = read(&data("boundaries.csv")) + "lat,latam,2026-11-20\n";
    std::fs::write(&events, log).expect("written");
    let deal = dir.path().join("deal.toml");
    std::fs::copy(data("deal.toml"), &deal).expect("copied");
    (dir, events, deal)
}

/// boundaries.csv gives emea 4/3/2/1 and na 4/3/1/0 (provisioned, mau,
/// wau, dau; see tests/usage_funnel.rs). Only those lines change, with
/// their comments; emea's funnel_source/funnel_as_of are replaced in
/// place, na gets them added after its last key.
#[test]
fn only_the_funnel_lines_change() {
    let (_dir, events, deal) = workspace();
    let before = read(&deal);
    let out = run(&["usage", path(&events), "--write", path(&deal), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("stdout is only the JSON");
    let expected = before
        .replace(
            "provisioned = 40      # seats",
            "provisioned = 4      # seats",
        )
        .replace("mau = 30\n", "mau = 3\n")
        .replace("wau = 20              # the", "wau = 2              # the")
        .replace("dau = 10\n", "dau = 1\n")
        .replace(
            "funnel_source = \"survey\"  # where",
            "funnel_source = \"usage export events.csv\"  # where",
        )
        .replace("funnel_as_of = 2026-01-01", "funnel_as_of = 2026-11-20")
        .replace(
            "provisioned = 45\nmau = 35\nwau = 25\ndau = 12\n",
            "provisioned = 4\nmau = 3\nwau = 1\ndau = 0\n\
             funnel_source = \"usage export events.csv\"\nfunnel_as_of = 2026-11-20\n",
        );
    assert_ne!(expected, before, "the replacements apply");
    assert_eq!(read(&deal), expected);
    let bak = deal.with_file_name("deal.toml.bak");
    assert_eq!(read(&bak), before, "the previous version is kept");
    let check = run(&["check", path(&deal)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let err = stderr(&out);
    for expected in [
        "wrote the funnel of 2 regions ('emea', 'na')",
        "warning: region in the data but not in the file (not written): 'latam'\n",
        "warning: region in the file but not in the data (left unchanged): 'apac'\n",
    ] {
        assert!(err.contains(expected), "missing '{expected}' in:\n{err}");
    }
}

#[test]
fn more_seat_holders_than_the_headcount_is_refused() {
    let (_dir, events, deal) = workspace();
    let small = read(&deal).replace(
        "headcount = 50        # everyone who could use it\nprovisioned = 40      # seats assigned today\nmau = 30\nwau = 20              # the working population\ndau = 10",
        "headcount = 3\nprovisioned = 3\nmau = 2\nwau = 1\ndau = 1",
    );
    std::fs::write(&deal, &small).expect("written");
    let out = run(&["usage", path(&events), "--write", path(&deal)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("region 'emea': the data has 4 seat holders but the file's headcount is 3"),
        "{err}"
    );
    assert!(err.contains("not writing"), "{err}");
    assert_eq!(read(&deal), small, "the file is untouched");
    assert!(!deal.with_file_name("deal.toml.bak").exists());
}

#[test]
fn no_matching_region_writes_nothing() {
    let (dir, _events, deal) = workspace();
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "user,region,date\nann,latam,2026-11-20\n").expect("written");
    let before = read(&deal);
    let out = run(&["usage", path(&other), "--write", path(&deal)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no [[region]] id in"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&deal), before);
}

#[test]
fn an_invalid_scenario_is_not_touched() {
    let (_dir, events, deal) = workspace();
    let broken = read(&deal).replace("schema = 1", "schema = 7");
    std::fs::write(&deal, &broken).expect("written");
    let out = run(&["usage", path(&events), "--write", path(&deal)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(read(&deal), broken);
}

const SMALL_DEAL: &str = "schema = 1\n\n[deal]\nname = \"Small\"\ncurrency = \"USD\"\nstart = 2027-01-01\n\n\
[[region]]\nid = \"emea\"\nheadcount = 10\nprovisioned = 5\nmau = 4\nwau = 2 # measured by hand\ndau = 1\n\n\
[[region]]\nid = \"na\"\nheadcount = 10\nprovisioned = 5\nmau = 4\nwau = WAU\ndau = 1\n\n\
[[offer]]\nname = \"Quote\"\nseats = 10\nseat_price = 60\n";

/// last_activity.csv gives emea 3 seats, 2 monthly; na 2 seats, 1 monthly;
/// weekly and daily are unknown, so the file's wau and dau stay.
#[test]
fn a_last_activity_export_writes_only_what_it_knows() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let deal = dir.path().join("small.toml");
    std::fs::write(&deal, SMALL_DEAL.replace("WAU", "1")).expect("written");
    let out = run(&[
        "usage",
        path(&data("last_activity.csv")),
        "--write",
        path(&deal),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = SMALL_DEAL
        .replace("WAU", "1")
        .replace(
            "provisioned = 5\nmau = 4\nwau = 2 # measured by hand\ndau = 1\n",
            "provisioned = 3\nmau = 2\nwau = 2 # measured by hand\ndau = 1\n\
             funnel_source = \"last-activity export last_activity.csv\"\nfunnel_as_of = 2026-11-20\n",
        )
        .replace(
            "provisioned = 5\nmau = 4\nwau = 1\ndau = 1\n",
            "provisioned = 2\nmau = 1\nwau = 1\ndau = 1\n\
             funnel_source = \"last-activity export last_activity.csv\"\nfunnel_as_of = 2026-11-20\n",
        );
    assert_eq!(read(&deal), expected);
    assert!(
        stderr(&out).contains("wau and dau left as the file has them"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_last_activity_export_cannot_push_monthly_below_weekly() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let deal = dir.path().join("small.toml");
    let text = SMALL_DEAL.replace("WAU", "3");
    std::fs::write(&deal, &text).expect("written");
    let out = run(&[
        "usage",
        path(&data("last_activity.csv")),
        "--write",
        path(&deal),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("region 'na': wau = 3 would exceed mau = 1"),
        "{err}"
    );
    assert!(
        err.contains("cannot tell weekly or daily activity"),
        "{err}"
    );
    assert_eq!(read(&deal), text);
}

/// `NA` and `na` in the log are one region: one row in the JSON, one
/// funnel written into the file's `na` (ids and names compare ignoring
/// case), and a note saying so — never "'na' is not in the file".
#[test]
fn region_names_that_differ_in_case_are_one_region() {
    let (dir, events, deal) = workspace();
    std::fs::write(
        &events,
        "user,region,date\nann,NA,2026-11-20\nbob,na,2026-11-19\ncy,Na,2026-10-01\n",
    )
    .expect("written");
    let out = run(&["usage", path(&events), "--write", path(&deal), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let f: serde_json::Value = serde_json::from_slice(&out.stdout).expect("only the JSON");
    let regions = f["regions"].as_array().expect("regions");
    assert_eq!(regions.len(), 1, "{regions:?}");
    assert_eq!(
        (
            &regions[0]["region"],
            &regions[0]["provisioned"],
            &regions[0]["mau"]
        ),
        (
            &serde_json::json!("NA"),
            &serde_json::json!(3),
            &serde_json::json!(2)
        )
    );
    assert!(
        read(&deal).contains("id = \"na\"\nname = \"North America\"\nheadcount = 60\nprovisioned = 3\nmau = 2\nwau = 0\ndau = 0\n"),
        "{}",
        read(&deal)
    );
    let dir = path(dir.path());
    assert_eq!(
        stderr(&out).replace(dir, "DIR"),
        "note: the regions 'NA', 'na' and 'Na' differ only in case: counted as one region, 'NA' \
         (region names are compared ignoring case)\n\
         wrote the funnel of 1 region ('na') to DIR/deal.toml as of 2026-11-20; the previous \
         version is in DIR/deal.toml.bak\n\
         warning: regions in the file but not in the data (left unchanged): 'emea', 'apac'\n"
    );
}

/// A file whose ids differ only in case would get the same seats twice.
#[test]
fn two_file_regions_matching_one_region_are_refused() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (deal, events) = (dir.path().join("small.toml"), dir.path().join("e.csv"));
    let text = SMALL_DEAL
        .replace("WAU", "1")
        .replace("id = \"emea\"", "id = \"NA\"");
    std::fs::write(&deal, &text).expect("written");
    std::fs::write(&events, "user,region,date\nann,na,2026-11-20\n").expect("written");
    let out = run(&["usage", path(&events), "--write", path(&deal)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "error: regions 'NA' and 'na' of the file both match the data's region 'na' (region \
             ids are matched ignoring case); expected one [[region]] per region — rename or \
             merge one of them\nerror: not writing"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&deal), text, "the file is untouched");
}

/// A scenario saved with CRLF line ends keeps them: the text written is
/// the LF file's, line for line, with CRLF ends.
#[test]
fn a_crlf_scenario_stays_crlf() {
    let (_dir, events, deal) = workspace();
    let lf = deal.with_file_name("lf.toml");
    std::fs::copy(&deal, &lf).expect("copied");
    let crlf = read(&deal).replace('\n', "\r\n");
    std::fs::write(&deal, &crlf).expect("written");
    for file in [&deal, &lf] {
        let out = run(&["usage", path(&events), "--write", path(file)]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let after = read(&deal);
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "every line ends CRLF"
    );
    assert_eq!(after, read(&lf).replace('\n', "\r\n"));
}
