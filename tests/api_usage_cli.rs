//! `dealbench api-usage`: the Messages Usage Report in the shape the API
//! returns it (two pages, daily and hourly buckets, a bucket repeated on
//! both pages, a null workspace, an unknown model), every derived figure
//! against hand computation, `--write` with minimal diffs, and hostile
//! input refused with exit 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::cli::{BIN, stderr};

const SUPPORT: &str = "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ";

fn data(name: &str) -> String {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/api-usage")
        .join(name);
    p.to_str().expect("UTF-8 path").to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("api-usage")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = run(&all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is only the JSON")
}

fn workload<'a>(v: &'a Value, group: &str) -> &'a Value {
    v["workloads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["group"] == group)
        .unwrap_or_else(|| panic!("no group {group} in {v}"))
}

/// Window 2025-08-01T00:00 … 08-03T02:00 = 50 hours; a month is
/// 30.4375 / (50/24) = 14.61 windows.
///
/// Support workspace (the 08-02 bucket counted once): uncached
/// 1.0M + 0.4M + 2 × 0.1M = 1.6M; 5-minute writes 0.2M + 2 × 0.05M =
/// 0.3M; 1-hour writes 0.1M; reads 0.7M + 2 × 0.15M = 1.0M; input 3.0M;
/// output 0.3M + 0.1M + 2 × 0.05M = 0.5M. So input_mtok 3 × 14.61 =
/// 43.830; output 0.5 × 14.61 = 7.305; cacheable 1.4/3 = 0.4667;
/// cache_hit 1.0/1.4 = 0.7143; cache_1h 0.1/0.4 = 0.25; long_context (the
/// Opus bucket, 0.5M of 3.5M) = 0.1429; batch 0; route: Opus 0.4M of 3.0M
/// input = 0.1333, Sonnet the rest, 0.8667.
///
/// Default workspace (null): Haiku on batch, 0.5M in, 0.1M out: 7.305 and
/// 1.461; batch 1; list cost (7.305 × 1 + 1.461 × 5) × 0.5 = 7.305 → 7.31.
#[test]
fn two_pages_derive_every_figure_by_hand() {
    let v = json(&[&data("page-1.json"), &data("page-2.json")]);
    assert_eq!(v["window_days"], "2.0833");
    assert_eq!(v["from"], "2025-08-01T00:00:00Z");
    assert_eq!(v["to"], "2025-08-03T02:00:00Z");
    let s = workload(&v, SUPPORT);
    assert_eq!(s["name"], SUPPORT);
    for (key, want) in [
        ("input_mtok", "43.830"),
        ("output_mtok", "7.305"),
        ("cacheable", "0.4667"),
        ("cache_hit", "0.7143"),
        ("batch", "0.0000"),
        ("cache_1h", "0.2500"),
        ("long_context", "0.1429"),
        ("growth_pct", "0.00"),
    ] {
        assert_eq!(s[key], want, "{key}");
    }
    assert_eq!(s["route"]["opus"], "0.1333");
    assert_eq!(s["route"]["sonnet"], "0.8667");
    // Priced at the built-in book: computed independently with exact
    // decimals from the figures above (ordinary and long-context prices,
    // 1-hour writes at 2 × input): 251.9228847… → 251.92.
    assert_eq!(s["list_cost_per_month"], "251.92");
    let d = workload(&v, "default");
    for (key, want) in [
        ("input_mtok", "7.305"),
        ("output_mtok", "1.461"),
        ("cacheable", "0.0000"),
        ("cache_hit", "0.0000"),
        ("batch", "1.0000"),
        ("cache_1h", "0.0000"),
        ("long_context", "0.0000"),
        ("list_cost_per_month", "7.31"),
    ] {
        assert_eq!(d[key], want, "{key}");
    }
    assert_eq!(d["route"]["haiku"], "1.0000");
}

#[test]
fn page_order_does_not_matter_and_a_repeated_bucket_counts_once() {
    let a = json(&[&data("page-1.json"), &data("page-2.json")]);
    let b = json(&[&data("page-2.json"), &data("page-1.json")]);
    assert_eq!(a, b);
    let out = run(&[&data("page-1.json"), &data("page-2.json")]);
    assert!(stderr(&out).contains("1 bucket appeared in more than one page and counted once"));
}

#[test]
fn names_and_other_groupings() {
    let v = json(&[
        &data("page-1.json"),
        &data("page-2.json"),
        "--name",
        &format!("{SUPPORT}=support-assistant"),
        "--name",
        "default=batch-jobs",
    ]);
    assert_eq!(workload(&v, SUPPORT)["name"], "support-assistant");
    assert_eq!(workload(&v, "default")["name"], "batch-jobs");
    let all = json(&[
        &data("page-1.json"),
        &data("page-2.json"),
        "--group-by",
        "none",
    ]);
    let w = workload(&all, "all");
    // 3.5M in, 0.6M out over the window.
    assert_eq!(w["input_mtok"], "51.135");
    assert_eq!(w["output_mtok"], "8.766");
    let by_model = json(&[&data("page-1.json"), "--group-by", "model"]);
    assert_eq!(by_model["workloads"].as_array().unwrap().len(), 3);
    let bad = run(&[&data("page-1.json"), "--name", "wrkspc_nope=x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("names no group"), "{}", stderr(&bad));
}

#[test]
fn an_unknown_model_is_an_error_naming_every_id_and_the_fix() {
    let out = run(&[&data("unknown-model.json")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("'claude-3-7-sonnet-20250219', 'claude-instant-1.2'"),
        "{err}"
    );
    assert!(
        err.contains("--map claude-3-7-sonnet-20250219=ID --map claude-instant-1.2=ID"),
        "{err}"
    );
    let v = json(&[
        &data("unknown-model.json"),
        "--map",
        "claude-3-7-sonnet-20250219=sonnet",
        "--map",
        "claude-instant*=haiku",
    ]);
    let w = workload(&v, "default");
    assert_eq!(w["route"]["opus"], "0.3334");
    assert_eq!(w["route"]["sonnet"], "0.3333");
    assert_eq!(w["route"]["haiku"], "0.3333");
    let wrong = run(&[&data("unknown-model.json"), "--map", "claude-instant*=gpt"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("'gpt'"), "{}", stderr(&wrong));
}

/// A page with one daily bucket per day: `tokens(day)` Sonnet input.
fn daily_page(dir: &Path, days: i64, tokens: impl Fn(i64) -> u64) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let buckets: Vec<String> = (0..days)
        .map(|i| {
            let day = start + chrono::Duration::days(i);
            let next = day + chrono::Duration::days(1);
            format!(
                r#"{{"starting_at": "{day}T00:00:00Z", "ending_at": "{next}T00:00:00Z", "results": [{{"uncached_input_tokens": {}, "output_tokens": 0, "model": "claude-sonnet-4-5", "workspace_id": null, "service_tier": "standard", "context_window": "0-200k"}}]}}"#,
                tokens(i)
            )
        })
        .collect();
    let p = dir.join(format!("daily-{days}.json"));
    std::fs::write(
        &p,
        format!(
            "{{\"data\": [{}], \"has_more\": false, \"next_page\": null}}",
            buckets.join(",\n")
        ),
    )
    .unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn growth_is_fitted_over_28_days_or_more() {
    let dir = tempfile::tempdir().unwrap();
    // Doubling every 30.4375 days: 100 % a month.
    let k = 2f64.ln() / 30.4375;
    let doubling = |i: i64| (1e9 * (k * i as f64).exp()).round() as u64;
    let v = json(&[&daily_page(dir.path(), 35, doubling)]);
    assert_eq!(workload(&v, "default")["growth_pct"], "100.00");
    // 27 days: too short a window, 0.
    let short = json(&[&daily_page(dir.path(), 27, doubling)]);
    assert_eq!(workload(&short, "default")["growth_pct"], "0.00");
    // Flat for 28 days: 1e6 a day is 30.4375 Mtok a month, 0 growth.
    let flat = json(&[&daily_page(dir.path(), 28, |_| 1_000_000)]);
    let w = workload(&flat, "default");
    assert_eq!(
        (w["growth_pct"].as_str(), w["input_mtok"].as_str()),
        (Some("0.00"), Some("30.438"))
    );
}

#[test]
fn write_adds_and_updates_workloads_with_minimal_diffs() {
    let dir = tempfile::tempdir().unwrap();
    let deal = dir.path().join("deal.toml");
    std::fs::copy(data("deal.toml"), &deal).unwrap();
    let deal_s = deal.to_str().unwrap();
    let before = std::fs::read_to_string(&deal).unwrap();
    let out = run(&[
        &data("page-1.json"),
        &data("page-2.json"),
        "--name",
        &format!("{SUPPORT}=support"),
        "--write",
        deal_s,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(&deal).unwrap();
    let expected = before
        .replace(
            "input_mtok = 40       # million input tokens a month",
            "input_mtok = 43.83       # million input tokens a month",
        )
        .replace("cacheable = 0.5\n", "cacheable = 0.4667\n")
        .replace(
            "route = { opus = 0.2, sonnet = 0.8 }   # the routing we believe in",
            "route = { opus = 0.1333, sonnet = 0.8667 }   # the routing we believe in",
        )
        .replace(
            "cache_hit = 0.7\nbatch = 0\n",
            "cache_hit = 0.7143\nbatch = 0\ncache_1h = 0.25\nlong_context = 0.1429\nusage_source = \"Anthropic usage report (page-1.json, page-2.json)\"\nusage_as_of = 2025-08-03\n\n[[workload]]\nname = \"default\"\ninput_mtok = 7.305\noutput_mtok = 1.461\ncacheable = 0\ngrowth_pct = 0\nroute = { haiku = 1 }\ncache_hit = 0\nbatch = 1\ncache_1h = 0\nlong_context = 0\nusage_source = \"Anthropic usage report (page-1.json, page-2.json)\"\nusage_as_of = 2025-08-03\n",
        );
    assert_eq!(
        after, expected,
        "a new workload follows the last [[workload]]"
    );
    // The written file loads and prices; the same usage again writes nothing.
    let report = Command::new(BIN)
        .args(["report", deal_s, "--json"])
        .output()
        .unwrap();
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let again = run(&[
        &data("page-1.json"),
        &data("page-2.json"),
        "--name",
        &format!("{SUPPORT}=support"),
        "--write",
        deal_s,
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("nothing written"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&deal).unwrap(), after);
}

fn hostile(dir: &Path, name: &str, text: &str) -> Output {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    run(&[p.to_str().unwrap()])
}

fn page_with(count: &str) -> String {
    format!(
        "{{\"data\": [{{\"starting_at\": \"2025-08-01T00:00:00Z\",\n\"ending_at\": \"2025-08-02T00:00:00Z\",\n\"results\": [{{\"model\": \"claude-opus-4-6\",\n\"output_tokens\": {count}}}]}}]}}"
    )
}

#[test]
fn hostile_json_is_refused_with_exit_2_and_a_place() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, want) in [
        ("huge.json", page_with("1000000000000000000000000000000"), "whole number from 0 to 10^18"),
        ("neg.json", page_with("-12"), "the negative count '-12'"),
        ("str.json", page_with("\"12\""), "the string '12'"),
        ("frac.json", page_with("1.5"), "found '1.5'"),
        (
            "deep.json",
            format!("{{\"data\": [], \"x\": {}{}}}", "[".repeat(200_000), "]".repeat(200_000)),
            "nested more than 32 deep",
        ),
        ("notjson.json", "{\"data\": [".to_string(), "ends too early"),
        ("array.json", "[1, 2]".to_string(), "not a page of the Messages Usage Report"),
        (
            "stamp.json",
            "{\"data\": [{\"starting_at\": \"yesterday\", \"ending_at\": \"2025-08-02T00:00:00Z\"}]}".to_string(),
            "RFC 3339 timestamp",
        ),
        ("empty.json", "{\"data\": []}".to_string(), "no buckets"),
    ] {
        let out = hostile(dir.path(), name, &text);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(err.contains(name), "{name} names the file: {err}");
    }
    let out = hostile(dir.path(), "line.json", &page_with("-12"));
    assert!(stderr(&out).contains("line.json:4:20:"), "{}", stderr(&out));
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.json");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(200 * 1000 * 1000).unwrap();
    let out = run(&[p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn overlapping_buckets_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let hourly = dir.path().join("hourly.json");
    std::fs::write(
        &hourly,
        "{\"data\": [{\"starting_at\": \"2025-08-01T05:00:00Z\", \"ending_at\": \"2025-08-01T06:00:00Z\", \"results\": []}]}",
    )
    .unwrap();
    let out = run(&[&data("page-1.json"), hourly.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("overlaps"), "{}", stderr(&out));
}

/// The cost report covers 08-01 … 08-03 (daily); the usage buckets inside
/// it are the two daily ones. Price book, support: day 1 Sonnet 1.0M × 3 +
/// 0.2M × 3.75 + 0.1M × 6 (1 h) + 0.7M × 0.3 + 0.3M × 15 = 9.06; day 2
/// Opus over 200k 0.4M × 10 + 0.1M × 37.5 = 7.75; 16.81. Invoiced 906 +
/// 450 cents = 13.56: −3.25, −19.33 %. Default: Haiku batch (0.5 + 0.5) ×
/// 0.5 = 0.50 against 50 cents. Web search (10 cents) is left out.
#[test]
fn cost_puts_the_invoice_beside_the_price_book() {
    let v = json(&[
        &data("page-1.json"),
        &data("page-2.json"),
        "--cost",
        &data("cost-1.json"),
    ]);
    let c = &v["cost"];
    assert_eq!(c["from"], "2025-08-01T00:00:00Z");
    assert_eq!(c["to"], "2025-08-03T00:00:00Z");
    assert_eq!(c["not_token_costs"], "0.10");
    let rows = c["workloads"].as_array().unwrap();
    let support = rows.iter().find(|r| r["name"] == SUPPORT).unwrap();
    assert_eq!(
        (
            &support["invoiced"],
            &support["price_book"],
            &support["difference"],
            &support["difference_pct"]
        ),
        (
            &Value::from("13.56"),
            &Value::from("16.81"),
            &Value::from("-3.25"),
            &Value::from("-19.33")
        )
    );
    let default = rows.iter().find(|r| r["name"] == "default").unwrap();
    assert_eq!(default["invoiced"], "0.50");
    assert_eq!(default["price_book"], "0.50");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("cost-bad.json");
    std::fs::write(
        &bad,
        "{\"data\": [{\"starting_at\": \"2025-08-01T00:00:00Z\", \"ending_at\": \"2025-08-02T00:00:00Z\",\n\"results\": [{\"amount\": 12.5}]}]}",
    )
    .unwrap();
    let out = run(&[&data("page-1.json"), "--cost", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cost-bad.json:2:") && stderr(&out).contains("decimal string"),
        "{}",
        stderr(&out)
    );
}
