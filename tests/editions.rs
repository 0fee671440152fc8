//! Dated editions of the built-in price book (issue 21): a file without
//! `[pricebook] edition` is priced on 2026-02-15 exactly as before editions
//! existed; a file on 2026-12-03 is priced on today's list, family ids
//! naming the current version of each family; a bad edition is bad input.

use std::path::Path;
use std::process::Command;

use dealbench::engine;
use dealbench::scenario::parse_str;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dealbench"))
}

/// Every scenario, shared example (tests/data/examples holds byte-equal
/// copies of shared/examples) and fixture that loads: `report --json` is
/// byte for byte the report committed in tests/data/reports, which the
/// binary before editions existed wrote.
#[test]
fn every_file_without_an_edition_reports_byte_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in [
        "scenarios",
        "tests/data/examples",
        "tests/tricky",
        "tests/data/api-usage",
        "tests/data/usage",
    ] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        for file in files {
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            let golden = root
                .join("tests/data/reports")
                .join(format!("{}--{stem}.json", dir.replace('/', "-")));
            let expected =
                std::fs::read(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
            let out = bin()
                .args(["report", "--json"])
                .arg(&file)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", file.display());
            assert!(
                out.stdout == expected,
                "{}: report --json differs from {}",
                file.display(),
                golden.display()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 20);
}

const DEAL: &str = r#"
schema = 1

[deal]
name = "Today's prices"
currency = "USD"
start = 2027-01-01
horizon_months = 12

[[region]]
id = "na"
headcount = 10
provisioned = 10
mau = 10
wau = 10
dau = 10

[[workload]]
name = "assistant"
input_mtok = 100
output_mtok = 0
cacheable = 0.5
cache_hit = 0.8
"#;

const OFFER: &str = r#"
[[offer]]
name = "Quote"
by = "vendor"
seats = 10
seat_price = 60
"#;

fn outcome(workload_extra: &str, pricebook: &str) -> engine::Outcome {
    let text = format!("{DEAL}{workload_extra}\n{OFFER}\n{pricebook}");
    let s = parse_str("deal.toml", &text).unwrap();
    engine::evaluate(&s).unwrap().outcomes.remove(0)
}

#[test]
fn opus_5_5_cache_reads_cost_0_20_on_the_new_edition() {
    // Per month on Opus 5.5: plain 50 × 4 = 200, writes 10 × 5 = 50,
    // reads 40 × 0.20 = 8: 258; twelve months 3096. The baseline runs on
    // the edition's `opus`, Opus 5.5: 100 × 4 × 12 = 4800.
    let book = "[pricebook]\nedition = \"2026-12-03\"\n";
    for route in ["route = { opus-5-5 = 1 }", "route = { opus = 1 }"] {
        let o = outcome(route, book);
        assert_eq!(o.api_cost, d("3096"), "{route}");
        assert_eq!(o.api_baseline, d("4800"), "{route}");
    }
    // The same file without an edition: Opus 4.5/4.6 at 5, reads 0.50:
    // 250 + 62.5 + 20 = 332.5 a month.
    let old = outcome("route = { opus = 1 }", "");
    assert_eq!(old.api_cost, d("3990"));
}

#[test]
fn family_ids_name_the_current_version_and_follow_its_overrides() {
    let s = parse_str(
        "deal.toml",
        &format!(
            "{DEAL}\n{OFFER}\n[pricebook]\nedition = \"2026-12-03\"\n[pricebook.model.opus-5-5]\ninput = 3\n"
        ),
    )
    .unwrap();
    let book = &s.pricebook;
    assert_eq!(book.edition, "2026-12-03");
    for (family, version) in [
        ("fable", "fable-5-1"),
        ("opus", "opus-5-5"),
        ("sonnet", "sonnet-5-5"),
        ("haiku", "haiku-5-5"),
    ] {
        assert_eq!(book.family_version(family), Some(version));
    }
    assert_eq!(book.model("opus").unwrap().input, d("3"));
    assert_eq!(book.model("sonnet-5-5").unwrap().cache_read, Some(d("0.1")));
    assert_eq!(book.model("fable-5-1").unwrap().cache_read, Some(d("0.25")));
    for id in [
        "opus-5",
        "opus-4-8",
        "opus-4-7",
        "opus-4-6",
        "sonnet-4-6",
        "haiku-4-5",
    ] {
        assert!(book.model(id).is_some(), "{id}");
    }
}

#[test]
fn us_only_inference_costs_1_1_times_and_older_models_refuse_it() {
    let book = "[pricebook]\nedition = \"2026-12-03\"\n";
    let o = outcome("route = { opus-5-5 = 1 }\ninference_geo = \"us\"", book);
    assert_eq!(o.api_cost, d("3405.6"));
    let global = outcome("route = { opus-5-5 = 1 }\ninference_geo = \"global\"", book);
    assert_eq!(global.api_cost, d("3096"));
    let text =
        format!("{DEAL}route = {{ haiku-4-5 = 1 }}\ninference_geo = \"us\"\n{OFFER}\n{book}");
    let err = parse_str("deal.toml", &text).unwrap_err().to_string();
    assert!(err.contains("deal.toml:"), "{err}");
    assert!(
        err.contains("'haiku-4-5' sells no US-only inference"),
        "{err}"
    );
    // On the 2026-02-15 edition no model sells it.
    let old = format!("{DEAL}route = {{ opus = 1 }}\ninference_geo = \"us\"\n{OFFER}");
    assert!(parse_str("deal.toml", &old).is_err());
}

#[test]
fn an_unknown_edition_is_bad_input_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deal.toml");
    let text = format!("{DEAL}\n{OFFER}\n[pricebook]\nedition = \"2026-12-30\"\n");
    std::fs::write(&path, &text).unwrap();
    let line = text.lines().count();
    for cmd in ["check", "report"] {
        let out = bin().arg(cmd).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("deal.toml:{line}:11")),
            "{cmd}: {err}"
        );
        assert!(err.contains("'2026-12-30'"), "{err}");
        assert!(err.contains("\"2026-02-15\", \"2026-12-03\""), "{err}");
    }
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// A copy of `file` with its edition written out as 2026-02-15 (what a
/// file without one is priced on).
fn on_old_edition(dir: &Path, file: &str) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let text = dealbench::pricebook::edition::set_edition(&text, "2026-02-15").unwrap();
    let path = dir.join("deal.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn compare_shows_each_offer_of_the_demo_on_another_edition() {
    let dir = tempfile::tempdir().unwrap();
    let path = on_old_edition(dir.path(), "assets/demo.toml");
    let s = dealbench::scenario::load_file(&path).unwrap();
    let old = engine::evaluate(&s).unwrap();
    let out = bin()
        .args(["pricebook", "--json", "--compare", "2026-12-03"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["edition"], "2026-02-15");
    assert_eq!(j["compare"], "2026-12-03");
    let offers = j["offers"].as_array().unwrap();
    assert_eq!(offers.len(), old.outcomes.len());
    let moved = dealbench::pricebook::edition::set_edition(
        &std::fs::read_to_string(&path).unwrap(),
        "2026-12-03",
    )
    .unwrap();
    let new = engine::evaluate(&parse_str("deal.toml", &moved).unwrap()).unwrap();
    for ((row, a), b) in offers.iter().zip(&old.outcomes).zip(&new.outcomes) {
        assert_eq!(row["name"], a.offer.name.as_str());
        assert_eq!(row["total"], a.total.round_dp(2).to_string());
        assert_eq!(row["total_on_edition"], format!("{:.2}", b.total));
        let diff = d(row["total_on_edition"].as_str().unwrap()) - d(row["total"].as_str().unwrap());
        assert_eq!(d(row["difference"].as_str().unwrap()), diff);
        // Today's list is cheaper on the API side for every demo offer.
        assert!(b.api_cost < a.api_cost, "{}", a.offer.name);
    }
    let text = bin()
        .args(["pricebook", "--compare", "2026-12-03"])
        .arg(&path)
        .output()
        .unwrap();
    let shown = stdout(&text);
    assert!(shown.contains("total 2026-02-15"), "{shown}");
    assert!(
        shown.contains(old.outcomes[0].offer.name.as_str()),
        "{shown}"
    );
}

#[test]
fn check_and_report_say_when_a_newer_edition_exists() {
    let dir = tempfile::tempdir().unwrap();
    let path = on_old_edition(dir.path(), "scenarios/seat-sizing.toml");
    for cmd in ["check", "report"] {
        let out = bin().arg(cmd).arg(&path).output().unwrap();
        let shown = stdout(&out);
        assert!(
            shown.contains(
                "priced on the 2026-02-15 edition of the built-in price book; 2026-12-03 is newer"
            ),
            "{cmd}: {shown}"
        );
    }
    let moved = dir.path().join("moved.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &moved,
        dealbench::pricebook::edition::set_edition(&text, "2026-12-03").unwrap(),
    )
    .unwrap();
    let current = bin().arg("check").arg(&moved).output().unwrap();
    assert!(
        current.status.success(),
        "{}",
        String::from_utf8_lossy(&current.stderr)
    );
    assert!(
        !stdout(&current).contains("is newer"),
        "{}",
        stdout(&current)
    );
}

#[test]
fn moving_a_file_to_an_edition_changes_one_line_and_keeps_comments() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let before =
        std::fs::read_to_string(root.join("scenarios/northwind-every-lever.toml")).unwrap();
    let path = dir.path().join("deal.toml");
    std::fs::write(&path, &before).unwrap();
    let out = bin()
        .args(["pricebook", "--edition", "2026-12-03", "--write"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = std::fs::read_to_string(&path).unwrap();
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    let removed: Vec<&str> = before
        .lines()
        .filter(|l| !after.lines().any(|a| a == *l))
        .collect();
    assert!(removed.is_empty(), "{removed:?}");
    assert!(
        added
            .iter()
            .all(|l| l.is_empty() || *l == "[pricebook]" || *l == "edition = \"2026-12-03\""),
        "{added:?}"
    );
    assert!(added.contains(&"edition = \"2026-12-03\""));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("deal.toml.bak")).unwrap(),
        before
    );
    let s = dealbench::scenario::load_file(&path).unwrap();
    assert_eq!(s.pricebook.edition, "2026-12-03");
    // Again: nothing to do. A bad edition: bad input, the file untouched.
    let again = bin()
        .args(["pricebook", "--edition", "2026-12-03", "--write"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(stdout(&again).contains("nothing written"));
    let bad = bin()
        .args(["pricebook", "--edition", "2027-01-01", "--write"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn a_us_residency_region_warns_when_workloads_run_global_and_prices_the_move() {
    let deal = DEAL.replace("dau = 10\n", "dau = 10\nrequires = [\"us_residency\"]\n");
    let book = "[pricebook]\nedition = \"2026-12-03\"\n";
    let text = format!("{deal}route = {{ opus = 1 }}\n{OFFER}\n{book}");
    let s = parse_str("deal.toml", &text).unwrap();
    let ev = engine::evaluate(&s).unwrap();
    let o = &ev.outcomes[0];
    // US-only adds 10 % of the 3096 list: 309.60.
    let us = engine::residency::us_only(&s, &o.offer.api, 12).unwrap();
    assert_eq!(us.global, vec!["assistant".to_string()]);
    assert_eq!(us.extra, d("309.6"));
    assert!(
        o.warnings.iter().any(|w| w
            .starts_with("US residency required by na but workload assistant runs global")
            && w.contains("309.60")),
        "{:?}",
        o.warnings
    );
    // Running US-only: no warning.
    let text = format!("{deal}route = {{ opus = 1 }}\ninference_geo = \"us\"\n{OFFER}\n{book}");
    let ev = engine::evaluate(&parse_str("deal.toml", &text).unwrap()).unwrap();
    assert!(
        !ev.outcomes[0]
            .warnings
            .iter()
            .any(|w| w.contains("US residency"))
    );
    // On 2026-02-15 no model sells US-only inference: no warning, as before.
    let text = format!("{deal}route = {{ opus = 1 }}\n{OFFER}");
    let ev = engine::evaluate(&parse_str("deal.toml", &text).unwrap()).unwrap();
    assert!(
        !ev.outcomes[0]
            .warnings
            .iter()
            .any(|w| w.contains("US residency"))
    );
}

#[test]
fn an_offer_plan_may_run_us_only_and_is_refused_on_an_older_model() {
    let book = "[pricebook]\nedition = \"2026-12-03\"\n";
    let plan = "[offer.api]\ninference_geo = \"us\"\n";
    let text = format!("{DEAL}route = {{ sonnet-4-6 = 1 }}\n{OFFER}{plan}\n{book}");
    let ev = engine::evaluate(&parse_str("deal.toml", &text).unwrap()).unwrap();
    // Sonnet 4.6: plain 50 × 3 + writes 10 × 3.75 + reads 40 × 0.30 = 199.5
    // a month, × 1.1 = 219.45; twelve months 2633.40.
    assert_eq!(ev.outcomes[0].api_cost, d("2633.4"));
    let text = format!("{DEAL}route = {{ opus-4-5 = 1 }}\n{OFFER}{plan}\n{book}");
    let err = parse_str("deal.toml", &text).unwrap_err().to_string();
    assert!(
        err.contains("[offer.api] of [[offer]] 'Quote' for workload 'assistant'"),
        "{err}"
    );
    assert!(
        err.contains("'opus-4-5' sells no US-only inference"),
        "{err}"
    );
}

/// The Admin usage report's `inference_geo` dimension fills a derived
/// workload's US-only share: 1M of 4M tokens ran in the US.
#[test]
fn api_usage_measures_the_us_only_share() {
    let dir = tempfile::tempdir().unwrap();
    let page = r#"{"data": [{"starting_at": "2026-11-01T00:00:00Z", "ending_at": "2026-11-02T00:00:00Z",
      "results": [
        {"uncached_input_tokens": 800000, "output_tokens": 200000, "model": "claude-opus-4-6",
         "workspace_id": "w", "inference_geo": "us"},
        {"uncached_input_tokens": 2400000, "output_tokens": 600000, "model": "claude-opus-4-6",
         "workspace_id": "w", "inference_geo": "global"}
      ]}]}"#;
    let path = dir.path().join("page.json");
    std::fs::write(&path, page).unwrap();
    let out = bin()
        .arg("api-usage")
        .arg(&path)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Without --write the 2026-02-15 book prices it, which sells no
    // US-only inference: measured, said, and priced global.
    assert_eq!(v["workloads"][0]["inference_geo"], "0.0000", "{v}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("workload 'w': 0.2500 of its tokens ran US-only"),
        "{err}"
    );
    // Written into a file on 2026-12-03, the share stays.
    let deal = dir.path().join("deal.toml");
    let text = format!(
        "{DEAL}route = {{ opus = 1 }}
{OFFER}
[pricebook]
edition = \"2026-12-03\"\n"
    );
    std::fs::write(&deal, text).unwrap();
    let out = bin()
        .arg("api-usage")
        .arg(&path)
        .args(["--name", "w=assistant", "--write"])
        .arg(&deal)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = dealbench::scenario::load_file(&deal).unwrap();
    assert_eq!(s.workloads[0].inference_geo_us, d("0.25"));
}
