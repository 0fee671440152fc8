//! Goal seek (SPEC.md §6) on tiny scenarios whose answers are worked out by
//! hand in the comments: rising and falling levers, flat stretches, seat
//! ramps, a seat total that falls before it rises, and the lean pricer
//! agreeing with the full report.

use std::path::Path;

use dealbench::engine::pricer::price_offer;
use dealbench::engine::seek::{Lever, SeekError, Target, solve};
use dealbench::engine::{Shared, evaluate};
use dealbench::scenario::{OfferSpec, Scenario, SeatPlan, load_file, parse_str};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn scenario(body: &str) -> Scenario {
    let src = format!(
        "schema = 1\n[deal]\nname = \"t\"\ncurrency = \"USD\"\nstart = 2027-01-01\n{body}\n"
    );
    parse_str("test.toml", &src).unwrap_or_else(|e| panic!("{e}\n{src}"))
}

/// 100 weekly active, flat; one workload of 1,000 Mtok input a month on
/// Opus at $5 = $5,000 a month, $60,000 a year at list.
const FLAT_100_WITH_API: &str = "horizon_months = 12\n\
[[region]]\nid = \"r\"\nheadcount = 1000\nprovisioned = 100\nmau = 100\nwau = 100\ndau = 0\n\
[[workload]]\nname = \"w\"\ninput_mtok = 1000\noutput_mtok = 0\n";

/// Seats: 100 × $10 × 12 = $12,000. API: max($30,000, $60,000 × (1 − d)).
fn api_offer(extra: &str) -> Scenario {
    scenario(&format!(
        "{FLAT_100_WITH_API}[[offer]]\nname = \"a\"\nseats = 100\nseat_price = 10\napi_commit = 30000\n{extra}\n"
    ))
}

#[test]
fn seat_price_matches_the_usage_sized_offer_at_39() {
    // Vendor: 1,000 seats × 12 months × p ≤ 468,000 (650 × 60 × 12) → p ≤ 39.
    let s = load_file(Path::new("scenarios/seat-sizing.toml")).unwrap();
    let r = solve(&s, 0, Lever::SeatPrice, Target::Match(1)).unwrap();
    assert_eq!(r.value, d("39.00"));
    assert_eq!(r.total, d("468000"));
    assert_eq!(r.target, d("468000"));
    assert_eq!(
        r.target_offer.as_deref(),
        Some("Working population + buffer")
    );
    assert_eq!((r.current_value, r.current_total), (d("60"), d("720000")));
    assert_eq!(r.same_total, (d("39.00"), d("39.00")));
}

#[test]
fn api_discount_falls_so_the_answer_is_the_smallest_discount() {
    // 12,000 + 60,000 × (1 − d) ≤ 57,000 → d ≥ 25 %.
    let s = api_offer("");
    let r = solve(&s, 0, Lever::ApiDiscount, Target::Total(d("57000"))).unwrap();
    assert_eq!((r.value, r.total), (d("25.00"), d("57000")));
    // ≤ 50,000.55 → 60,000 × (1 − d) ≤ 38,000.55 → d ≥ 36.6657… → 36.67 %,
    // where use costs round(60,000 × 0.6333) = 37,998.00 (36.66 % gives
    // 38,004.00, over).
    let r = solve(&s, 0, Lever::ApiDiscount, Target::Total(d("50000.55"))).unwrap();
    assert_eq!((r.value, r.total), (d("36.67"), d("49998.00")));
}

#[test]
fn api_discount_reaching_the_commit_floor_reports_the_flat_stretch() {
    // ≤ 42,000 needs use ≤ 30,000: d ≥ 50 %; beyond, the commit is paid
    // whatever the discount, so 50 % to 100 % all give 42,000.
    let s = api_offer("");
    let r = solve(&s, 0, Lever::ApiDiscount, Target::Total(d("42000"))).unwrap();
    assert_eq!((r.value, r.total), (d("50.00"), d("42000")));
    assert_eq!(r.same_total, (d("50.00"), d("100.00")));
}

#[test]
fn below_the_commit_floor_there_is_no_discount_that_helps() {
    // The commit alone costs 12,000 + 30,000 = 42,000 > 41,999.
    let s = api_offer("");
    let err = solve(&s, 0, Lever::ApiDiscount, Target::Total(d("41999"))).unwrap_err();
    let SeekError::NoSolution(n) = &err else {
        panic!("expected no solution, got {err:?}")
    };
    assert_eq!((n.lowest_total, n.lowest_at), (d("42000"), d("100.00")));
    assert!(
        err.to_string()
            .contains("API commit of 30,000.00 a year is paid in full")
    );
}

#[test]
fn an_api_commit_below_use_is_the_top_of_a_flat_stretch() {
    // Total = 12,000 + max(commit, 60,000). Within 72,000 the largest commit
    // is 60,000: every commit up to the use it covers costs nothing more.
    let s = api_offer("");
    let r = solve(&s, 0, Lever::ApiCommit, Target::Total(d("72000"))).unwrap();
    assert_eq!((r.value, r.total), (d("60000.00"), d("72000")));
    assert_eq!(r.same_total, (d("0.00"), d("60000.00")));
}

#[test]
fn an_uplift_above_its_cap_moves_nothing() {
    // 24 months, one anniversary: the 3 % cap holds the price whatever the
    // uplift, so every uplift from 3 % up gives the quoted total. (At $60,
    // 2.99 % gives round(61.794) = 61.79, below the capped 61.80; at $10
    // rounding would already reach 10.30 from 2.95 %.)
    let s = scenario(&format!(
        "{}[[offer]]\nname = \"a\"\nseats = 100\nseat_price = 60\nterm_months = 24\nuplift_pct = 8\nuplift_cap_pct = 3\n",
        FLAT_100_WITH_API.replace("horizon_months = 12", "horizon_months = 24")
    ));
    let r = solve(&s, 0, Lever::Uplift, Target::Match(0)).unwrap();
    assert_eq!(r.value, d("100.00"));
    assert_eq!(r.same_total, (d("3.00"), d("100.00")));
    assert_eq!(r.total, r.current_total);
}

#[test]
fn a_seat_ramp_moves_every_step_together() {
    // Demand 100; ramp 50 from month 0, 100 from month 6; $10, monthly
    // true-up at 100 %: every month bills max(demand, commit) = 100 seats,
    // 12,000. Moving the ramp by +Δ adds Δ seats to months 6–11 only:
    // 12,000 + 60Δ ≤ 12,600 → Δ = 10: the ramp ends at 110 (60, then 110).
    let s = scenario(
        "horizon_months = 12\n[[region]]\nid = \"r\"\nheadcount = 1000\nprovisioned = 100\nmau = 100\nwau = 100\ndau = 0\n\
         [[offer]]\nname = \"a\"\nseat_ramp = [ { month = 0, seats = 50 }, { month = 6, seats = 100 } ]\nseat_price = 10\n",
    );
    let r = solve(&s, 0, Lever::Seats, Target::Total(d("12600"))).unwrap();
    assert_eq!((r.value, r.total), (d("110"), d("12600")));
    let Some(SeatPlan::Ramp(steps)) = &r.moved.seats else {
        panic!("expected a ramp")
    };
    let seats: Vec<u64> = steps.iter().map(|s| s.seats).collect();
    assert_eq!(seats, [60, 110]);
    let mut spec = OfferSpec::default();
    r.apply(&mut spec);
    assert_eq!(spec.seats, r.moved.seats);
    // Below demand a seat committed or trued up costs the same: every ramp
    // ending from 0 to 100 gives 12,000, and the seek concedes the most.
    let r = solve(&s, 0, Lever::Seats, Target::Total(d("12000"))).unwrap();
    assert_eq!(r.value, d("100"));
    assert_eq!(r.same_total, (d("0"), d("100")));
}

#[test]
fn a_dear_true_up_makes_the_seat_total_fall_then_rise() {
    // Demand 100, $10, true-up at 150 %: below 100 seats each month costs
    // 10C + 15(100 − C) = 1,500 − 5C (falling), above it 10C (rising).
    // 0 seats cost 18,000, 100 seats 12,000. Within 12,600 the most seats
    // are 105 (12 × 1,050); bisecting from 0 alone would miss them.
    let s = scenario(
        "horizon_months = 12\n[[region]]\nid = \"r\"\nheadcount = 1000\nprovisioned = 100\nmau = 100\nwau = 100\ndau = 0\n\
         [[offer]]\nname = \"a\"\nseats = 20\nseat_price = 10\ntrue_up_rate_pct = 150\n",
    );
    let r = solve(&s, 0, Lever::Seats, Target::Total(d("12600"))).unwrap();
    assert_eq!((r.value, r.total), (d("105"), d("12600")));
    let err = solve(&s, 0, Lever::Seats, Target::Total(d("11000"))).unwrap_err();
    let SeekError::NoSolution(n) = err else {
        panic!("expected no solution")
    };
    assert_eq!((n.lowest_total, n.lowest_at), (d("12000"), d("100")));
}

#[test]
fn monthly_billing_has_no_seat_count_to_seek() {
    let s = scenario(
        "horizon_months = 12\n[[region]]\nid = \"r\"\nheadcount = 1000\nprovisioned = 100\nmau = 100\nwau = 100\ndau = 0\n\
         [[offer]]\nname = \"m\"\nbilling = \"monthly\"\n",
    );
    let err = solve(&s, 0, Lever::Seats, Target::Total(d("1"))).unwrap_err();
    assert!(matches!(err, SeekError::NotApplicable { .. }), "{err:?}");
    assert!(err.to_string().contains("bills monthly"));
}

#[test]
fn lever_names_parse_from_the_cli_and_the_file() {
    assert_eq!(Lever::parse("seat-price"), Some(Lever::SeatPrice));
    assert_eq!(Lever::parse("seat_price"), Some(Lever::SeatPrice));
    assert_eq!(Lever::parse("api_discount_pct"), Some(Lever::ApiDiscount));
    assert_eq!(Lever::parse("Uplift"), Some(Lever::Uplift));
    assert_eq!(Lever::parse("term"), None);
}

/// Every scenario the project ships.
fn shipped() -> Vec<Scenario> {
    let mut out = Vec::new();
    for dir in ["scenarios", "tests/data/examples"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "toml") {
                out.push(load_file(&p).unwrap());
            }
        }
    }
    out.push(load_file(Path::new("assets/demo.toml")).unwrap());
    out
}

#[test]
fn the_lean_pricer_agrees_with_the_report_to_the_cent() {
    for s in shipped() {
        let ev = evaluate(&s).unwrap();
        let shared = Shared::of(&s).unwrap();
        for o in &ev.outcomes {
            let p = price_offer(&s, &o.offer, &shared).unwrap();
            assert_eq!(p.total, o.total, "{} / {}", s.deal.name, o.offer.name);
            assert_eq!(p.seat_cost, o.seat_cost);
            assert_eq!(p.api_cost, o.api_cost);
            assert_eq!(p.idle_seat_months, o.idle_seat_months);
            assert_eq!(p.unserved_seat_months, o.unserved_seat_months);
        }
    }
}

#[test]
fn every_answer_meets_its_target_and_one_step_more_does_not() {
    // On the shipped scenarios, each offer's seat price matched to every
    // other offer: the answer is within the target and a cent more is over.
    for s in shipped() {
        let shared = Shared::of(&s).unwrap();
        let n = s.offers.len();
        for a in 0..n {
            for b in 0..n {
                let Ok(r) = solve(&s, a, Lever::SeatPrice, Target::Match(b)) else {
                    continue;
                };
                assert!(r.total <= r.target);
                let up = Lever::SeatPrice.set(&r.moved, r.value + d("0.01"));
                let over = price_offer(&s, &up, &shared).unwrap().total;
                assert!(over > r.target, "{}: {} → {}", s.deal.name, a, b);
            }
        }
    }
}
