//! `dealbench pricebook` driven as a user runs it: the table, the JSON, the
//! LiteLLM import with and without `--write`, and the exit statuses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const LITELLM: &str = "tests/data/litellm/model_prices_and_context_window.json";

/// A scenario with comments everywhere, a price book of its own and an
/// offer after it.
const DEAL: &str = r#"# Acme's API deal — figures checked with finance.
schema = 1

[deal]
name = "Acme API 2027"
currency = "USD"
start = 2027-01-01

[[region]]
id = "all"
headcount = 100
provisioned = 50
mau = 40
wau = 30
dau = 20

[[workload]]
name = "support"
input_mtok = 100   # per month
output_mtok = 10
cacheable = 0.5
route = { sonnet = 1.0 }

# Our price book: the quote's figures.
[pricebook]
as_of = 2026-03-01

[pricebook.tier.enterprise]
seat_price = 55.5   # the vendor's written quote

[pricebook.model.sonnet]   # Sonnet 4.5
input = 3.00    # list
output = 16     # the quote says 16

# --- offers ---
[[offer]]
name = "Vendor quote"
by = "vendor"
seats = 50
seat_price = 60
"#;

fn dealbench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .arg("pricebook")
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn scenario(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("deal.toml");
    std::fs::write(&p, text).unwrap();
    p
}

fn litellm() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(LITELLM)
        .display()
        .to_string()
}

#[test]
fn the_builtin_book_prints_as_a_table() {
    let o = dealbench(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Price book as of 2026-02-15\n"), "{out}");
    assert!(out.contains("The built-in book; amounts in USD"), "{out}");
    assert!(out.contains("Anthropic API pricing table"), "{out}");
    assert!(out.contains("60.00 †"), "{out}");
    assert!(
        out.contains("† illustrative: the seat price is not published"),
        "{out}"
    );
    assert!(
        out.contains("opus     Opus 4.5/4.6    5.00    25.00          6.25 derived"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour in a pipe");
}

#[test]
fn json_mirrors_the_toml_keys_with_decimal_strings() {
    let dir = tempfile::tempdir().unwrap();
    let deal = DEAL.replace(
        "output = 16     # the quote says 16",
        "output = 16     # the quote says 16\ncache_read = 0.5",
    );
    let path = scenario(dir.path(), &deal);
    let o = dealbench(&[path.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["as_of"], "2026-03-01");
    assert_eq!(j["cache_write_multiplier"], "1.25");
    assert_eq!(j["cache_read_multiplier"], "0.1");
    assert_eq!(j["batch_discount_pct"], "50");
    assert_eq!(j["tier"]["team"]["seat_price"], "25");
    assert_eq!(j["tier"]["team"]["min_seats"], 5);
    assert_eq!(j["tier"]["enterprise"]["seat_price"], "55.5");
    assert_eq!(j["tier"]["enterprise"]["illustrative"], false);
    assert_eq!(j["model"]["sonnet"]["input"], "3");
    assert_eq!(j["model"]["sonnet"]["output"], "16");
    assert_eq!(j["model"]["sonnet"]["cache_write"], "3.75");
    assert_eq!(j["model"]["sonnet"]["cache_read"], "0.5");
    assert_eq!(j["model"]["opus"]["cache_read"], "0.5");
    assert_eq!(j["model"]["haiku"]["cache_write"], "1.25");
    let derived: Vec<&str> = j["derived"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(derived.contains(&"model.sonnet.cache_write"));
    assert!(!derived.contains(&"model.sonnet.cache_read"));
    assert_eq!(
        j["overridden"],
        serde_json::json!([
            "as_of",
            "model.sonnet.cache_read",
            "model.sonnet.input",
            "model.sonnet.output",
            "tier.enterprise.seat_price"
        ])
    );
    for (_, m) in j["model"].as_object().unwrap() {
        for key in ["input", "output", "cache_write", "cache_read"] {
            assert!(m[key].is_string(), "{key}: {}", m[key]);
        }
    }
}

#[test]
fn the_table_marks_what_the_scenario_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(dir.path(), DEAL);
    let o = dealbench(&[path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Price book as of 2026-03-01\n"), "{out}");
    assert!(out.contains("('Acme API 2027')"), "{out}");
    assert!(out.contains("55.50*"), "{out}");
    assert!(out.contains("3.00*    16.00*"), "{out}");
    assert!(out.contains("* set by the scenario's [pricebook]"), "{out}");
}

#[test]
fn an_import_without_write_prints_the_resulting_book() {
    let o = dealbench(&[
        "--litellm",
        LITELLM,
        "--map",
        "sonnet=claude-sonnet-4-5-20250929",
        "--map",
        "fable=claude-fable-5-1",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["model"]["sonnet"]["cache_read"], "0.3");
    assert_eq!(
        j["model"]["sonnet"]["litellm"],
        "claude-sonnet-4-5-20250929"
    );
    assert_eq!(j["model"]["fable"]["input"], "10");
    assert_eq!(j["model"]["fable"]["cache_write"], "12.5");
    assert_eq!(j["model"]["fable"]["cache_read"], "0.25");
    let err = stderr(&o);
    assert!(
        err.starts_with("warning: 'claude-fable-5-1' → 'fable': cache read 0.25 per million"),
        "{err}"
    );
}

/// The scenario after importing sonnet (updated in place) and fable (new):
/// only model lines change; every comment stays where it was.
const WRITTEN: &str = r#"# Acme's API deal — figures checked with finance.
schema = 1

[deal]
name = "Acme API 2027"
currency = "USD"
start = 2027-01-01

[[region]]
id = "all"
headcount = 100
provisioned = 50
mau = 40
wau = 30
dau = 20

[[workload]]
name = "support"
input_mtok = 100   # per month
output_mtok = 10
cacheable = 0.5
route = { sonnet = 1.0 }

# Our price book: the quote's figures.
[pricebook]
as_of = 2026-03-01

[pricebook.tier.enterprise]
seat_price = 55.5   # the vendor's written quote

[pricebook.model.sonnet]   # Sonnet 4.5
input = 3.00    # list
output = 15     # the quote says 16
cache_write = 3.75
cache_read = 0.3
litellm = "claude-sonnet-4-5-20250929"

[pricebook.model.fable]
input = 10
output = 50
cache_write = 12.5
cache_read = 1
inference_geo_us = 1.1
litellm = "claude-fable-5"

# --- offers ---
[[offer]]
name = "Vendor quote"
by = "vendor"
seats = 50
seat_price = 60
"#;

#[test]
fn write_puts_the_models_into_the_scenario_keeping_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(dir.path(), DEAL);
    let file = path.to_str().unwrap();
    let map = "sonnet=claude-sonnet-4-5-20250929,fable=claude-fable-5";
    let o = dealbench(&["--litellm", LITELLM, "--map", map, "--write", file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), WRITTEN);
    let bak = dir.path().join("deal.toml.bak");
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), DEAL);
    let out = stdout(&o);
    assert!(
        out.contains("updated [pricebook.model.sonnet] from LiteLLM 'claude-sonnet-4-5-20250929': output, cache_write, cache_read, litellm"),
        "{out}"
    );
    assert!(
        out.contains("added [pricebook.model.fable] from LiteLLM 'claude-fable-5'"),
        "{out}"
    );
    assert!(out.contains("as_of is still 2026-03-01"), "{out}");

    // The same import again changes nothing and writes nothing.
    std::fs::remove_file(&bak).unwrap();
    let again = dealbench(&["--litellm", LITELLM, "--map", map, "--write", file]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stdout(&again).contains("already holds these prices; nothing written"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), WRITTEN);
    assert!(!bak.exists());

    // The written figures are the book in force.
    let shown = dealbench(&[file, "--json"]);
    let j: Value = serde_json::from_str(&stdout(&shown)).unwrap();
    assert_eq!(j["model"]["fable"]["cache_read"], "1");
    assert_eq!(j["model"]["sonnet"]["output"], "15");
}

#[test]
fn write_with_json_prints_the_saved_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario(
        dir.path(),
        "schema = 1\n[deal]\nname = \"x\"\ncurrency = \"USD\"\nstart = 2027-01-01\n[[region]]\nid = \"a\"\nheadcount = 1\nprovisioned = 1\nmau = 1\nwau = 1\ndau = 1\n[[offer]]\nname = \"q\"\nseats = 1\n",
    );
    let file = path.to_str().unwrap();
    let o = dealbench(&[
        "--litellm",
        LITELLM,
        "--map",
        "fable=claude-fable-5",
        "--write",
        file,
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["model"]["fable"]["output"], "50");
    assert!(stderr(&o).contains("added [pricebook.model.fable]"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.ends_with("seats = 1\n\n[pricebook.model.fable]\ninput = 10\noutput = 50\ncache_write = 12.5\ncache_read = 1\ninference_geo_us = 1.1\nlitellm = \"claude-fable-5\"\n"),
        "{text}"
    );
}

#[test]
fn a_scenario_that_does_not_load_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let broken = DEAL.replace("wau = 30", "wau = 300");
    let path = scenario(dir.path(), &broken);
    let file = path.to_str().unwrap();
    let o = dealbench(&[
        "--litellm",
        LITELLM,
        "--map",
        "fable=claude-fable-5",
        "--write",
        file,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("deal.toml:"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    assert!(!dir.path().join("deal.toml.bak").exists());
    let shown = dealbench(&[file]);
    assert_eq!(shown.status.code(), Some(2));
}

#[test]
fn bad_input_exits_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let not_json = dir.path().join("prices.json");
    std::fs::write(
        &not_json,
        "{\n  \"claude\": {\"input_cost_per_token\": 3e-06,}\n}",
    )
    .unwrap();
    let missing = dir.path().join("missing.json");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "--litellm".into(),
                missing.display().to_string(),
                "--map".into(),
                "a=b".into(),
            ],
            "cannot read",
        ),
        (
            vec![
                "--litellm".into(),
                not_json.display().to_string(),
                "--map".into(),
                "a=claude".into(),
            ],
            "prices.json:2:",
        ),
        (
            vec![
                "--litellm".into(),
                litellm(),
                "--map".into(),
                "sonnet".into(),
            ],
            "expects ID=LITELLM_NAME",
        ),
        (
            vec![
                "--litellm".into(),
                litellm(),
                "--map".into(),
                "x=no-such-model,y=heroku/claude-4-sonnet".into(),
            ],
            "none of the --map entries could be imported",
        ),
        (vec!["--map".into(), "a=b".into()], "--litellm"),
        (vec!["--litellm".into(), litellm()], "--map"),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = dealbench(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}
