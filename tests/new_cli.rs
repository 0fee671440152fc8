//! `dealbench new` headless, through the real binary: the file it writes
//! loads (`check` clean), `report` prices it, every field carries its
//! comment; an existing file is refused without `--force`; bad flag values
//! are bad input (exit status 2) naming the flag; funnels measured from a
//! usage export and workloads from the API usage report.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dealbench");

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn data(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
        .display()
        .to_string()
}

const ACME: &[&str] = &[
    "new",
    "acme.toml",
    "--name",
    "Acme — Claude Enterprise 2027",
    "--start",
    "2027-01-01",
    "--region",
    "North America:1200:600:420:330:180",
    "--region",
    "EMEA:800:400:300:200:100",
    "--vendor-seats",
    "1,000",
    "--vendor-price",
    "55",
    "--term",
    "24",
    "--uplift",
    "7",
];

fn json(dir: &Path, file: &str) -> serde_json::Value {
    let out = run(dir, &["report", file, "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn writes_a_commented_file_that_loads_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), ACME);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("counter-offer of 610 seats (530 weekly active + 15 %)"),
        "{said}"
    );
    let file = std::fs::read_to_string(dir.path().join("acme.toml")).unwrap();
    // Every field line carries its comment.
    for line in file.lines().filter(|l| l.contains(" = ")) {
        assert!(line.contains(" # "), "no comment: {line}");
    }
    assert!(file.contains("edition = \"2026-12-03\""), "{file}");
    let check = run(dir.path(), &["check", "acme.toml"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("valid scenario"));
    assert!(
        !text(&check.stdout).contains("note: priced on"),
        "the newest edition"
    );
    let report = json(dir.path(), "acme.toml");
    assert_eq!(report["reference"], "Vendor quote");
    assert_eq!(report["horizon_months"], 24);
    let offers = report["offers"].as_array().unwrap();
    // 1,000 seats × 12 × 55 + 1,000 × 12 × 58.85; the counter at 610 seats.
    assert_eq!(offers[0]["total"], "1366200.00");
    assert_eq!(offers[1]["name"], "Counter-offer");
    assert_eq!(offers[1]["total"], "833382.00");
    assert_eq!(offers[1]["savings_pct"], "39.00");
}

#[test]
fn an_existing_file_is_refused_without_force_and_kept_as_bak_with_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acme.toml"), "mine").unwrap();
    let out = run(dir.path(), ACME);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("'acme.toml' exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.toml")).unwrap(),
        "mine"
    );
    let mut forced = ACME.to_vec();
    forced.push("--force");
    let out = run(dir.path(), &forced);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.toml.bak")).unwrap(),
        "mine"
    );
}

#[test]
fn without_a_file_it_writes_scenario_toml_here() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = ACME.to_vec();
    args.remove(1);
    let out = run(dir.path(), &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("scenario.toml").exists());
    let again = run(dir.path(), &args);
    assert_eq!(again.status.code(), Some(2), "never over an existing one");
}

#[test]
fn bad_flag_values_are_bad_input_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &str)] = &[
        (
            "--vendor-seats",
            "many",
            "--vendor-seats: expected a whole number from 1 to 10000000, found 'many'",
        ),
        (
            "--vendor-price",
            "€55",
            "--vendor-price: expected a number (in USD where it is money), found '€55'",
        ),
        (
            "--term",
            "0",
            "--term: expected a number of months from 1 to 600, found '0'",
        ),
        (
            "--uplift",
            "120",
            "--uplift: expected a number of percent from 0 to 100, found '120'",
        ),
        (
            "--api-commit",
            "10.005",
            "--api-commit: expected an amount in cents",
        ),
        (
            "--start",
            "2027-13-01",
            "--start: expected a date such as 2027-01-01, found '2027-13-01'",
        ),
        (
            "--currency",
            "dollar",
            "--currency: expected an ISO 4217 code",
        ),
        (
            "--region",
            "EMEA:800:400:500:200:100",
            "--region: funnel of 'EMEA' out of order: expected monthly active ≤ provisioned (400), found '500'",
        ),
        (
            "--region",
            "EMEA",
            "--region: expected NAME:HEADCOUNT or NAME:HEADCOUNT:PROVISIONED:MONTHLY:WEEKLY:DAILY, found 'EMEA'",
        ),
    ];
    for (flag, value, expected) in cases {
        // The flag's value replaced (a --region is added to the others).
        let mut args: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < ACME.len() {
            if ACME[i] == *flag && *flag != "--region" {
                i += 2;
                continue;
            }
            args.push(ACME[i]);
            i += 1;
        }
        args.extend([*flag, *value]);
        let out = run(dir.path(), &args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
        assert!(err.contains(expected), "{flag} {value}:\n{err}");
        assert!(!dir.path().join("acme.toml").exists(), "nothing written");
    }
}

#[test]
fn without_a_terminal_it_names_the_flags_still_needed() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["new", "x.toml", "--name", "Acme"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("--region (or --from-usage), --vendor-seats"),
        "{err}"
    );
    let out = run(
        dir.path(),
        &[
            "new",
            "x.toml",
            "--name",
            "Acme",
            "--region",
            "na:10",
            "--vendor-seats",
            "5",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("region 'na' has a headcount but no funnel"));
}

#[test]
fn funnels_from_a_usage_export_and_workloads_from_the_api_usage_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "new",
            "u.toml",
            "--name",
            "Measured",
            "--from-usage",
            &data("usage/boundaries.csv"),
            "--region",
            "EMEA:500",
            "--vendor-seats",
            "50",
            "--from-api-usage",
            &data("api-usage/page-1.json"),
            "--from-api-usage",
            &data("api-usage/page-2.json"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = std::fs::read_to_string(dir.path().join("u.toml")).unwrap();
    assert!(
        file.contains("funnel_source = \"usage export boundaries.csv\""),
        "{file}"
    );
    assert!(file.contains("headcount = 500"), "the flag's headcount");
    assert!(file.contains("not given: the provisioned seats"), "{file}");
    assert!(file.contains("usage_source = \"Anthropic usage report (page-1.json, page-2.json)\""));
    let check = run(dir.path(), &["check", "u.toml"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("(2 regions, 2 workloads, 2 offers)"));
    // The same figures as `dealbench usage` measures.
    let usage = run(
        dir.path(),
        &["usage", &data("usage/boundaries.csv"), "--json"],
    );
    let measured: serde_json::Value = serde_json::from_slice(&usage.stdout).unwrap();
    let wau = measured["total"]["wau"].as_u64().unwrap();
    let seats = (wau * 115).div_ceil(100);
    assert!(file.contains(&format!("seats = {seats}")), "{file}");
    // The §5 JSON reads the same.
    std::fs::write(dir.path().join("funnel.json"), &usage.stdout).unwrap();
    let again = run(
        dir.path(),
        &[
            "new",
            "j.toml",
            "--name",
            "Measured",
            "--from-usage",
            "funnel.json",
            "--vendor-seats",
            "50",
        ],
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    let j = std::fs::read_to_string(dir.path().join("j.toml")).unwrap();
    assert!(j.contains(&format!("seats = {seats}")), "{j}");
}

#[test]
fn a_last_activity_export_needs_weekly_and_daily_typed() {
    let dir = tempfile::tempdir().unwrap();
    let args = |extra: &[&str]| {
        let mut a = vec![
            "new".to_string(),
            "l.toml".into(),
            "--name".into(),
            "L".into(),
            "--from-usage".into(),
            data("usage/last_activity.csv"),
            "--vendor-seats".into(),
            "5".into(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let a = args(&[]);
    let out = run(
        dir.path(),
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("gives each user's last activity only") && err.contains("--region"),
        "{err}"
    );
}

#[test]
fn a_region_not_in_the_export_needs_its_funnel() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "new",
            "x.toml",
            "--name",
            "X",
            "--from-usage",
            &data("usage/boundaries.csv"),
            "--region",
            "apac:100",
            "--vendor-seats",
            "5",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("region 'apac' is not in"), "{err}");
    assert!(err.contains("'emea'"), "names the export's regions: {err}");
}
