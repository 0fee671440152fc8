//! A shared scenario cannot drive the terminal: strings from the file (and
//! its own name) full of escape sequences, carriage returns, bells, C1
//! controls, DEL and bidi overrides go through `check`, `report`,
//! `report --json`, `pricebook` and `pricebook --json`, and through the
//! error messages of broken files, and nothing but `\n` and printable text
//! reaches stdout or stderr.
//!
//! The JSON reports keep the strings exact, written as `\uXXXX` escapes: a
//! program reading the JSON gets the file's text back.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dealbench");

/// Every kind of terminal control, as TOML escapes: CSI colour and reset,
/// carriage return, bell, a right-to-left override, NEL and a C1 CSI, DEL,
/// a left-to-right isolate, a right-to-left mark, an OSC 52 clipboard write.
const EVIL_TOML: &str = r"\u001b[31mRED\u001b[0m\r\u0007\u202Eevil\u0085\u009B2J\u007F\u2066x\u200F\u001b]52;c;aGk=\u0007";

/// The same, as the text the file holds once read.
const EVIL: &str = "\u{1b}[31mRED\u{1b}[0m\r\u{7}\u{202E}evil\u{85}\u{9B}2J\u{7F}\u{2066}x\u{200F}\u{1b}]52;c;aGk=\u{7}";

/// A valid scenario with the hostile text in every string a user writes.
fn hostile_scenario() -> String {
    let h = |label: &str| format!("\"{label} {EVIL_TOML}\"");
    format!(
        r#"schema = 1

[deal]
name = {deal}
vendor = {vendor}
currency = "USD"
start = 2027-01-01
horizon_months = 24
requires = [{sso}]

[pricebook]
note = {note}
sources = [{source}]

[pricebook.tier.enterprise]
name = {tier_name}

[pricebook.tier.{tier_id}]
name = {tier_name}
seat_price = 40

[pricebook.model.opus]
name = {model}

[[region]]
id = {region}
name = {region_name}
headcount = 100
provisioned = 80
mau = 60
wau = 50
dau = 30
requires = [{dpa}]
funnel_source = {export}

[[workload]]
name = {workload}
input_mtok = 10
output_mtok = 2

[[offer]]
name = {vendor_offer}
by = "vendor"
seats = 100
seat_price = 60
terms = [{term}]

[[offer]]
name = {our_offer}
based_on = {vendor_offer}
seats = 40
true_up = "fixed"
tier = {tier_id}

[offer.api.workload.{workload}]
batch = 0.5

[offer.regional_price]
{region} = 55

[[log]]
at = 2027-01-14T15:32:00Z
who = {who}
text = {log}
"#,
        deal = h("Deal"),
        vendor = h("Vendor"),
        sso = h("sso"),
        note = h("note"),
        source = h("source"),
        tier_name = h("Tier"),
        tier_id = h("tier"),
        model = h("Model"),
        region = h("region"),
        region_name = h("Region"),
        dpa = h("dpa"),
        export = h("export"),
        workload = h("workload"),
        vendor_offer = h("Vendor quote"),
        term = h("term"),
        our_offer = h("Ours"),
        who = h("who"),
        log = h("log"),
    )
}

/// The first character that could drive a terminal, with its context.
fn first_unsafe(text: &str) -> Option<String> {
    let bad = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    let at = text.char_indices().find(|(_, c)| bad(*c))?.0;
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let to = text[at..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |(i, _)| at + i);
    Some(format!("{:?}", &text[from..to]))
}

fn run(args: &[&Path]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// Both streams must be valid UTF-8 with nothing that drives a terminal.
fn assert_clean(what: &str, out: &Output) -> (String, String) {
    let text = |b: &[u8]| {
        String::from_utf8(b.to_vec()).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"))
    };
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    for (stream, s) in [("stdout", &stdout), ("stderr", &stderr)] {
        if let Some(ctx) = first_unsafe(s) {
            panic!("{what}: {stream} carries a terminal control near {ctx}");
        }
    }
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    (stdout, stderr)
}

/// A folder and a scenario inside it whose name is itself hostile.
fn hostile_file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir
        .path()
        .join(format!("deal{EVIL}.toml").replace('/', "_"));
    fs::write(&file, text).unwrap();
    (dir, file)
}

#[test]
fn the_hostile_scenario_is_valid() {
    let s = dealbench::scenario::parse_str("hostile.toml", &hostile_scenario())
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(s.deal.name, format!("Deal {EVIL}"));
    assert_eq!(s.offers.len(), 2);
}

#[test]
fn check_and_report_print_the_strings_defused() {
    let (_dir, file) = hostile_file(&hostile_scenario());
    for args in [
        vec![Path::new("check"), &file],
        vec![Path::new("report"), &file],
        vec![Path::new("pricebook"), &file],
    ] {
        let what = format!("{:?}", args[0]);
        let out = run(&args);
        let (stdout, _) = assert_clean(&what, &out);
        assert_eq!(out.status.code(), Some(0), "{what}: {stdout}");
        assert!(
            stdout.contains("\u{FFFD}[31mRED\u{FFFD}[0m"),
            "{what} shows the strings, defused:\n{stdout}"
        );
    }
}

#[test]
fn json_keeps_the_strings_exact_as_escapes() {
    let (_dir, file) = hostile_file(&hostile_scenario());
    let out = run(&[Path::new("report"), Path::new("--json"), &file]);
    let (stdout, _) = assert_clean("report --json", &out);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["deal"], format!("Deal {EVIL}"));
    assert_eq!(v["offers"][1]["name"], format!("Ours {EVIL}"));
    assert_eq!(
        v["funnel"]["regions"][0]["region"],
        format!("region {EVIL}")
    );

    let out = run(&[Path::new("pricebook"), Path::new("--json"), &file]);
    let (stdout, _) = assert_clean("pricebook --json", &out);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["sources"][0], format!("source {EVIL}"));
    assert_eq!(v["model"]["opus"]["name"], format!("Model {EVIL}"));
    assert!(v["tier"].get(format!("tier {EVIL}")).is_some(), "{v}");
}

/// Broken files whose messages quote hostile text: each must be refused
/// with exit 2, a clean message and nothing on stdout.
const BROKEN: &[(&str, &str)] = &[
    ("unknown key", "\"{E}\" = 1\n"),
    ("a raw escape in a comment", "# \u{1b}[2J\u{7}\n"),
    ("a raw escape in a string", "note = \"\u{1b}[2J\u{202E}\"\n"),
    ("a bare carriage return", "note = 1\r\u{1b}[2J = 2\n"),
];

/// The hostile scenario with one fault appended or swapped in.
fn broken_variants() -> Vec<(String, String)> {
    let base = hostile_scenario();
    let evil_str = format!("\"x {EVIL_TOML}\"");
    let mut out: Vec<(String, String)> = BROKEN
        .iter()
        .map(|(what, tail)| {
            (
                what.to_string(),
                format!("{}\n{}", base, tail.replace("{E}", EVIL_TOML)),
            )
        })
        .collect();
    let swaps = [
        (
            "based_on naming no offer",
            "based_on = ",
            "based_on = {S}\n#",
        ),
        ("an unknown tier", "tier = ", "tier = {S}\n#"),
        ("a bad currency", "currency = ", "currency = {S}\n#"),
        ("a log date that is a string", "at = ", "at = {S}\n#"),
        (
            "a duplicate offer",
            "[[log]]",
            "[[offer]]\nname = {V}\nseats = 1\n[[log]]",
        ),
        ("an unknown model", "batch = 0.5", "route = { {S} = 1 }"),
        (
            "an unknown region price",
            "[offer.regional_price]",
            "[offer.regional_price]\n{S} = 1",
        ),
    ];
    let vendor = format!("\"Vendor quote {EVIL_TOML}\"");
    for (what, from, to) in swaps {
        let to = to.replace("{S}", &evil_str).replace("{V}", &vendor);
        assert!(base.contains(from), "{what}");
        out.push((what.to_string(), base.replacen(from, &to, 1)));
    }
    out
}

#[test]
fn error_messages_quote_hostile_text_defused() {
    for (what, text) in broken_variants() {
        let (_dir, file) = hostile_file(&text);
        for cmd in ["check", "report", "pricebook"] {
            let out = run(&[Path::new(cmd), &file]);
            let (stdout, stderr) = assert_clean(&format!("{cmd}, {what}"), &out);
            assert_eq!(out.status.code(), Some(2), "{cmd}, {what}: {stderr}");
            assert!(stdout.is_empty(), "{cmd}, {what}: {stdout}");
            assert!(stderr.starts_with("error: "), "{cmd}, {what}: {stderr}");
        }
    }
}

#[test]
fn a_hostile_file_name_that_does_not_exist_is_reported_defused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join(format!("no{EVIL}.toml").replace('/', "_"));
    for cmd in ["check", "report", "pricebook"] {
        let out = run(&[Path::new(cmd), &missing]);
        let (_, stderr) = assert_clean(cmd, &out);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {stderr}");
        assert!(stderr.contains("cannot read"), "{cmd}: {stderr}");
    }
}

#[test]
fn invalid_utf8_next_to_escapes_is_refused_cleanly() {
    let mut bytes = hostile_scenario().into_bytes();
    bytes.extend_from_slice(b"# \x1b[2J \xff\xfe\n");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.toml");
    fs::write(&file, bytes).unwrap();
    let out = run(&[Path::new("check"), &file]);
    let (_, stderr) = assert_clean("invalid UTF-8", &out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
}

/// A LiteLLM price file with a hostile entry name and provider, mapped on
/// the command line by that name, imported into a hostile-named scenario.
#[test]
fn a_hostile_litellm_import_and_write_stay_defused() {
    let (dir, file) = hostile_file(&hostile_scenario());
    let evil_json = serde_json::to_string(&format!("claude {EVIL}")).unwrap();
    let litellm = dir
        .path()
        .join(format!("prices{EVIL}.json").replace('/', "_"));
    fs::write(
        &litellm,
        format!(
            r#"{{ {evil_json}: {{ "litellm_provider": {provider}, "input_cost_per_token": 3e-06,
                 "output_cost_per_token": 1.5e-05, "mode": "chat" }} }}"#,
            provider = serde_json::to_string(&format!("anthropic {EVIL}")).unwrap()
        ),
    )
    .unwrap();
    let map = format!("sonnet=claude {EVIL},haiku=missing {EVIL}");
    let args = |extra: &[&Path]| {
        let mut v: Vec<&Path> = vec![Path::new("pricebook"), Path::new("--litellm"), &litellm];
        v.extend([Path::new("--map"), Path::new(&map)]);
        v.extend(extra);
        run(&v)
    };
    let out = args(&[]);
    let (stdout, stderr) = assert_clean("pricebook --litellm", &out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stderr.contains("warning:"), "{stderr}");

    let out = args(&[Path::new("--write"), &file]);
    let (stdout, stderr) = assert_clean("pricebook --litellm --write", &out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    let s = dealbench::scenario::load_file(&file).unwrap();
    let sonnet = s.pricebook.models.iter().find(|(id, _)| id == "sonnet");
    assert_eq!(
        sonnet.and_then(|(_, m)| m.litellm.clone()),
        Some(format!("claude {EVIL}")),
        "the name is kept exactly in the file"
    );
    let out = run(&[Path::new("pricebook"), &file]);
    assert_clean("pricebook after the import", &out);
}

/// A scenario that is a link to an endless device is refused after 10 MB,
/// not read until memory runs out.
#[cfg(unix)]
#[test]
fn an_endless_file_is_refused_after_ten_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("deal.toml");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for cmd in ["check", "report", "pricebook"] {
        let out = run(&[Path::new(cmd), &link]);
        let (_, stderr) = assert_clean(cmd, &out);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {stderr}");
        assert!(stderr.contains("at most 10 MB"), "{cmd}: {stderr}");
    }
}

/// An activity export with hostile user ids, regions and dates, through
/// `dealbench usage` as a table, as JSON and into a hostile scenario.
#[test]
fn a_hostile_activity_export_stays_defused() {
    let (dir, file) = hostile_file(&hostile_scenario());
    let csv = dir
        .path()
        .join(format!("events{EVIL}.csv").replace('/', "_"));
    let region = format!("region {EVIL}");
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let rows = [
        format!(
            "{},{},2026-11-20",
            quoted(&format!("ann {EVIL}")),
            quoted(&region)
        ),
        format!("bob,{},2026-11-19", quoted(&region)),
        format!(
            "cat,{},{}",
            quoted(&region),
            quoted(&format!("2026-11-{EVIL}"))
        ),
    ];
    fs::write(&csv, format!("user,region,date\n{}\n", rows.join("\n"))).unwrap();
    let usage = |extra: &[&Path]| {
        let mut v: Vec<&Path> = vec![Path::new("usage"), &csv];
        v.extend(extra);
        run(&v)
    };
    let out = usage(&[]);
    let (stdout, stderr) = assert_clean("usage", &out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");

    let out = usage(&[Path::new("--json")]);
    let (stdout, stderr) = assert_clean("usage --json", &out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["regions"][0]["region"], region.as_str());

    let out = usage(&[Path::new("--write"), &file]);
    let (stdout, stderr) = assert_clean("usage --write", &out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert_clean(
        "check after usage --write",
        &run(&[Path::new("check"), &file]),
    );
}
