//! Property: an offer edited to any values the loader allows — random, at
//! the edges of each range, strings full of quotes, backslashes, controls
//! and bidi marks — survives load → evaluate → save → load unchanged.
//!
//! Each case draws every lever of two offers (`Vendor` and `Ours`, based on
//! it) and takes two routes to a file holding them:
//! * written by hand into the scenario text ([`render`], independent of the
//!   writer), then loaded and evaluated: `Ok` or `Err(Overflow)`, never a
//!   panic, and the loaded offers are the drawn ones;
//! * applied to the base scenario with `scenario::save::write_offers`, saved
//!   with `store::write_atomic` and loaded back from disk: the same offers
//!   again, and saving them once more changes nothing.
//!
//! 256 cases, a few seconds in a debug build.

use dealbench::engine;
use dealbench::scenario::save::write_offers;
use dealbench::scenario::{
    Billing, OfferSpec, Party, RampStep, SeatPlan, TrueUp, load_file, parse_str,
};
use dealbench::store::write_atomic;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The scenario the offers are written into; the offers' own lines come
/// after it.
const HEAD: &str = r#"# Round-trip base: comments and layout must survive.
schema = 1

[deal]
name = "Round trip"
currency = "USD"
start = 2027-01-01

[[region]]
id = "all"
headcount = 2000
provisioned = 1000
mau = 550
wau = 550
dau = 300

[[workload]]
name = "support"
input_mtok = 100
output_mtok = 10
"#;

/// The base offers: every lever the writer may have to add, change or
/// remove starts somewhere.
const BASE_OFFERS: &str = r#"
[[offer]]
name = "Vendor"
by = "vendor"
seats = 1000   # the quote
seat_price = 60
term_months = 12
true_up = "monthly"
terms = ["sso"]

[[offer]]
name = "Ours"
based_on = "Vendor"
seats = 650
uplift_cap_pct = 3
"#;

/// A decimal in `[0, max]` with up to the digits exact arithmetic keeps,
/// weighted towards the edges.
fn decimal(max: i64) -> impl Strategy<Value = Decimal> {
    let top = Decimal::from(max);
    // The largest scale at which max · 10^scale still fits in 96 bits.
    let max_scale = (0..=28u32)
        .take_while(|s| {
            top.checked_mul(Decimal::from_i128_with_scale(10i128.pow(*s), 0))
                .is_some()
        })
        .last()
        .unwrap_or(0);
    let random = (0..=max_scale).prop_flat_map(move |scale| {
        let limit = i128::from(max) * 10i128.pow(scale);
        (0..=limit).prop_map(move |m| Decimal::from_i128_with_scale(m, scale))
    });
    let just_below = top - Decimal::new(1, max_scale);
    prop_oneof![
        3 => random,
        1 => prop::sample::select(vec![
            Decimal::ZERO,
            Decimal::new(1, 28),
            Decimal::ONE,
            top,
            just_below,
            Decimal::new(0, 3),
        ]),
    ]
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![1 => Just(0u64), 1 => Just(10_000_000u64), 3 => 0..=10_000_000u64]
}

fn months(min: u32) -> impl Strategy<Value = u32> {
    prop_oneof![1 => Just(min), 1 => Just(600u32), 3 => min..=600u32]
}

fn seat_plan() -> impl Strategy<Value = SeatPlan> {
    let ramp = prop::collection::btree_map(months(0), count(), 1..5).prop_map(|steps| {
        SeatPlan::Ramp(
            steps
                .into_iter()
                .map(|(month, seats)| RampStep { month, seats })
                .collect(),
        )
    });
    prop_oneof![count().prop_map(SeatPlan::Fixed), ramp]
}

/// Term names: trimmed, unique, anything a string may hold.
fn terms() -> impl Strategy<Value = Vec<String>> {
    let hostile = prop::sample::select(vec![
        "sso".to_string(),
        "say \"no\"".to_string(),
        "back\\slash".to_string(),
        "\u{1b}[31mred\u{7}".to_string(),
        "tab\there\r\nline".to_string(),
        "\u{202e}evil\u{2066}".to_string(),
        "data residency — EU".to_string(),
        "'single' ''' \"\"\"".to_string(),
    ]);
    let any = "\\PC{1,12}".prop_map(|s: String| s.trim().to_string());
    prop::collection::vec(prop_oneof![hostile, any], 0..4).prop_map(|v| {
        let mut out: Vec<String> = Vec::new();
        for t in v {
            if !t.is_empty() && !out.contains(&t) {
                out.push(t);
            }
        }
        out
    })
}

fn party() -> impl Strategy<Value = Party> {
    prop::sample::select(vec![Party::Vendor, Party::Us])
}

fn true_up() -> impl Strategy<Value = TrueUp> {
    prop::sample::select(TrueUp::ALL.to_vec())
}

fn billing() -> impl Strategy<Value = Billing> {
    prop::sample::select(vec![Billing::Annual, Billing::Monthly])
}

fn tier() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["enterprise".to_string(), "team".to_string()])
}

/// Every lever of an offer, each set or not (`seats` always set when
/// `with_seats`, so an annual offer has a commit).
fn levers(name: &'static str, with_seats: bool) -> impl Strategy<Value = OfferSpec> {
    let seats = if with_seats {
        seat_plan().prop_map(Some).boxed()
    } else {
        prop::option::of(seat_plan()).boxed()
    };
    let prices = (
        prop::option::of(count()),
        prop::option::of(decimal(1_000_000)),
        prop::option::of(decimal(1_000_000)),
        prop::option::of(billing()),
        prop::option::of(months(1)),
    );
    let rises = (
        prop::option::of(decimal(100)),
        prop::option::of(decimal(100)),
        prop::option::of(decimal(100)),
    );
    let true_ups = (
        prop::option::of(true_up()),
        prop::option::of(any::<bool>()),
        prop::option::of(decimal(1000)),
        prop::option::of(decimal(1000)),
        prop::option::of(any::<bool>()),
    );
    let api = (
        prop::option::of(decimal(1_000_000_000_000)),
        prop::option::of(decimal(100)),
        prop::option::of(terms()),
    );
    let who = (prop::option::of(party()), prop::option::of(tier()), seats);
    (who, prices, rises, true_ups, api).prop_map(move |(w, p, r, t, a)| OfferSpec {
        // The loader's identity: the offer's place in the file.
        id: u64::from(name == "Ours"),
        name: name.to_string(),
        by: w.0,
        based_on: (name == "Ours").then(|| "Vendor".to_string()),
        tier: w.1,
        seats: w.2,
        team_seats: p.0,
        team_price: p.1,
        seat_price: p.2,
        billing: p.3,
        term_months: p.4,
        uplift_pct: r.0,
        uplift_cap_pct: r.1,
        renewal_cap_pct: r.2,
        true_up: t.0,
        true_up_ratchet: t.1,
        true_up_rate_pct: t.2,
        true_up_cap_pct: t.3,
        downsize_at_anniversary: t.4,
        api_commit: a.0,
        api_discount_pct: a.1,
        terms: a.2,
        ..OfferSpec::default()
    })
}

/// A TOML basic string holding exactly `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An offer's table, written by hand.
fn render(o: &OfferSpec) -> String {
    let mut t = format!("\n[[offer]]\nname = {}\n", toml_string(&o.name));
    let mut line = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            t.push_str(&format!("{key} = {v}\n"));
        }
    };
    let dec = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
    line("by", o.by.map(|b| toml_string(b.as_str())));
    line("based_on", o.based_on.as_deref().map(toml_string));
    line("tier", o.tier.as_deref().map(toml_string));
    match &o.seats {
        Some(SeatPlan::Fixed(n)) => line("seats", Some(n.to_string())),
        Some(SeatPlan::Ramp(steps)) => {
            let steps: Vec<String> = steps
                .iter()
                .map(|s| format!("{{ month = {}, seats = {} }}", s.month, s.seats))
                .collect();
            line("seat_ramp", Some(format!("[{}]", steps.join(", "))));
        }
        None => {}
    }
    line("team_seats", o.team_seats.map(|n| n.to_string()));
    line("team_price", dec(o.team_price));
    line("seat_price", dec(o.seat_price));
    line("billing", o.billing.map(|b| toml_string(b.as_str())));
    line("term_months", o.term_months.map(|n| n.to_string()));
    line("uplift_pct", dec(o.uplift_pct));
    line("uplift_cap_pct", dec(o.uplift_cap_pct));
    line("renewal_cap_pct", dec(o.renewal_cap_pct));
    line("true_up", o.true_up.map(|x| toml_string(x.as_str())));
    line("true_up_ratchet", o.true_up_ratchet.map(|b| b.to_string()));
    line("true_up_rate_pct", dec(o.true_up_rate_pct));
    line("true_up_cap_pct", dec(o.true_up_cap_pct));
    line(
        "downsize_at_anniversary",
        o.downsize_at_anniversary.map(|b| b.to_string()),
    );
    line("api_commit", dec(o.api_commit));
    line("api_discount_pct", dec(o.api_discount_pct));
    let terms = o.terms.as_ref().map(|ts| {
        let ts: Vec<String> = ts.iter().map(|s| toml_string(s)).collect();
        format!("[{}]", ts.join(", "))
    });
    line("terms", terms);
    t
}

/// The offers without the positions, which move when the text changes.
fn levers_only(offers: &[OfferSpec]) -> Vec<OfferSpec> {
    offers
        .iter()
        .map(|o| OfferSpec {
            span: 0..0,
            name_span: 0..0,
            based_on_span: None,
            ..o.clone()
        })
        .collect()
}

/// Load `text`, evaluate it (figures or an overflow, never a panic) and
/// return its offers.
fn load_and_price(what: &str, text: &str) -> Result<Vec<OfferSpec>, TestCaseError> {
    let s = parse_str(what, text).map_err(|d| TestCaseError::fail(format!("{what}:\n{d}")))?;
    if let Ok(ev) = engine::evaluate(&s) {
        for o in &ev.outcomes {
            prop_assert_eq!(o.monthly_costs().len(), ev.horizon as usize);
        }
    }
    Ok(levers_only(&s.offers))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        max_shrink_iters: 1024,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn edited_offers_survive_load_evaluate_save_load(
        vendor in levers("Vendor", true),
        ours in levers("Ours", false),
    ) {
        let edited = vec![vendor, ours];

        // Route 1: the values written by hand into the scenario.
        let by_hand = format!("{HEAD}{}{}", render(&edited[0]), render(&edited[1]));
        prop_assert_eq!(load_and_price("by-hand.toml", &by_hand)?, edited.clone());

        // Route 2: the writer applies them to the base, which is saved.
        let base_text = format!("{HEAD}{BASE_OFFERS}");
        let base = parse_str("base.toml", &base_text).map_err(|d| TestCaseError::fail(d.to_string()))?;
        let mut after = edited.clone();
        for (a, b) in after.iter_mut().zip(&base.offers) {
            a.api = b.api.clone();
            a.regional_price = b.regional_price.clone();
        }
        let saved = write_offers(&base_text, &base.offers, &after)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(saved.starts_with("# Round-trip base"), "the comments survive");
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let file = dir.path().join("deal.toml");
        write_atomic(&file, saved.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let reloaded = load_file(&file).map_err(|e| TestCaseError::fail(format!("{e}\n{saved}")))?;
        prop_assert_eq!(levers_only(&reloaded.offers), edited.clone());
        load_and_price("saved.toml", &saved)?;

        // Saving the reloaded offers again changes nothing.
        let again = write_offers(&saved, &reloaded.offers, &reloaded.offers)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again, saved);
    }
}
