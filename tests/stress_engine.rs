//! Stress (SPEC.md §6 `[stress]`): each offer's total with adoption below
//! and above plan and with a one-month spike, worked out by hand.

use dealbench::engine::stress::{Case, run};
use dealbench::scenario::parse_str;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Demand ramps 500 → 550 over 5 months: 500, 510, 520, 530, 540, then 550
/// for months 5–23 (the spike month is 5, the first at the peak).
/// Low (× 0.8): 400, 408, 416, 424, 432, then 440. High (× 1.2): 600, 612,
/// 624, 636, 648, then 660. Spike: 550 × 1.3 = 715 in month 5 only.
const SCENARIO: &str = r#"schema = 1
[deal]
name = "stress"
currency = "USD"
start = 2027-01-01
horizon_months = 24

[stress]
adoption_pct = 20
spike_pct = 30

[[region]]
id = "r"
headcount = 1000
provisioned = 500
mau = 500
wau = 500
dau = 0
target_wau = 550
ramp_months = 5

[[offer]]
name = "monthly true-up"
seats = 600
seat_price = 10
term_months = 24
true_up = "monthly"

[[offer]]
name = "annual peak + ratchet"
seats = 600
seat_price = 10
term_months = 24
true_up = "annual_peak"
true_up_ratchet = true

[[offer]]
name = "fixed"
seats = 600
seat_price = 10
term_months = 24
true_up = "fixed"

[[offer]]
name = "pay as you go"
tier = "team"
billing = "monthly"
seat_price = 10
"#;

#[test]
fn curves_scale_total_demand_and_round_up() {
    let s = parse_str("stress.toml", SCENARIO).unwrap();
    let st = run(&s).unwrap();
    let c = &st.curves;
    assert_eq!(c.spike_month, 5);
    assert_eq!(&c.low[..6], &[400, 408, 416, 424, 432, 440]);
    assert_eq!(&c.high[..6], &[600, 612, 624, 636, 648, 660]);
    assert_eq!(&c.spike[4..7], &[540, 715, 550]);
}

#[test]
fn exposures_per_clause() {
    let s = parse_str("stress.toml", SCENARIO).unwrap();
    let st = run(&s).unwrap();
    let exposure = |i: usize, c: Case| st.offers[i].case(c).exposure;

    // Monthly true-up, 600 × $10 × 24 = 144,000 planned (demand ≤ 550).
    // Low: the commit is paid anyway, 0. High: excess 12 + 24 + 36 + 48 +
    // 60 × 19 = 1,260 seat-months × $10. Spike: 115 seats for one month.
    assert_eq!(st.offers[0].planned, d("144000"));
    assert_eq!(exposure(0, Case::LowAdoption), d("0"));
    assert_eq!(exposure(0, Case::HighAdoption), d("12600"));
    assert_eq!(exposure(0, Case::Spike), d("1150"));

    // Annual peak + ratchet. High: year 1's peak excess 60 is billed all 12
    // months (7,200) and becomes the floor for year 2: 660 committed seats
    // for 12 months (+7,200). Spike: peak 115 all year (13,800), then 715
    // committed in year 2 (+13,800).
    assert_eq!(exposure(1, Case::LowAdoption), d("0"));
    assert_eq!(exposure(1, Case::HighAdoption), d("14400"));
    assert_eq!(exposure(1, Case::Spike), d("27600"));

    // Fixed: nothing is billed beyond the commit; the excess goes unserved.
    assert_eq!(exposure(2, Case::HighAdoption), d("0"));
    assert_eq!(st.offers[2].high.unserved_seat_months, 1260);
    assert_eq!(st.offers[2].spike.unserved_seat_months, 115);

    // Monthly billing on Team at 10 × 1.2 = $12 bills demand itself:
    // planned 13,050 seat-months (2,600 + 550 × 19) = 156,600; low 10,440
    // (2,080 + 440 × 19) = 125,280; high 15,660 (3,120 + 660 × 19) =
    // 187,920; spike +165 seats once = 1,980.
    assert_eq!(st.offers[3].planned, d("156600"));
    assert_eq!(exposure(3, Case::LowAdoption), d("-31320"));
    assert_eq!(exposure(3, Case::HighAdoption), d("31320"));
    assert_eq!(exposure(3, Case::Spike), d("1980"));
    for o in &st.offers {
        for c in Case::ALL {
            assert_eq!(o.case(c).total - o.planned, o.case(c).exposure);
        }
    }
}

#[test]
fn defaults_are_25_and_30_percent() {
    let src = SCENARIO.replace("[stress]\nadoption_pct = 20\nspike_pct = 30\n", "");
    let s = parse_str("stress.toml", &src).unwrap();
    let st = run(&s).unwrap();
    assert_eq!(st.curves.adoption_pct, d("25"));
    assert_eq!(st.curves.spike_pct, d("30"));
    // ⌈500 × 0.75⌉ = 375, ⌈510 × 1.25⌉ = ⌈637.5⌉ = 638, ⌈550 × 1.3⌉ = 715.
    assert_eq!(st.curves.low[0], 375);
    assert_eq!(st.curves.high[1], 638);
    assert_eq!(st.curves.spike[5], 715);
}

#[test]
fn the_report_shows_stress_side_by_side() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["report", "--json", "assets/demo.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stress"]["adoption_pct"], "25.00");
    assert_eq!(v["stress"]["spike_month"], 15);
    assert_eq!(v["stress"]["spike_date"], "2028-04");
    for o in v["offers"].as_array().unwrap() {
        assert_eq!(o["stress"]["planned"], o["total"]);
        for k in ["low_adoption", "high_adoption", "spike"] {
            assert!(o["stress"][k]["exposure"].is_string(), "{k}");
        }
    }
    // 2,500 seats cover even +25 % (1,975) and the spike (2,054): the
    // vendor's quote costs the same whatever adoption does.
    assert_eq!(
        v["offers"][0]["stress"]["high_adoption"]["exposure"],
        "0.00"
    );
    let text = std::process::Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["report", "assets/demo.toml"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let t = String::from_utf8(text.stdout).unwrap();
    assert!(
        t.contains("Stress: adoption 25 % below and above plan"),
        "{t}"
    );
    assert!(
        t.contains("What drove the difference from Vendor quote"),
        "{t}"
    );
}
