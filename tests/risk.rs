//! Risk under uncertainty (SPEC.md §7): the degenerate case exact, the
//! figures reproducible on any thread count, the probabilities against a
//! case computed by hand from the draws, `seek --minimise` against brute
//! force, and the table kept on save.

mod common;

use std::process::Command;

use crossterm::event::KeyCode;
use dealbench::engine;
use dealbench::engine::risk::draw::Drawer;
use dealbench::engine::risk::minimise::{Figure, minimise_with};
use dealbench::engine::risk::{self, nearest_rank};
use dealbench::engine::seek::Lever;
use dealbench::scenario::{Scenario, parse_str};
use rust_decimal::Decimal;

const DEMO: &str = include_str!("../assets/demo.toml");

fn with_uncertainty(text: &str, table: &str) -> Scenario {
    parse_str("deal.toml", &format!("{text}\n{table}\n")).unwrap()
}

/// Half away from zero to two decimals, as the report rounds.
fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

#[test]
fn with_every_spread_zero_every_figure_is_the_offers_total_exactly() {
    let s = with_uncertainty(DEMO, "[uncertainty]\ndraws = 40\nseed = 9");
    let ev = engine::evaluate(&s).unwrap();
    let risks = risk::run(&s).unwrap().unwrap();
    assert_eq!(risks.len(), ev.outcomes.len());
    for (r, o) in risks.iter().zip(&ev.outcomes) {
        for figure in [r.mean, r.p10, r.p50, r.p90] {
            assert_eq!(figure, o.total, "{}", o.offer.name);
        }
        assert_eq!(r.expected_idle_cost, o.idle_cost);
        assert_eq!(r.expected_unused_api_commit, o.api_unused_commit);
        assert_eq!(r.draws, 40);
        assert_eq!(r.seed, 9);
    }
}

#[test]
fn the_figures_do_not_depend_on_the_thread_count() {
    let s = with_uncertainty(
        DEMO,
        "[uncertainty]\ndraws = 301\nadoption_pct = 30\nramp_pct = 50\napi_volume_pct = 40\napi_growth_pp = 2",
    );
    let one = risk::run_with_threads(&s, 1).unwrap();
    for threads in [2, 3, 7] {
        assert_eq!(risk::run_with_threads(&s, threads).unwrap(), one);
    }
}

#[test]
fn the_same_file_gives_the_same_report_byte_for_byte() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/northwind-uncertain.toml"
    );
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_dealbench"))
            .args(["report", "--json", path])
            .output()
            .unwrap()
    };
    let (a, b) = (run(), run());
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let risk = &v["offers"][0]["risk"];
    assert_eq!(risk["draws"], 2000);
    assert!(risk["prob_over_walk_away"].is_string());
}

#[test]
fn a_file_without_uncertainty_has_no_risk_in_its_json() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["report", "--json", path])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for o in v["offers"].as_array().unwrap() {
        assert!(o.get("risk").is_none());
    }
}

/// One region of 100 working users whose target is drawn from
/// triangular(0, 100, 200); two offers at $10 a seat-month over 12
/// months with a monthly true-up at the contract rate: 100 seats and 150.
const SMALL: &str = r#"schema = 1
[deal]
name = "Small"
currency = "USD"
start = 2027-01-01
horizon_months = 12
walk_away_total = 15000

[[region]]
id = "na"
headcount = 1000
provisioned = 100
mau = 100
wau = 100
dau = 50

[[offer]]
name = "A"
seats = 100
seat_price = 10

[[offer]]
name = "B"
seats = 150
seat_price = 10
"#;

#[test]
fn the_probabilities_match_a_case_computed_by_hand() {
    let s = with_uncertainty(
        SMALL,
        "[uncertainty]\ndraws = 4000\nseed = 3\nadoption_pct = 100",
    );
    let u = s.uncertainty.clone().unwrap();
    let risks = risk::run(&s).unwrap().unwrap();
    // By hand: a draw's target T; A pays 12·10·100 + 12·10·max(0, T − 100),
    // B 12·10·150 + 12·10·max(0, T − 150). A is never dearer; they tie
    // when T ≥ 150, which triangular(0, 100, 200) gives with chance 1/8.
    let mut drawer = Drawer::new(&s, &u, 0);
    let targets: Vec<u64> = (0..u.draws)
        .map(|_| drawer.next_draw().regions[0].0)
        .collect();
    let n = Decimal::from(u.draws);
    let a: Vec<Decimal> = targets
        .iter()
        .map(|t| Decimal::from(12_000 + 120 * t.saturating_sub(100)))
        .collect();
    let b: Vec<Decimal> = targets
        .iter()
        .map(|t| Decimal::from(18_000 + 120 * t.saturating_sub(150)))
        .collect();
    let pct = |count: usize| cents(Decimal::from(count as u64) * Decimal::ONE_HUNDRED / n);
    let ties = a.iter().zip(&b).filter(|(x, y)| x == y).count();
    let trued_up = targets.iter().filter(|t| **t > 100).count();
    let over = a.iter().filter(|x| **x > d("15000")).count();
    let mean_a = a.iter().sum::<Decimal>() / n;
    let true_up_a = (a.iter().sum::<Decimal>() - Decimal::from(12_000) * n) / n;
    let (ra, rb) = (&risks[0], &risks[1]);
    assert_eq!(ra.mean, mean_a);
    assert_eq!(ra.expected_true_up_cost, true_up_a);
    assert_eq!(ra.prob_true_up, pct(trued_up));
    assert_eq!(ra.prob_over_walk_away, Some(pct(over)));
    // Ties shared: B's share is half the ties, A has the rest.
    assert_eq!(
        rb.prob_cheapest,
        cents(Decimal::from(ties as u64) * Decimal::from(50) / n)
    );
    let half_ties = Decimal::from(ties as u64) / Decimal::TWO;
    assert_eq!(
        ra.prob_cheapest,
        cents((n - half_ties) * Decimal::ONE_HUNDRED / n)
    );
    // And the draws follow the distribution: P(T ≥ 150) = 1/8, P(T > 100) = 1/2.
    let tie_share = ties as f64 / f64::from(u.draws);
    assert!((tie_share - 0.125).abs() < 0.02, "{tie_share}");
    let up_share = trued_up as f64 / f64::from(u.draws);
    assert!((up_share - 0.5).abs() < 0.03, "{up_share}");
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(ra.p90, nearest_rank(&sorted, 90));
    assert_eq!(ra.p10, sorted[399]);
}

/// Brute force: the offer priced by the whole engine at every lever value.
fn brute_force(
    s: &Scenario,
    offer: usize,
    lever: Lever,
    figure: Figure,
    low: i64,
    top: i64,
) -> i64 {
    let u = s.uncertainty.clone().unwrap();
    let base = s.resolved_offers()[offer].clone();
    let mut best: Option<(i64, Decimal)> = None;
    for v in low..=top {
        let moved = lever.set(&base, Decimal::from(v));
        let samples = risk::samples(s, &u, std::slice::from_ref(&moved), 1).unwrap();
        let mut totals: Vec<Decimal> = samples.iter().map(|d| d[0].total).collect();
        let x = match figure {
            Figure::Mean => totals.iter().sum(),
            Figure::P90 => {
                totals.sort();
                nearest_rank(&totals, 90)
            }
        };
        let better = match best {
            None => true,
            Some((b, y)) => x < y || (x == y && lever == Lever::ApiCommit && v > b),
        };
        if better {
            best = Some((v, x));
        }
    }
    best.unwrap().0
}

const WORKLOAD: &str = r#"
[[workload]]
name = "assistant"
input_mtok = 10
output_mtok = 2
growth_pct = 1

[[offer]]
name = "C"
seats = 120
seat_price = 10
api_commit = 200
api_discount_pct = 10
"#;

#[test]
fn seek_minimise_finds_the_brute_force_seat_count() {
    // A true-up dearer than a committed seat: the best commit is inside
    // the range of drawn demand.
    let text = SMALL.replace("seats = 100\n", "seats = 100\ntrue_up_rate_pct = 125\n");
    let s = with_uncertainty(
        &text,
        "[uncertainty]\ndraws = 60\nseed = 5\nadoption_pct = 40",
    );
    let top = s.regions[0].target_wau as i64 * 2;
    for figure in [Figure::Mean, Figure::P90] {
        let want = brute_force(&s, 0, Lever::Seats, figure, 0, top);
        for work in [u64::MAX, 0] {
            let m = minimise_with(&s, 0, Lever::Seats, figure, 2, work).unwrap();
            assert_eq!(
                m.value,
                Decimal::from(want),
                "{figure:?}, exhaustive bound {work}"
            );
            assert_eq!(m.exhaustive, work == u64::MAX);
        }
    }
}

#[test]
fn seek_minimise_finds_the_brute_force_api_commit() {
    let text = format!("{SMALL}{WORKLOAD}");
    let s = with_uncertainty(
        &text,
        "[uncertainty]\ndraws = 50\nseed = 2\napi_volume_pct = 40\napi_growth_pp = 2",
    );
    // The discounted year of use is under $2,000 in every draw.
    let want = brute_force(&s, 2, Lever::ApiCommit, Figure::Mean, 0, 2_000);
    let m = minimise_with(&s, 2, Lever::ApiCommit, Figure::Mean, 1, u64::MAX).unwrap();
    assert_eq!(m.value, Decimal::from(want));
    let searched = minimise_with(&s, 2, Lever::ApiCommit, Figure::Mean, 2, 0).unwrap();
    assert_eq!(searched.value, Decimal::from(want));
    assert!(m.saving() >= Decimal::ZERO);
    assert!(m.value > Decimal::ZERO);
}

#[test]
fn seek_minimise_on_the_command_line() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/northwind-uncertain.toml"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["seek", path, "--offer", "Vendor quote", "--lever", "seats"])
        .args(["--minimise", "mean", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["minimise"], "mean");
    assert_eq!(v["figure"], v["risk"]["mean"]);
    let value: i64 = v["value"].as_str().unwrap().parse().unwrap();
    assert!(value < 2500, "{value}");
    let no_table = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args([
            "seek",
            no_table,
            "--offer",
            "Vendor quote",
            "--lever",
            "seats",
        ])
        .args(["--minimise", "p90"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no [uncertainty] table"));
}

#[test]
fn a_save_keeps_the_uncertainty_table() {
    let table =
        "[uncertainty]   # what we do not know\ndraws = 500\nseed = 42\nadoption_pct = 25.5\n";
    let text = format!("{SMALL}\n{table}");
    let mut m = common::keys::open(&text);
    common::keys::key(&mut m, KeyCode::Right);
    let saved = common::keys::save(&mut m);
    assert!(saved.contains(table), "{saved}");
    let s = parse_str("deal.toml", &saved).unwrap();
    let u = s.uncertainty.unwrap();
    assert_eq!((u.draws, u.seed, u.adoption_pct), (500, 42, d("25.5")));
    assert_ne!(saved, text);
}

#[test]
fn the_text_report_and_the_brief_have_a_risk_section_only_with_the_table() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dealbench"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let with = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/northwind-uncertain.toml"
    );
    let without = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml");
    let text = run(&["report", with]);
    assert!(text.contains("Risk over 2,000 draws (seed 1)"), "{text}");
    assert!(text.contains("P90 total"));
    assert!(!run(&["report", without]).contains("Risk over"));
    let brief = run(&["export", with, "--format", "md"]);
    assert!(brief.contains("## Risk"), "{brief}");
    assert!(brief.contains("| Over the walk-away (% of draws) |"));
    assert!(!run(&["export", without, "--format", "md"]).contains("## Risk"));
}
