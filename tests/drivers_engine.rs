//! Drivers (SPEC.md §6): the difference between two offers attributed to
//! the nine lever groups in order, each step worked out by hand, and the
//! steps summing exactly to the difference on every pair of shipped offers.

use std::path::Path;

use dealbench::engine::drivers::{Group, attribute};
use dealbench::engine::evaluate;
use dealbench::scenario::{Scenario, load_file, parse_str};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// 80 weekly active, flat, over 24 months; a 15 % buffer and a 5 % renewal
/// uplift. One workload of 100 Mtok input a month: $500 on Opus, $300 on
/// Sonnet.
const SCENARIO: &str = r#"schema = 1
[deal]
name = "drivers"
currency = "USD"
start = 2027-01-01
horizon_months = 24
buffer_pct = 15
renewal_uplift_pct = 5

[[region]]
id = "r"
headcount = 1000
provisioned = 80
mau = 80
wau = 80
dau = 0

[[workload]]
name = "w"
input_mtok = 100
output_mtok = 0

[[offer]]
name = "A"
by = "vendor"
seats = 100
seat_price = 50
term_months = 24
uplift_pct = 10
true_up = "monthly"

[[offer]]
name = "B"
seats = 90
seat_price = 45
term_months = 12
uplift_pct = 10
uplift_cap_pct = 4
renewal_cap_pct = 3
true_up = "annual_peak"
team_seats = 10
team_price = 20
api_commit = 3000
api_discount_pct = 10
[offer.api]
route = { sonnet = 1.0 }
"#;

fn load(src: &str) -> Scenario {
    parse_str("drivers.toml", src).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn each_step_is_the_change_its_group_causes() {
    let s = load(SCENARIO);
    let ev = evaluate(&s).unwrap();
    let (a, b) = (&ev.outcomes[0].offer, &ev.outcomes[1].offer);
    let w = attribute(&s, a, b).unwrap();
    // A: 100 × $50 × 12 + 100 × $55 × 12 (10 % at the anniversary) = 126,000
    // seats + 24 × $500 API = 138,000.
    assert_eq!(w.start, d("138000"));
    let expected = [
        // 90 seats: 90 × 50 × 12 + 90 × 55 × 12 = 113,400 (−12,600).
        (Group::SeatCount, true, "-12600"),
        // $45: year 2 at round(45 × 1.1) = 49.50: 48,600 + 53,460 = 102,060.
        (Group::SeatPrice, true, "-11340"),
        // 12-month term: at month 12 the commit is re-sized to ⌈80 × 1.15⌉
        // = 92 and the price rises 5 % once (no anniversary): 92 × 47.25 ×
        // 12 = 52,164; 48,600 + 52,164 = 100,764.
        (Group::Term, true, "-1296"),
        // Renewal cap 3 %: 45 × 1.03 = 46.35; 92 × 46.35 × 12 = 51,170.40;
        // total 99,770.40 (the 4 % uplift cap has no anniversary to act on).
        (Group::Uplift, true, "-993.60"),
        // Annual peak instead of monthly: demand 80 never exceeds the
        // commit, so nothing is billed either way.
        (Group::TrueUp, true, "0"),
        // 10 Team seats at $20 serve demand first: D_e = 70, re-sized to
        // ⌈70 × 1.15⌉ = 81. Year 1 48,600 + 2,400; year 2 81 × 46.35 × 12 =
        // 45,052.20 + 10 × 20.60 × 12 = 2,472: 98,524.20 (−1,246.20).
        (Group::TeamMix, true, "-1246.20"),
        (Group::Billing, false, "0"),
        // Sonnet: $300 a month instead of $500: −4,800.
        (Group::ApiPlan, true, "-4800"),
        // $3,000 a year at 10 % off: use round(3,600 × 0.9) = 3,240 is above
        // the commit, so 2 × 3,240 = 6,480 instead of 7,200: −720.
        (Group::ApiCommit, true, "-720"),
    ];
    assert_eq!(w.steps.len(), 9);
    for (step, (group, changed, effect)) in w.steps.iter().zip(expected) {
        assert_eq!(step.group, group);
        assert_eq!(step.changed, changed, "{group:?}");
        assert_eq!(step.effect, d(effect), "{group:?}");
    }
    // B: 98,524.20 seats + 6,480 API.
    assert_eq!(w.end, d("105004.20"));
    assert_eq!(w.end, ev.outcomes[1].total);
    let sum: Decimal = w.steps.iter().map(|s| s.effect).sum();
    assert_eq!(sum, w.end - w.start);
    assert_eq!(w.steps[0].from, "100 seats");
    assert_eq!(w.steps[0].to, "90 seats");
    assert_eq!(w.steps[5].to, "enterprise + 10 Team at 20.00");
}

#[test]
fn a_monthly_offer_takes_the_commit_away_at_the_billing_step() {
    // B bills monthly: A's 100 seats stay through step 1 and leave at step 7.
    let src = SCENARIO.replace(
        "name = \"B\"\nseats = 90",
        "name = \"B\"\nbilling = \"monthly\"",
    );
    let s = load(&src);
    let ev = evaluate(&s).unwrap();
    let w = attribute(&s, &ev.outcomes[0].offer, &ev.outcomes[1].offer).unwrap();
    assert!(!w.steps[0].changed);
    assert_eq!(w.steps[0].effect, Decimal::ZERO);
    let billing = &w.steps[6];
    assert_eq!(
        (billing.from.as_str(), billing.to.as_str()),
        ("annual", "monthly")
    );
    assert!(billing.changed && !billing.effect.is_zero());
    assert_eq!(w.end, ev.outcomes[1].total);
    let sum: Decimal = w.steps.iter().map(|s| s.effect).sum();
    assert_eq!(sum, w.end - w.start);
}

#[test]
fn steps_sum_exactly_on_every_pair_of_shipped_offers() {
    let mut files = vec![Path::new("assets/demo.toml").to_path_buf()];
    for dir in ["scenarios", "tests/data/examples"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                files.push(p);
            }
        }
    }
    for f in files {
        let s = load_file(&f).unwrap();
        let ev = evaluate(&s).unwrap();
        for a in &ev.outcomes {
            for b in &ev.outcomes {
                let w = attribute(&s, &a.offer, &b.offer).unwrap();
                let sum: Decimal = w.steps.iter().map(|s| s.effect).sum();
                assert_eq!(w.start, a.total, "{}", f.display());
                assert_eq!(
                    w.end,
                    b.total,
                    "{}: {} → {}",
                    f.display(),
                    a.offer.name,
                    b.offer.name
                );
                assert_eq!(sum, b.total - a.total);
                let last = w.steps.last().unwrap();
                assert_eq!(last.total, b.total);
            }
        }
    }
}

#[test]
fn the_json_report_carries_drivers_against_the_reference() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["report", "--json", "assets/demo.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let offers = v["offers"].as_array().unwrap();
    assert!(
        offers[0]["drivers"].is_null(),
        "the reference has no drivers"
    );
    for o in &offers[1..] {
        let dr = &o["drivers"];
        assert_eq!(dr["from"], "Vendor quote");
        let steps = dr["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 9);
        let sum: Decimal = steps
            .iter()
            .map(|s| s["effect"].as_str().unwrap().parse::<Decimal>().unwrap())
            .sum();
        let total: Decimal = o["total"].as_str().unwrap().parse().unwrap();
        let start: Decimal = dr["start"].as_str().unwrap().parse().unwrap();
        assert_eq!(start + sum, total);
        assert_eq!(steps[0]["group"], "seat_count");
        assert_eq!(steps[8]["group"], "api_commit");
    }
}
