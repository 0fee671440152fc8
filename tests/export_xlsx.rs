//! `dealbench export --format xlsx`, read back with calamine as a
//! spreadsheet would: the Compare sheet carries the `report --json` figures
//! to the cent as real numbers, each offer has a schedule sheet whose months
//! add up to its seat cost, text from the file cannot run as a formula or
//! drive a terminal, sheet names stay valid and unique, and the binary
//! workbook is never written to stdout.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use rust_decimal::Decimal;
use serde_json::Value;

fn dealbench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(args)
        .output()
        .unwrap()
}

fn succeeded(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Export `file` as a workbook into `dir` and open it.
fn workbook(file: &Path, dir: &tempfile::TempDir) -> Xlsx<Cursor<Vec<u8>>> {
    let path = dir.path().join("deal.xlsx");
    let out = dealbench(&[
        "export",
        file.to_str().unwrap(),
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ]);
    succeeded(&out);
    assert!(out.stdout.is_empty(), "nothing on stdout with --output");
    open_workbook_from_rs(Cursor::new(std::fs::read(path).unwrap())).unwrap()
}

fn report(file: &Path) -> Value {
    let out = dealbench(&["report", file.to_str().unwrap(), "--json"]);
    succeeded(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn scenarios() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    files
}

fn cell(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match cell(r, row, col) {
        Data::String(s) => s,
        other => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

/// A numeric cell: it must be a number, not text that looks like one.
fn number(r: &Range<Data>, row: u32, col: u32) -> f64 {
    match cell(r, row, col) {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

/// A money cell as an exact amount in cents.
fn cents(r: &Range<Data>, row: u32, col: u32) -> Decimal {
    Decimal::from_str(&format!("{:.2}", number(r, row, col))).unwrap()
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str_exact(v.as_str().unwrap()).unwrap()
}

/// The Compare row whose label (column A) is `label`.
fn row_of(r: &Range<Data>, label: &str) -> u32 {
    let (h, _) = r.end().unwrap();
    (0..=h)
        .find(|&i| cell(r, i, 0) == Data::String(label.into()))
        .unwrap_or_else(|| panic!("no row '{label}'"))
}

/// The money cell of offer `i` on row `label` equals the JSON string, to
/// the cent and as the very number that string names.
fn same_money(r: &Range<Data>, label: &str, i: u32, json: &Value) {
    let row = row_of(r, label);
    let want = json.as_str().unwrap();
    assert_eq!(cents(r, row, i + 1), dec(json), "{label} of offer {i}");
    assert_eq!(
        number(r, row, i + 1),
        want.parse::<f64>().unwrap(),
        "{label}"
    );
}

fn compare_sheet_matches(file: &Path, rep: &Value, cmp: &Range<Data>) {
    assert_eq!(text(cmp, 3, 0), "Reference offer");
    assert_eq!(text(cmp, 3, 1), rep["reference"].as_str().unwrap());
    let header = row_of(cmp, "Offer");
    let money = [
        ("Seat cost", "seat_cost"),
        ("API cost", "api_cost"),
        ("Total", "total"),
        ("Savings vs reference", "savings"),
        ("Idle seat cost", "idle_cost"),
        ("API plan at list", "api_list"),
        ("API unused commit", "api_unused_commit"),
        ("API baseline (all Opus)", "api_baseline"),
    ];
    let counts = [
        ("Billed seat-months", "billed_seat_months"),
        ("Demand seat-months", "demand_seat_months"),
        ("Idle seat-months", "idle_seat_months"),
        ("Unserved seat-months", "unserved_seat_months"),
    ];
    let pcts = [
        ("Savings %", "savings_pct"),
        ("API savings vs baseline %", "api_savings_pct"),
    ];
    for (i, o) in rep["offers"].as_array().unwrap().iter().enumerate() {
        let i = i as u32;
        let what = format!("{}: {}", file.display(), o["name"]);
        assert_eq!(
            text(cmp, header, i + 1),
            o["name"].as_str().unwrap(),
            "{what}"
        );
        for (label, key) in money {
            same_money(cmp, label, i, &o[key]);
        }
        for (label, key) in counts {
            let n = number(cmp, row_of(cmp, label), i + 1);
            assert_eq!(n, o[key].as_u64().unwrap() as f64, "{what}: {label}");
        }
        for (label, key) in pcts {
            let p = cents(cmp, row_of(cmp, label), i + 1);
            assert_eq!(p, dec(&o[key]), "{what}: {label}");
        }
        for y in o["years"].as_array().unwrap() {
            let label = format!("Year {} total", y["year"]);
            same_money(cmp, &label, i, &y["total"]);
        }
        let missing = o["missing_terms"].as_array().unwrap().len() as f64;
        assert_eq!(number(cmp, row_of(cmp, "Missing terms"), i + 1), missing);
    }
}

/// The column of the schedule sheet headed `title`.
fn column(r: &Range<Data>, title: &str) -> u32 {
    (0..40)
        .find(|&c| cell(r, 3, c) == Data::String(title.into()))
        .unwrap_or_else(|| panic!("no column '{title}'"))
}

/// The rows holding a month: a number in the month index column.
fn month_rows(r: &Range<Data>) -> Vec<u32> {
    let (h, _) = r.end().unwrap();
    (4..=h)
        .filter(|&i| matches!(cell(r, i, 0), Data::Float(_) | Data::Int(_)))
        .collect()
}

fn schedule_matches(offer: &Value, horizon: u64, sheet: &Range<Data>) {
    assert_eq!(text(sheet, 0, 0), offer["name"].as_str().unwrap());
    let months = month_rows(sheet);
    assert_eq!(months.len() as u64, horizon, "{}", offer["name"]);
    let (seat, cost, demand) = (
        column(sheet, "Seat cost"),
        column(sheet, "Month's cost"),
        column(sheet, "Demand"),
    );
    let seat_sum: Decimal = months.iter().map(|&m| cents(sheet, m, seat)).sum();
    let cost_sum: Decimal = months.iter().map(|&m| cents(sheet, m, cost)).sum();
    assert_eq!(seat_sum, dec(&offer["seat_cost"]), "{}", offer["name"]);
    assert_eq!(cost_sum, dec(&offer["total"]), "{}", offer["name"]);
    for (k, &m) in months.iter().enumerate() {
        assert_eq!(number(sheet, m, 0), k as f64, "month index");
        assert!(
            matches!(cell(sheet, m, 1), Data::DateTime(_)),
            "a real date"
        );
        number(sheet, m, demand);
    }
}

#[test]
fn every_scenario_s_workbook_carries_the_json_report_to_the_cent() {
    for file in scenarios() {
        let dir = tempfile::tempdir().unwrap();
        let rep = report(&file);
        let mut wb = workbook(&file, &dir);
        let offers = rep["offers"].as_array().unwrap();
        let names = wb.sheet_names();
        assert_eq!(
            names.len(),
            offers.len() + 1,
            "{}: {names:?}",
            file.display()
        );
        assert_eq!(names[0], "Compare");
        let cmp = wb.worksheet_range("Compare").unwrap();
        compare_sheet_matches(&file, &rep, &cmp);
        let horizon = rep["horizon_months"].as_u64().unwrap();
        for (o, sheet) in offers.iter().zip(&names[1..]) {
            let range = wb.worksheet_range(sheet).unwrap();
            schedule_matches(o, horizon, &range);
        }
    }
}

#[test]
fn levers_are_numbers_where_they_are_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = workbook(Path::new("scenarios/seat-sizing.toml"), &dir);
    let cmp = wb.worksheet_range("Compare").unwrap();
    let price = number(&cmp, row_of(&cmp, "Seat price"), 1);
    assert_eq!(price, 60.0);
    number(&cmp, row_of(&cmp, "Seats"), 1);
    number(&cmp, row_of(&cmp, "Term (months)"), 1);
    number(&cmp, row_of(&cmp, "Uplift %"), 1);
    assert_eq!(text(&cmp, row_of(&cmp, "Billing"), 1), "annual");
    assert_eq!(text(&cmp, row_of(&cmp, "Role"), 1), "reference");
}

fn scenario_with(dir: &tempfile::TempDir, deal: &str, offers: &[&str]) -> PathBuf {
    let mut text = format!(
        "schema = 1\n[deal]\nname = {deal}\ncurrency = \"EUR\"\nstart = 2027-01-01\n\
         horizon_months = 14\nrequires = [\"+SUM(1)\"]\n\n[[region]]\nid = \"r\"\n\
         headcount = 100\nprovisioned = 60\nmau = 50\nwau = 40\ndau = 10\n"
    );
    for (i, name) in offers.iter().enumerate() {
        let by = if i == 0 { "vendor" } else { "us" };
        text.push_str(&format!(
            "\n[[offer]]\nname = {name}\nby = \"{by}\"\nseats = {}\nseat_price = 60\n",
            50 + i
        ));
    }
    let p = dir.path().join("deal.toml");
    std::fs::write(&p, text).unwrap();
    p
}

/// Every text cell of every sheet.
fn all_text(wb: &mut Xlsx<Cursor<Vec<u8>>>) -> Vec<String> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let r = wb.worksheet_range(&name).unwrap();
        for (_, _, c) in r.used_cells() {
            if let Data::String(s) = c {
                out.push(s.clone());
            }
        }
    }
    out
}

#[test]
fn text_from_the_file_cannot_run_as_a_formula_or_drive_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_with(
        &dir,
        r#""@deal""#,
        &[
            r#""=HYPERLINK(\"x\")""#,
            r#""Bad \u001b[31mred""#,
            r#""-1+2""#,
        ],
    );
    let mut wb = workbook(&file, &dir);
    let texts = all_text(&mut wb);
    for t in &texts {
        assert!(!t.starts_with(['=', '+', '-', '@', '\t', '\r']), "{t:?}");
        assert!(!t.chars().any(char::is_control), "{t:?}");
    }
    let cmp = wb.worksheet_range("Compare").unwrap();
    let header = row_of(&cmp, "Offer");
    assert_eq!(text(&cmp, header, 1), r#"'=HYPERLINK("x")"#);
    assert_eq!(text(&cmp, header, 2), "Bad \u{FFFD}[31mred");
    assert_eq!(text(&cmp, header, 3), "'-1+2");
    assert_eq!(text(&cmp, 0, 1), "'@deal");
    let missing = row_of(&cmp, "Missing terms, named");
    assert_eq!(text(&cmp, missing, 1), "'+SUM(1)");
    let names = wb.sheet_names();
    let first = wb.worksheet_range(&names[1]).unwrap();
    assert_eq!(text(&first, 0, 0), r#"'=HYPERLINK("x")"#);
    let second = wb.worksheet_range(&names[2]).unwrap();
    assert_eq!(text(&second, 0, 0), "Bad \u{FFFD}[31mred");
}

#[test]
fn sheet_names_are_valid_and_unique_when_long_names_share_a_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let long_a = "Northwind Logistics renewal counter-offer A";
    let long_b = "Northwind Logistics renewal counter-offer B";
    let quoted = |s: &str| format!("{s:?}");
    let file = scenario_with(
        &dir,
        "\"Long names\"",
        &[
            &quoted(long_a),
            &quoted(long_b),
            &quoted("compare"),
            &quoted("a/b: [c]*?\\d'"),
            &quoted("History"),
        ],
    );
    let mut wb = workbook(&file, &dir);
    let names = wb.sheet_names();
    assert_eq!(names.len(), 6, "{names:?}");
    let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(lower.len(), names.len(), "unique ignoring case: {names:?}");
    for n in &names {
        assert!(n.encode_utf16().count() <= 31, "{n:?}");
        assert!(
            !n.is_empty() && !n.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{n:?}"
        );
        assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n:?}");
        assert_ne!(n.to_lowercase(), "history");
    }
    assert!(
        names[1].starts_with("Northwind Logistics renewal"),
        "{names:?}"
    );
    // The mapping stays visible: the full name in A1 and the sheet in Compare.
    let cmp = wb.worksheet_range("Compare").unwrap();
    let row = row_of(&cmp, "Schedule sheet");
    for (i, (sheet, full)) in names[1..].iter().zip([long_a, long_b]).enumerate() {
        let r = wb.worksheet_range(sheet).unwrap();
        assert_eq!(text(&r, 0, 0), full);
        assert_eq!(&text(&cmp, row, i as u32 + 1), sheet);
    }
}

#[test]
fn money_is_formatted_in_the_deal_currency() {
    use dealbench::report::xlsx::money_format;
    assert_eq!(money_format("USD"), "\"$\"#,##0.00");
    assert_eq!(money_format("EUR"), "#,##0.00 \"EUR\"");
    assert_eq!(money_format("JPY"), "#,##0.00 \"JPY\"");
}

#[test]
fn a_workbook_is_never_written_to_stdout() {
    let out = dealbench(&["export", "scenarios/seat-sizing.toml", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--format xlsx") && err.contains("--output"),
        "{err}"
    );
}

#[test]
fn the_workbook_is_saved_atomically_with_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deal.xlsx");
    std::fs::write(&path, "previous").unwrap();
    let out = dealbench(&[
        "export",
        "scenarios/seat-sizing.toml",
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ]);
    succeeded(&out);
    assert!(
        std::fs::read(&path).unwrap().starts_with(b"PK"),
        "a zip file"
    );
    let backup = dealbench::store::backup_path(&path);
    assert_eq!(std::fs::read_to_string(backup).unwrap(), "previous");
}

#[test]
fn e_in_the_workbench_writes_a_workbook_for_an_xlsx_path() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use dealbench::tui::action::Effect;
    use dealbench::tui::{keymap::resolve, model::Model, update::update};
    let mut m = Model::demo().unwrap();
    let mut effects = Vec::new();
    let keys = [KeyCode::Char('E')]
        .into_iter()
        .chain("deal.xlsx".chars().map(KeyCode::Char))
        .chain([KeyCode::Enter]);
    for code in keys {
        if let Some(a) = resolve(&m.mode, KeyEvent::new(code, KeyModifiers::NONE)) {
            effects = update(&mut m, a);
        }
    }
    let [Effect::Write { path, bytes }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("deal.xlsx"));
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names().len(), m.eval.outcomes.len() + 1);
    let cmp = wb.worksheet_range("Compare").unwrap();
    assert_eq!(text(&cmp, 0, 1), m.scenario.deal.name);
}
