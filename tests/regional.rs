//! Consolidation against regions signing alone, and regional quotes against
//! the central rate (SPEC.md §6), on a scenario worked out by hand: the
//! engine's figures region by region, and the same figures in `report`,
//! `report --json` and the brief.

use std::process::Command;

use dealbench::engine::{Demand, regional};
use dealbench::scenario::parse_str;
use rust_decimal::Decimal;

const SCENARIO: &str = r#"
schema = 1
[deal]
name = "Three regions"
currency = "USD"
start = 2027-01-01
horizon_months = 12
[fx]
EUR = 0.9
JPY = 150
[[region]]
id = "na"
headcount = 1000
provisioned = 500
mau = 450
wau = 400
dau = 200
[[region]]
id = "emea"
currency = "EUR"
headcount = 500
provisioned = 300
mau = 250
wau = 200
dau = 100
[[region]]
id = "jp"
currency = "JPY"
headcount = 300
provisioned = 150
mau = 120
wau = 100
dau = 50
[[offer]]
name = "Counter"
seats = 805
seat_price = 56
[offer.regional_price]
emea = 54
jp = 8000
[[pricebook.tier.enterprise.volume]]
min_seats = 500
discount_pct = 8
[[pricebook.tier.enterprise.volume]]
min_seats = 1000
discount_pct = 12
"#;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

#[test]
fn one_agreement_reaches_a_volume_step_no_region_reaches_alone() {
    let s = parse_str("three.toml", SCENARIO).unwrap();
    let demand = Demand::of(&s, 12);
    let c = regional::consolidation(&s, "enterprise", &demand)
        .unwrap()
        .unwrap();
    // ⌈400 × 1.15⌉ = 460, ⌈200 × 1.15⌉ = 230, ⌈100 × 1.15⌉ = 115: 805 seats
    // together reach the 500-seat step (8 % off $60 = $55.20); alone none do.
    assert_eq!(
        c.rows.iter().map(|r| r.seats).collect::<Vec<_>>(),
        vec![460, 230, 115]
    );
    assert_eq!(
        (c.seats, c.discount_pct, c.price),
        (805, d("8"), d("55.20"))
    );
    assert!(c.rows.iter().all(|r| r.alone_price == d("60")));
    // 805 × 60 × 12 = 579,600 alone; 805 × 55.20 × 12 = 533,232 together.
    assert_eq!(c.alone_per_year, d("579600"));
    assert_eq!(c.consolidated_per_year, d("533232"));
    assert_eq!(c.saving_per_year, d("46368"));
    // Region by region, alone at $60 against its share at $55.20:
    // na 460 × 720 = 331,200 against 460 × 662.40 = 304,704;
    // emea 230 × 720 = 165,600 against 152,352; jp 115 × 720 = 82,800
    // against 76,176.
    let figures: Vec<_> = c
        .rows
        .iter()
        .map(|r| {
            (
                r.region.as_str(),
                r.alone_discount_pct,
                r.alone_per_year,
                r.consolidated_per_year,
                r.saving_per_year,
            )
        })
        .collect();
    assert_eq!(
        figures,
        vec![
            ("na", d("0"), d("331200"), d("304704"), d("26496")),
            ("emea", d("0"), d("165600"), d("152352"), d("13248")),
            ("jp", d("0"), d("82800"), d("76176"), d("6624")),
        ]
    );
}

/// North America ramps to 900 weekly active and reaches the 1,000-seat step
/// alone; Japan goes live in month 6 and ramps to 200.
fn ramped() -> String {
    SCENARIO
        .replace(
            "wau = 400\n",
            "wau = 400\ntarget_wau = 900\nramp_months = 6\n",
        )
        .replace(
            "wau = 100\n",
            "wau = 100\ngo_live = 6\ntarget_wau = 200\nramp_months = 3\n",
        )
}

#[test]
fn a_region_counts_its_peak_planned_demand_and_one_big_enough_saves_nothing() {
    let s = parse_str("ramped.toml", &ramped()).unwrap();
    let c = regional::consolidation(&s, "enterprise", &Demand::of(&s, 12))
        .unwrap()
        .unwrap();
    // Peaks 900, 200 and 200 within the 12 months: ⌈× 1.15⌉ = 1,035, 230,
    // 230. North America alone gets 12 % ($52.80), as does the whole 1,495.
    let seats: Vec<u64> = c.rows.iter().map(|r| r.seats).collect();
    assert_eq!(seats, vec![1035, 230, 230]);
    assert_eq!(
        (c.seats, c.discount_pct, c.price),
        (1495, d("12"), d("52.80"))
    );
    let na = &c.rows[0];
    assert_eq!(
        (na.alone_discount_pct, na.alone_price),
        (d("12"), d("52.80"))
    );
    // 1,035 × 52.80 × 12 = 655,776 either way.
    assert_eq!(na.alone_per_year, d("655776"));
    assert_eq!(na.consolidated_per_year, d("655776"));
    assert_eq!(na.saving_per_year, Decimal::ZERO);
    // Japan: 230 × 60 × 12 = 165,600 alone, 230 × 52.80 × 12 = 145,728.
    let jp = &c.rows[2];
    assert_eq!(
        (
            jp.alone_per_year,
            jp.consolidated_per_year,
            jp.saving_per_year
        ),
        (d("165600"), d("145728"), d("19872"))
    );
    // 655,776 + 2 × 165,600 = 986,976 alone; 1,495 × 633.60 = 947,232.
    assert_eq!(
        (c.alone_per_year, c.consolidated_per_year, c.saving_per_year),
        (d("986976"), d("947232"), d("39744"))
    );
}

fn run(file: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn three_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let p = dir.path().join("three.toml");
    std::fs::write(&p, SCENARIO).unwrap();
    p
}

#[test]
fn report_shows_each_region_alone_against_one_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let text = run(&three_file(&dir), &["report"]);
    let table: Vec<Vec<&str>> = text
        .lines()
        .skip_while(|l| !l.starts_with("Regions signing alone against one agreement"))
        .skip(2)
        .take(4)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        table,
        vec![
            vec![
                "na",
                "460",
                "0.00",
                "%",
                "60.00",
                "331,200.00",
                "304,704.00",
                "26,496.00"
            ],
            vec![
                "emea",
                "230",
                "0.00",
                "%",
                "60.00",
                "165,600.00",
                "152,352.00",
                "13,248.00"
            ],
            vec![
                "jp",
                "115",
                "0.00",
                "%",
                "60.00",
                "82,800.00",
                "76,176.00",
                "6,624.00"
            ],
            vec!["Total", "805", "579,600.00", "533,232.00", "46,368.00"],
        ],
        "{text}"
    );
    assert!(text.contains("Together 805 seats reach 8.00 % off list: 55.20 a seat-month"));
}

#[test]
fn report_json_adds_the_consolidation_region_by_region() {
    let dir = tempfile::tempdir().unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&run(&three_file(&dir), &["report", "--json"])).unwrap();
    let c = &v["consolidation"][0];
    assert_eq!(c["tier"], "enterprise");
    assert_eq!(
        (&c["seats"], &c["price"], &c["saving_per_year"]),
        (
            &serde_json::json!(805),
            &serde_json::json!("55.20"),
            &serde_json::json!("46368.00")
        )
    );
    let emea = &c["regions"][1];
    assert_eq!(emea["region"], "emea");
    assert_eq!(emea["seats"], 230);
    assert_eq!(emea["alone_discount_pct"], "0.00");
    assert_eq!(emea["alone_price"], "60.00");
    assert_eq!(emea["alone_per_year"], "165600.00");
    assert_eq!(emea["consolidated_price"], "55.20");
    assert_eq!(emea["consolidated_per_year"], "152352.00");
    assert_eq!(emea["saving_per_year"], "13248.00");
    // The §4 fields are untouched; without volume tiers the list is empty.
    assert!(v["offers"][0]["total"].is_string());
    let plain = dir.path().join("plain.toml");
    std::fs::write(
        &plain,
        SCENARIO.replace(
            "[[pricebook.tier.enterprise.volume]]",
            "[[pricebook.tier.team.volume]]",
        ),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&run(&plain, &["report", "--json"])).unwrap();
    assert_eq!(v["consolidation"], serde_json::json!([]));
    assert!(!run(&plain, &["report"]).contains("Regions signing alone"));
}

#[test]
fn the_brief_tables_each_region_alone_and_together() {
    let dir = tempfile::tempdir().unwrap();
    let md = run(&three_file(&dir), &["export", "--format", "md"]);
    for row in [
        "| na | 460 | 0.00 % | $60.00 | $331,200.00 | $55.20 | $304,704.00 | $26,496.00 |",
        "| jp | 115 | 0.00 % | $60.00 | $82,800.00 | $55.20 | $76,176.00 | $6,624.00 |",
        "| **Total** | **805** |  |  | **$579,600.00** | $55.20 | **$533,232.00** | **$46,368.00** |",
    ] {
        assert!(md.contains(row), "{row} not in\n{md}");
    }
    assert!(md.contains("one agreement of **805 seats** reaches **8.00 %** off list"));
}

#[test]
fn regional_quotes_are_checked_against_the_central_rate_converted() {
    let s = parse_str("three.toml", SCENARIO).unwrap();
    let offer = s.resolved_offers().remove(0);
    let checks = regional::quote_checks(&s, &offer, offer.seat_price).unwrap();
    // EMEA: $56 × 0.9 = EUR 50.40; quoted 54 is EUR 3.60 (7.14 %) more.
    assert_eq!(
        (
            checks[0].central,
            checks[0].difference,
            checks[0].difference_pct
        ),
        (d("50.40"), d("3.60"), d("7.14"))
    );
    // Japan: $56 × 150 = JPY 8,400; quoted 8,000 is 400 (4.76 %) less.
    assert_eq!(
        (
            checks[1].central,
            checks[1].difference,
            checks[1].difference_pct
        ),
        (d("8400"), d("-400"), d("-4.76"))
    );
}

#[test]
fn no_volume_tiers_means_no_comparison() {
    let s = parse_str(
        "three.toml",
        &SCENARIO.replace(
            "[[pricebook.tier.enterprise.volume]]",
            "[[pricebook.tier.team.volume]]",
        ),
    )
    .unwrap();
    assert!(
        regional::consolidation(&s, "enterprise", &Demand::of(&s, 12))
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_regional_quote_above_or_below_the_central_rate_is_flagged_with_the_difference() {
    let s = parse_str("three.toml", SCENARIO).unwrap();
    let ev = dealbench::engine::evaluate(&s).unwrap();
    let w = &ev.outcomes[0].warnings;
    assert!(
        w.iter().any(|w| w
            .starts_with("regional price above the central rate in emea: quoted EUR 54.00")
            && w.ends_with("(3.60 more, +7.14 %)")),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| w
            .starts_with("regional price below the central rate in jp: quoted JPY 8,000.00")
            && w.ends_with("(400.00 less, −4.76 %)")),
        "{w:?}"
    );
}
