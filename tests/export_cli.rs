//! `dealbench export`: the Markdown brief carries the figures and escapes
//! what comes from the file; the CSV has one row per offer and month, plain
//! numbers and no formula a spreadsheet would run; the JSON export is the
//! report plus schedules that add up to each total. The negotiation log
//! is in the brief and the JSON export, oldest first, and a hostile line
//! typed on a call cannot break the brief.

use std::path::Path;
use std::process::{Command, Output};

use rust_decimal::Decimal;
use serde_json::Value;

fn export(file: &Path, format: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .arg("export")
        .arg(file)
        .args(["--format", format])
        .args(extra)
        .output()
        .unwrap()
}

fn ok_stdout(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const DEMO: &str = "assets/demo.toml";

/// Offers whose names try to break Markdown, a terminal and a spreadsheet.
const HOSTILE: &str = r#"schema = 1
[deal]
name = "Hostile | names"
currency = "USD"
start = 2027-01-01
horizon_months = 14

[[region]]
id = "r"
headcount = 100
provisioned = 60
mau = 50
wau = 40
dau = 10

[[offer]]
name = "=HYPERLINK(\"http://evil.example\",\"click\")"
by = "vendor"
seats = 80
seat_price = 60

[[offer]]
name = "-1+2"
seats = 46
seat_price = 55

[[offer]]
name = "@SUM(A1) | <b>x</b>\nnext \u001b[31mred"
seats = 50
seat_price = 50
"#;

fn hostile_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let p = dir.path().join("hostile.toml");
    std::fs::write(&p, HOSTILE).unwrap();
    p
}

#[test]
fn the_brief_carries_the_figures_a_negotiator_walks_in_with() {
    let md = ok_stdout(export(Path::new(DEMO), "md", &[]));
    for needle in [
        "# Negotiation brief: Northwind Logistics — Claude 2027",
        // Σ weekly active 610 + 240 + 0; ⌈850 × 1.15⌉ = 978.
        "**850 weekly active users**",
        "A fair commit is **978 seats**",
        "| **Total** | **$8,724,000.21** | **$4,453,213.07** |",
        "## Break-even seat price",
        "| Usage-sized, capped | $4,453,213.07 | $16.14 | $60.00 |",
        "### Vendor quote → Usage-sized, capped",
        "## Stress",
        "## Missing terms",
        "## Talking points",
        // 2,500 − ⌈1,580 × 1.15⌉ = 683 seats above the buffered peak.
        "The vendor's 2,500 seats are 683 above what peak usage needs with a 15 % buffer (1,817)",
        "'Vendor quote' costs no more than 'Usage-sized, capped' only at $16.14 a seat",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
}

#[test]
fn talking_points_follow_the_figures() {
    // Seat sizing: one year, no uplift, no API, no stress exposure for the
    // vendor, no targets: none of those points may appear.
    let md = ok_stdout(export(Path::new("scenarios/seat-sizing.toml"), "md", &[]));
    let points = md.split("## Talking points").nth(1).unwrap();
    assert!(
        points.contains("The vendor's 1,000 seats are 367 above"),
        "{points}"
    );
    assert!(points.contains("only at $39.00 a seat"), "{points}");
    for absent in ["uplift", "API", "walk-away", "target", "lacks"] {
        assert!(!points.contains(absent), "{absent:?} in {points}");
    }
}

#[test]
fn the_brief_escapes_names_and_strips_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let md = ok_stdout(export(&hostile_file(&dir), "md", &[]));
    assert!(!md.contains('\u{1b}'));
    assert!(md.contains(r"@SUM(A1) \| \<b\>x\</b\> next"), "{md}");
    assert!(md.contains("# Negotiation brief: Hostile \\| names"));
    // Every row of the offers table has as many cells as its header.
    let table: Vec<&str> = md
        .split("## Offers side by side")
        .nth(1)
        .unwrap()
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    let cells = |l: &str| l.replace(r"\|", "").matches('|').count();
    assert!(
        table.iter().all(|l| cells(l) == cells(table[0])),
        "{table:?}"
    );
}

#[test]
fn csv_has_one_row_per_offer_and_month_in_plain_numbers() {
    let csv_text = ok_stdout(export(Path::new(DEMO), "csv", &[]));
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let head = rdr.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    // 4 offers × 36 months.
    assert_eq!(rows.len(), 4 * 36);
    assert_eq!(&rows[0][col("date")], "2027-01");
    assert_eq!(&rows[35][col("date")], "2029-12");
    assert_eq!(&rows[36][col("offer")], "Usage-sized, capped");
    for r in &rows {
        for name in ["seat_price", "seat_cost", "api_cost", "total"] {
            let cell = &r[col(name)];
            assert!(!cell.contains(','), "{cell}");
            let n: Decimal = cell.parse().unwrap();
            assert_eq!(n.scale(), 2, "{name} {cell}");
        }
        r[col("commit")].parse::<u64>().unwrap();
    }
    // The months of each offer add up to its report total.
    let report = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["report", "--json", DEMO])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&report.stdout).unwrap();
    for o in v["offers"].as_array().unwrap() {
        let name = o["name"].as_str().unwrap();
        let sum: Decimal = rows
            .iter()
            .filter(|r| &r[col("offer")] == name)
            .map(|r| r[col("total")].parse::<Decimal>().unwrap())
            .sum();
        assert_eq!(
            sum,
            o["total"].as_str().unwrap().parse::<Decimal>().unwrap()
        );
    }
}

#[test]
fn csv_neutralises_formulas_in_text_cells() {
    let dir = tempfile::tempdir().unwrap();
    let csv_text = ok_stdout(export(&hostile_file(&dir), "csv", &[]));
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let names: Vec<String> = rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
    // 3 offers × 14 months.
    assert_eq!(names.len(), 3 * 14);
    assert_eq!(names[0], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(names[14], "'-1+2");
    assert!(names[28].starts_with("'@SUM(A1)"));
    for n in &names {
        assert!(!n.starts_with(['=', '+', '-', '@', '\t', '\r']), "{n}");
    }
}

#[test]
fn json_export_is_the_report_plus_schedules_drivers_and_stress() {
    let v: Value = serde_json::from_str(&ok_stdout(export(Path::new(DEMO), "json", &[]))).unwrap();
    for key in [
        "deal",
        "currency",
        "horizon_months",
        "reference",
        "offers",
        "funnel",
    ] {
        assert!(!v[key].is_null(), "{key}");
    }
    let offers = v["offers"].as_array().unwrap();
    let schedules = v["schedules"].as_array().unwrap();
    assert_eq!(schedules.len(), offers.len());
    for (o, s) in offers.iter().zip(schedules) {
        assert_eq!(s["offer"], o["name"]);
        let months = s["months"].as_array().unwrap();
        assert_eq!(months.len(), 36);
        let sum: Decimal = months
            .iter()
            .map(|m| m["total"].as_str().unwrap().parse::<Decimal>().unwrap())
            .sum();
        assert_eq!(
            sum,
            o["total"].as_str().unwrap().parse::<Decimal>().unwrap()
        );
        assert!(o["stress"]["spike"]["exposure"].is_string());
        assert!(o.get("drivers").is_some());
    }
    assert_eq!(v["break_even"][0]["seat_price"], "16.14");
    assert!(!v["talking_points"].as_array().unwrap().is_empty());
}

#[test]
fn output_is_written_atomically_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    let out = export(Path::new(DEMO), "md", &["--output", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, ok_stdout(export(Path::new(DEMO), "md", &[])));
    let bad = export(Path::new(DEMO), "xlsx", &[]);
    assert_eq!(bad.status.code(), Some(2));
    let nowhere = dir.path().join("missing-dir").join("x.csv");
    let failed = export(
        Path::new(DEMO),
        "csv",
        &["--output", nowhere.to_str().unwrap()],
    );
    assert_eq!(failed.status.code(), Some(1));
}

#[test]
fn nothing_from_the_file_can_drive_the_terminal() {
    // ESC sequences, a bell, a right-to-left override and a C1 CSI in a name.
    let evil = r"\u001b[31mRED\u001b[0m\u0007\u202Eevil\u009B2J";
    let src = HOSTILE.replace("name = \"-1+2\"", &format!("name = \"-1+2 {evil}\""));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.toml");
    std::fs::write(&path, src).unwrap();
    let clean = |what: &str, bytes: &[u8]| {
        let t = String::from_utf8(bytes.to_vec()).unwrap();
        let bad: Vec<char> = t
            .chars()
            .filter(|&c| c != '\n' && dealbench::diag::is_unsafe(c))
            .collect();
        assert!(bad.is_empty(), "{what}: {bad:?}");
        t
    };
    for format in ["md", "csv", "json"] {
        let out = export(&path, format, &[]);
        assert!(out.status.success(), "{format}");
        clean(format, &out.stdout);
    }
    let json = clean("json", &export(&path, "json", &[]).stdout);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(
        v["offers"][1]["name"].as_str().unwrap().contains('\u{1b}'),
        "JSON keeps the text"
    );
    let name = "-1+2 \u{1b}[31mRED\u{1b}[0m\u{7}\u{202E}evil\u{9B}2J";
    for json_flag in [false, true] {
        let mut args = vec!["seek", path.to_str().unwrap(), "--offer", name];
        args.extend(["--lever", "seat-price", "--total", "30000"]);
        if json_flag {
            args.push("--json");
        }
        let out = Command::new(env!("CARGO_BIN_EXE_dealbench"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        clean("seek", &out.stdout);
    }
}

/// Log entries written out of order, with one line a hostile paste could
/// have left: a formula, ESC sequences (clear screen, set title), pipes,
/// emphasis, HTML and a line break.
const LOG: &str = r#"
[[log]]
at = 2027-01-15T09:00:00Z
who = "us"
text = "Countered at 46 seats"
[[log]]
at = 2027-01-14T15:32:00Z
who = "vendor"
text = "Offered 5 % off at 60 seats"
[[log]]
at = 2027-01-16T10:00:00Z
who = "=cmd|x"
text = "=cmd \u001b[2J | pipe | *bold* \u001b]0;title\u0007 <b>x</b>\nsecond line"
"#;

/// The hostile scenario with the log.
fn logged_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let p = dir.path().join("logged.toml");
    std::fs::write(&p, format!("{HOSTILE}{LOG}")).unwrap();
    p
}

/// The rows of the brief's negotiation log table, header and rule first.
fn log_table(md: &str) -> Vec<String> {
    md.split("## Negotiation log")
        .nth(1)
        .unwrap_or_else(|| panic!("no log section in\n{md}"))
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(String::from)
        .collect()
}

#[test]
fn the_brief_ends_with_the_negotiation_log_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let md = ok_stdout(export(&logged_file(&dir), "md", &[]));
    let rows = log_table(&md);
    assert_eq!(rows[0], "| Time | Who | What was said |");
    assert_eq!(
        rows[2],
        "| 2027-01-14T15:32:00Z | vendor | Offered 5 % off at 60 seats |"
    );
    assert_eq!(
        rows[3],
        "| 2027-01-15T09:00:00Z | us | Countered at 46 seats |"
    );
    assert_eq!(rows.len(), 5, "{rows:?}");
    // The shipped example's two entries, `$` and all.
    let northwind = ok_stdout(export(
        Path::new("scenarios/northwind-every-lever.toml"),
        "md",
        &[],
    ));
    assert_eq!(
        log_table(&northwind)[2..],
        [
            "| 2026-11-18T16:05:00Z | vendor | Opening quote: 2,500 seats at $60, 36 months, 8 % uplift |",
            "| 2026-11-20T10:30:00Z | us | Shared the usage export: 850 weekly active across NA and EMEA |",
        ]
    );
    // Without entries, no section.
    let sizing = ok_stdout(export(Path::new("scenarios/seat-sizing.toml"), "md", &[]));
    assert!(!sizing.contains("## Negotiation log"));
}

#[test]
fn a_hostile_log_line_is_neutralised_in_the_brief() {
    let dir = tempfile::tempdir().unwrap();
    let md = ok_stdout(export(&logged_file(&dir), "md", &[]));
    let hostile = &log_table(&md)[4];
    assert!(
        !md.chars()
            .any(|c| c != '\n' && dealbench::diag::is_unsafe(c))
    );
    for escaped in [r"=cmd\|x", r"\| pipe \|", r"\*bold\*", r"\<b\>x\</b\>"] {
        assert!(hostile.contains(escaped), "{escaped:?} not in {hostile}");
    }
    // The line break is flattened: one table row, as many cells as the head,
    // and no line of the brief begins with the formula.
    assert!(hostile.ends_with(" second line |"), "{hostile}");
    let cells = |l: &str| l.replace(r"\|", "").matches('|').count();
    assert_eq!(cells(hostile), cells("| Time | Who | What was said |"));
    assert!(md.lines().all(|l| !l.starts_with('=')));
}

#[test]
fn json_export_carries_the_log_oldest_first_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let v: Value =
        serde_json::from_str(&ok_stdout(export(&logged_file(&dir), "json", &[]))).unwrap();
    let log = v["log"].as_array().unwrap();
    let at: Vec<&str> = log.iter().map(|e| e["at"].as_str().unwrap()).collect();
    assert_eq!(
        at,
        [
            "2027-01-14T15:32:00Z",
            "2027-01-15T09:00:00Z",
            "2027-01-16T10:00:00Z"
        ]
    );
    assert_eq!(log[0]["who"], "vendor");
    assert_eq!(log[0]["text"], "Offered 5 % off at 60 seats");
    // JSON keeps the text; the writer escapes what could drive a terminal.
    assert!(
        log[2]["text"]
            .as_str()
            .unwrap()
            .starts_with("=cmd \u{1b}[2J")
    );
}

#[test]
fn an_export_never_overwrites_the_scenario_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deal.toml");
    std::fs::copy("scenarios/seat-sizing.toml", &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    for target in [&file, &link] {
        let out = export(&file, "md", &["--output", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is the scenario being exported"), "{err}");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "the scenario is untouched"
        );
        assert!(!dir.path().join("deal.toml.bak").exists());
    }
}
