//! `dealbench seek` as a negotiator runs it: the answer in a sentence or as
//! JSON, exit 1 when no value of the lever meets the target, exit 2 for bad
//! input.

use std::path::PathBuf;
use std::process::{Command, Output};

use rust_decimal::Decimal;
use serde_json::Value;

fn seek(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .arg("seek")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn seat_sizing() -> &'static str {
    "scenarios/seat-sizing.toml"
}

#[test]
fn seat_price_to_match_the_usage_sized_offer_is_39() {
    // The vendor's 1,000 seats × 12 months cost the same as our 650 × $60 ×
    // 12 = $468,000 only at $468,000 / 12,000 = $39.00 a seat.
    let out = seek(&[
        seat_sizing(),
        "--offer",
        "Vendor quote",
        "--lever",
        "seat-price",
        "--match",
        "Working population + buffer",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["offer"], "Vendor quote");
    assert_eq!(v["lever"], "seat-price");
    assert_eq!(v["value"], "39.00");
    assert_eq!(v["total"], "468000.00");
    assert_eq!(v["target"], "468000.00");
    assert_eq!(v["target_offer"], "Working population + buffer");
    assert_eq!(v["current_value"], "60.00");
}

#[test]
fn the_text_answer_is_a_sentence_with_the_figures() {
    let out = seek(&[
        seat_sizing(),
        "--offer",
        "Vendor quote",
        "--lever",
        "seat_price",
        "--match",
        "Working population + buffer",
    ]);
    assert!(out.status.success());
    let t = text(&out.stdout);
    assert!(
        t.contains("'Vendor quote' (1,000 seats) costs no more than 'Working population + buffer' ($468,000.00) only at $39.00 a seat or less"),
        "{t}"
    );
    assert!(t.contains("exactly on target"), "{t}");
}

#[test]
fn seats_within_a_typed_total() {
    // 694 × $60 × 12 = 499,680 ≤ 500,000 < 695 × 720 = 500,400.
    let out = seek(&[
        seat_sizing(),
        "--offer",
        "Vendor quote",
        "--lever",
        "seats",
        "--total",
        "$500,000",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["value"].as_str(), v["total"].as_str()),
        (Some("694"), Some("499680.00"))
    );
    assert_eq!(v["under_target"], "320.00");
}

#[test]
fn no_seat_count_reaches_a_total_below_the_true_up_of_demand() {
    // With 0 seats committed the monthly true-up still bills the 550 weekly
    // active: 550 × $60 × 12 = $396,000 > $300,000.
    let out = seek(&[
        seat_sizing(),
        "--offer",
        "Vendor quote",
        "--lever",
        "seats",
        "--total",
        "300000",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let e = text(&out.stderr);
    assert!(
        e.contains(
            "no seat count up to 10,000,000 seats brings 'Vendor quote' to 300,000.00 or less"
        ),
        "{e}"
    );
    assert!(e.contains("396,000.00 (at 0 seats)"), "{e}");
}

#[test]
fn the_api_discount_falls_so_seek_finds_the_least_discount() {
    // Demo: 'Usage-sized, capped' (12 % off) costs less than 'One year, Team
    // mix', so it can give up some discount: the answer is below 12 % and
    // its total within the target (the engine tests prove it is the least).
    let out = seek(&[
        "assets/demo.toml",
        "--offer",
        "Usage-sized, capped",
        "--lever",
        "api-discount",
        "--match",
        "One year, Team mix",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let dec = |k: &str| v[k].as_str().unwrap().parse::<Decimal>().unwrap();
    assert_eq!(v["lever"], "api-discount");
    assert_eq!(dec("current_value"), Decimal::from(12));
    assert!(dec("value") < dec("current_value"), "{v}");
    assert!(dec("total") <= dec("target"), "{v}");
}

#[test]
fn bad_input_exits_2_with_a_hint() {
    let out = seek(&[
        seat_sizing(),
        "--offer",
        "Vendor qoute",
        "--lever",
        "seat-price",
        "--total",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean 'Vendor quote'?"));
    let out = seek(&[
        seat_sizing(),
        "--offer",
        "Vendor quote",
        "--lever",
        "term",
        "--total",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("seat-price, seats, uplift, api-commit, api-discount"));
    let out = seek(&[
        seat_sizing(),
        "--offer",
        "Vendor quote",
        "--lever",
        "seats",
        "--total",
        "-5",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = seek(&[seat_sizing(), "--offer", "Vendor quote", "--lever", "seats"]);
    assert_eq!(out.status.code(), Some(2), "a target is required");
    let missing = PathBuf::from("tests/data/no-such-file.toml");
    let out = seek(&[
        missing.to_str().unwrap(),
        "--offer",
        "x",
        "--lever",
        "seats",
        "--total",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_monthly_offer_has_no_seats_to_seek() {
    let out = seek(&[
        "assets/demo.toml",
        "--offer",
        "Monthly, no commit",
        "--lever",
        "seats",
        "--total",
        "1000000",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("bills monthly and commits no seats"));
}

/// The vendor's seat price at which its total reaches `total`.
fn vendor_price_for(total: &str) -> Output {
    seek(&[
        seat_sizing(),
        "--offer",
        "Vendor quote",
        "--lever",
        "seat-price",
        "--total",
        total,
    ])
}

#[test]
fn a_total_written_in_another_convention_is_refused_not_guessed() {
    // "468.000,00" is European for 468,000 — read as 468 it would answer a
    // different question, so it is refused; so are Indian grouping, a
    // currency that is not the deal's and fractions of a cent.
    for typed in ["468.000,00", "4,68000", "1,00,000", "€468000", "468000.005"] {
        let out = vendor_price_for(typed);
        assert_eq!(out.status.code(), Some(2), "{typed}");
        let err = text(&out.stderr);
        assert!(err.contains(&format!("found '{typed}'")), "{typed}: {err}");
        assert!(out.stdout.is_empty(), "{typed}");
    }
    let out = vendor_price_for("-5");
    assert!(
        text(&out.stderr).contains("at least 0"),
        "{}",
        text(&out.stderr)
    );
}
