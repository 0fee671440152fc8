//! The corpus of broken scenario files (tests/broken) and of valid but
//! tricky ones (tests/tricky), run through the real `dealbench` binary.
//!
//! Every `tests/broken/NAME.toml` holds one fault and has an entry `[NAME]`
//! in `tests/broken/EXPECTED.toml`: the exit status, the `LINE:COL` the
//! diagnostic points at and fragments its message must hold. `check` must
//! exit with that status, print nothing on stdout, and print on stderr
//! `error: PATH:LINE:COL: MESSAGE` with no panic and no escape character.
//! Every file needs an entry and every entry a file.
//!
//! Every `tests/tricky/*.toml` must load (exit 0) with `check`, `report` and
//! `report --json`; a few are also compared field by field with
//! `tests/tricky/plain.toml` or with the values they spell out.
//!
//! A case that fails is reported with everything the binary said, and all
//! failures are listed together, so one run shows the whole picture.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use dealbench::scenario::Scenario;
use dealbench::scenario::load::parse_bytes;
use rust_decimal::Decimal;
use serde::Deserialize;

const BIN: &str = env!("CARGO_BIN_EXE_dealbench");

/// One entry of tests/broken/EXPECTED.toml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    status: i32,
    at: String,
    expect: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    errors: Option<usize>,
}

/// One `error: PATH:LINE:COL: MESSAGE` line of stderr.
#[derive(Debug)]
struct Reported {
    line: usize,
    column: usize,
    message: String,
}

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

/// The scenario files of `dir`, by stem, in name order.
fn toml_files(dir: &Path, skip: &[&str]) -> BTreeMap<String, PathBuf> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut out = BTreeMap::new();
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if let Some(stem) = name.strip_suffix(".toml")
            && !skip.contains(&name.as_str())
        {
            out.insert(stem.to_string(), path);
        }
    }
    out
}

fn expectations() -> BTreeMap<String, Expectation> {
    let path = dir("broken").join("EXPECTED.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{} is malformed: {e}", path.display()))
}

fn run(args: &[&str], file: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg(file)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

fn show(out: &Output) -> String {
    format!(
        "  exit status: {:?}\n  stdout: {:?}\n  stderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .map(|l| format!("    | {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// The diagnostics of stderr: every line `error: PATH:LINE:COL: MESSAGE`.
fn diagnostics(stderr: &str, path: &str) -> Vec<Reported> {
    let prefix = format!("error: {path}:");
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter_map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next()?.parse().ok()?;
            let column = parts.next()?.parse().ok()?;
            let message = parts.next()?.strip_prefix(' ')?.to_string();
            Some(Reported {
                line,
                column,
                message,
            })
        })
        .collect()
}

/// What is wrong with one run of a broken file, if anything: the checks that
/// hold for every command (status, empty stdout, clean stderr, the prefix).
fn common_faults(out: &Output, path: &str, status: i32) -> Vec<String> {
    let mut faults = Vec::new();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() != Some(status) {
        faults.push(format!(
            "exit status {:?}, expected {status}",
            out.status.code()
        ));
    }
    if !out.stdout.is_empty() {
        faults.push("stdout is not empty".into());
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        faults.push("stderr holds a panic".into());
    }
    if out.stderr.contains(&0x1b) {
        faults.push("stderr holds an escape character (0x1b)".into());
    }
    if std::str::from_utf8(&out.stderr).is_err() {
        faults.push("stderr is not valid UTF-8".into());
    }
    let prefix = format!("error: {path}:");
    if !stderr.starts_with(&prefix) {
        faults.push(format!("stderr does not start with '{prefix}LINE:COL: '"));
    }
    faults
}

#[test]
fn every_broken_file_has_an_expectation_and_every_expectation_a_file() {
    let files = toml_files(&dir("broken"), &["EXPECTED.toml"]);
    let expected = expectations();
    let no_entry: Vec<&String> = files
        .keys()
        .filter(|f| !expected.contains_key(*f))
        .collect();
    let no_file: Vec<&String> = expected
        .keys()
        .filter(|e| !files.contains_key(*e))
        .collect();
    assert!(
        no_entry.is_empty() && no_file.is_empty(),
        "tests/broken and tests/broken/EXPECTED.toml disagree:\n  files without an entry: {no_entry:?}\n  entries without a file: {no_file:?}"
    );
    assert!(
        files.len() >= 45,
        "the corpus should hold at least 45 broken files, found {}",
        files.len()
    );
}

#[test]
fn check_reports_every_broken_file_where_and_as_expected() {
    let files = toml_files(&dir("broken"), &["EXPECTED.toml"]);
    let expected = expectations();
    let mut failures = Vec::new();
    for (stem, file) in &files {
        let Some(exp) = expected.get(stem) else {
            failures.push(format!("{stem}.toml: no entry in EXPECTED.toml"));
            continue;
        };
        let path = file.display().to_string();
        let out = run(&["check"], file);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut faults = common_faults(&out, &path, exp.status);

        let (line, column) = exp
            .at
            .split_once(':')
            .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
            .unwrap_or_else(|| panic!("EXPECTED.toml [{stem}]: `at` must be \"LINE:COL\""));
        let found = diagnostics(&stderr, &path);
        match found.iter().find(|d| d.line == line && d.column == column) {
            None => faults.push(format!("no diagnostic at {line}:{column}")),
            Some(d) => {
                for frag in &exp.expect {
                    if !d.message.contains(frag.as_str()) {
                        faults.push(format!("the message at {line}:{column} lacks '{frag}'"));
                    }
                }
                for frag in &exp.absent {
                    if d.message.contains(frag.as_str()) {
                        faults.push(format!(
                            "the message at {line}:{column} should not hold '{frag}'"
                        ));
                    }
                }
            }
        }
        let errors = exp.errors.unwrap_or(1);
        if found.len() != errors {
            faults.push(format!("{} diagnostics, expected {errors}", found.len()));
        }
        if !faults.is_empty() {
            failures.push(format!(
                "{stem}.toml — expected {}:{} with {:?}:\n  - {}\n{}",
                line,
                column,
                exp.expect,
                faults.join("\n  - "),
                show(&out)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} broken files are not reported as expected:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

/// `report` and `report --json` refuse bad input exactly as `check` does.
#[test]
fn report_refuses_broken_files_like_check() {
    const SAMPLE: &[&str] = &[
        "invalid-utf8",
        "toml-unclosed-string",
        "nesting-too-deep",
        "schema-2",
        "deal-missing",
        "type-float-seats",
        "unknown-field-offer",
        "funnel-dau-above-wau",
        "route-offer-api-shares-sum-below-one",
        "based-on-cycle-two",
        "offer-duplicate-name",
        "workload-growth-overflow",
        "nan-seat-price",
        "enum-by-escape-sequence",
    ];
    let files = toml_files(&dir("broken"), &["EXPECTED.toml"]);
    let expected = expectations();
    let mut failures = Vec::new();
    for stem in SAMPLE {
        let file = files.get(*stem).unwrap_or_else(|| {
            panic!("the sample names {stem}.toml, which is not in tests/broken")
        });
        let path = file.display().to_string();
        let status = expected.get(*stem).map_or(2, |e| e.status);
        let check = run(&["check"], file);
        for args in [&["report"][..], &["report", "--json"][..]] {
            let out = run(args, file);
            let mut faults = common_faults(&out, &path, status);
            let first = |o: &Output| {
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            };
            if first(&out) != first(&check) {
                faults.push(format!(
                    "first line differs from `check`'s: {:?}",
                    first(&check)
                ));
            }
            if !faults.is_empty() {
                failures.push(format!(
                    "dealbench {} {stem}.toml:\n  - {}\n{}",
                    args.join(" "),
                    faults.join("\n  - "),
                    show(&out)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A file over the 10 MB limit is refused before it is parsed.
#[test]
fn an_oversized_file_is_refused_at_line_one() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let file = tmp.path().join("huge.toml");
    let mut text = String::from("schema = 1\n");
    let filler = format!("# {}\n", "x".repeat(1022));
    while text.len() <= 10 * 1024 * 1024 {
        text.push_str(&filler);
    }
    std::fs::write(&file, &text).expect("write the oversized file");
    let path = file.display().to_string();
    let out = run(&["check"], &file);
    let faults = common_faults(&out, &path, 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(faults.is_empty(), "{faults:?}\n{}", show(&out));
    let found = diagnostics(&stderr, &path);
    assert!(
        found.len() == 1
            && found[0].line == 1
            && found[0].column == 1
            && found[0].message.contains("at most"),
        "expected one diagnostic at 1:1 about the size limit\n{}",
        show(&out)
    );
}

// --- valid but tricky files -------------------------------------------------

#[test]
fn every_tricky_file_loads() {
    let files = toml_files(&dir("tricky"), &[]);
    assert!(
        files.len() >= 8,
        "tests/tricky holds only {} files",
        files.len()
    );
    let mut failures = Vec::new();
    for (stem, file) in &files {
        for args in [&["check"][..], &["report"][..], &["report", "--json"][..]] {
            let out = run(args, file);
            let mut faults = Vec::new();
            if out.status.code() != Some(0) {
                faults.push(format!("exit status {:?}, expected 0", out.status.code()));
            }
            if !out.stderr.is_empty() {
                faults.push("stderr is not empty".into());
            }
            if out.stdout.contains(&0x1b) || out.stdout.contains(&0x07) {
                faults.push("stdout holds a terminal control character".into());
            }
            if args == ["report", "--json"] {
                match serde_json::from_slice::<serde_json::Value>(&out.stdout) {
                    Ok(v) if v["offers"].as_array().is_some_and(|o| !o.is_empty()) => {}
                    Ok(_) => faults.push("the JSON report has no offers".into()),
                    Err(e) => faults.push(format!("stdout is not JSON: {e}")),
                }
            }
            if !faults.is_empty() {
                failures.push(format!(
                    "dealbench {} {stem}.toml:\n  - {}\n{}",
                    args.join(" "),
                    faults.join("\n  - "),
                    show(&out)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn parse(stem: &str) -> Scenario {
    let file = dir("tricky").join(format!("{stem}.toml"));
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    parse_bytes(&format!("{stem}.toml"), &bytes)
        .unwrap_or_else(|d| panic!("{stem}.toml does not load:\n{d}"))
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("a decimal literal")
}

/// A BOM, CRLF line ends or a missing final newline change nothing.
#[test]
fn bom_crlf_and_final_newline_read_the_same_as_plain() {
    let plain = parse("plain");
    for stem in ["bom", "crlf", "bom-crlf", "no-final-newline"] {
        let s = parse(stem);
        assert_eq!(s.deal, plain.deal, "{stem}: [deal]");
        assert_eq!(s.fx, plain.fx, "{stem}: [fx]");
        assert_eq!(s.regions, plain.regions, "{stem}: [[region]]");
        assert_eq!(s.workloads, plain.workloads, "{stem}: [[workload]]");
        assert_eq!(
            s.resolved_offers(),
            plain.resolved_offers(),
            "{stem}: [[offer]]"
        );
        assert_eq!(s.pricebook, plain.pricebook, "{stem}: [pricebook]");
    }
}

#[test]
fn numbers_read_exactly_in_every_toml_spelling() {
    let s = parse("number-formats");
    assert_eq!(s.deal.horizon_months, Some(24));
    assert_eq!(s.deal.buffer_pct, dec("15"));
    assert_eq!(s.deal.renewal_uplift_pct, dec("7"));
    assert_eq!(s.deal.target_total, Some(dec("1500000.50")));
    assert_eq!(
        s.fx,
        vec![("EUR".into(), dec("0.92")), ("JPY".into(), dec("154"))]
    );
    let r = &s.regions[0];
    assert_eq!(
        (
            r.headcount,
            r.provisioned,
            r.mau,
            r.wau,
            r.dau,
            r.target_wau,
            r.ramp_months
        ),
        (2000, 1000, 550, 550, 300, 1000, 12)
    );
    let w = &s.workloads[0];
    assert_eq!(w.input_mtok, dec("1000"));
    assert_eq!(w.output_mtok, dec("120"));
    assert_eq!(w.cacheable, dec("0.7"));
    assert_eq!(w.growth_pct, dec("-0.5"));
    assert_eq!(
        w.route,
        vec![
            ("opus".into(), dec("0.25")),
            ("sonnet".into(), dec("0.5")),
            ("haiku".into(), dec("0.25"))
        ]
    );
    let o = &s.resolved_offers()[0];
    assert_eq!(o.seats, Some(dealbench::scenario::SeatPlan::Fixed(1000)));
    assert_eq!(o.seat_price, dec("60"));
    assert_eq!(o.uplift_pct, dec("7"));
    assert_eq!(o.true_up_rate_pct, dec("100"));
    assert_eq!(o.api_commit, dec("12000"));
}

#[test]
fn unicode_names_survive_loading() {
    let s = parse("unicode-names");
    assert_eq!(s.deal.name, "Ünïcödé — Claude Enterprise 2027 🚀");
    assert_eq!(s.regions[0].id, "日本");
    assert_eq!(s.regions[0].currency, "JPY");
    assert_eq!(s.workloads[0].name, "サポート");
    let offers = s.resolved_offers();
    assert_eq!(offers[1].name, "Gegenangebot — « 70 »");
    assert_eq!(
        offers[1].based_on.as_deref(),
        Some("Angebot des Anbieters ✓")
    );
    assert_eq!(
        offers[1].regional_price,
        vec![("日本".into(), dec("9200")), ("zürich".into(), dec("52"))]
    );
    assert_eq!(offers[1].api.workloads[0].0, "サポート");
}

#[test]
fn inline_tables_and_dotted_keys_read_like_standard_tables() {
    let s = parse("inline-and-dotted");
    assert_eq!(s.deal.name, "Inline tables and dotted keys");
    assert_eq!(s.fx, vec![("EUR".into(), dec("0.92"))]);
    assert_eq!(s.regions.len(), 2);
    assert_eq!(s.regions[1].currency, "EUR");
    assert_eq!(s.workloads[0].route, vec![("opus".into(), Decimal::ONE)]);
    assert_eq!(s.log.len(), 2);
    let offers = s.resolved_offers();
    assert_eq!(
        offers[0].seat_price,
        dec("58"),
        "the price-book override applies"
    );
    assert_eq!(offers[0].regional_price, vec![("emea".into(), dec("54"))]);
    assert_eq!(offers[0].api.all.cache_hit, Some(dec("0.5")));
    assert_eq!(offers[1].api.all.batch, Some(dec("0.2")));
    assert!(matches!(
        offers[1].seats,
        Some(dealbench::scenario::SeatPlan::Ramp(ref steps)) if steps.len() == 2
    ));
}

#[test]
fn strings_read_as_toml_defines_them() {
    let s = parse("strings-and-escapes");
    assert_eq!(s.deal.name, r#"Literal \ string with "quotes""#);
    assert_eq!(s.regions[0].name, "Multi-line basic string folded");
    assert_eq!(
        s.resolved_offers()[0].terms,
        vec!["sso".to_string(), r#"custom: "quoted" term"#.to_string()]
    );
}
