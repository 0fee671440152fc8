//! Bounded work on any file the loader accepts (issue 20): a 3,000-deep
//! `based_on` chain resolves in linear time and reports the figures today's
//! engine gives a short chain built by the same rule; a file above the work
//! budget is refused at load with its message, one just below is accepted.

use dealbench::engine;
use dealbench::money::Overflow;
use dealbench::report::json;
use dealbench::scenario;
use serde_json::Value;

#[path = "../benches/synth.rs"]
#[allow(dead_code)]
mod synth;

/// The §4 offers of a scenario's JSON report.
fn offers(text: &str) -> Vec<Value> {
    let s = scenario::parse_str("chain.toml", text).expect("the chain loads");
    let ev = engine::evaluate(&s).expect("the chain prices");
    let report = json::report_with(&s, &ev, &Err(Overflow("not needed here")));
    report["offers"].as_array().expect("offers").clone()
}

/// Every field `golden` holds (but the name, unless `named`), equal in
/// `actual`.
fn same_figures(golden: &Value, actual: &Value, named: bool) -> bool {
    golden
        .as_object()
        .expect("an offer")
        .iter()
        .filter(|(k, _)| named || k.as_str() != "name")
        .all(|(k, v)| actual.get(k) == Some(v))
}

#[test]
fn a_3000_deep_chain_reports_what_todays_engine_gives_the_50_deep_one() {
    let golden: Value =
        serde_json::from_str(include_str!("data/chain/chain50.json")).expect("the golden file");
    let golden = golden["offers"].as_array().expect("offers");
    assert_eq!(golden.len(), 50);
    let deep = offers(&synth::chain(3000));
    assert_eq!(deep.len(), 3000);
    // The first 50 offers are the 50-deep chain itself, name for name.
    for (i, g) in golden.iter().enumerate() {
        assert!(same_figures(g, &deep[i], true), "offer o{i}");
    }
    // From offer 6 on, offer i resolves as offer i − 30: each deeper offer
    // reports the figures of its like among the golden offers 20..50.
    for (i, d) in deep.iter().enumerate().skip(50) {
        let like = 20 + (i - 20) % 30;
        assert!(
            same_figures(&golden[like], d, false),
            "offer o{i} should report the figures of o{like}"
        );
    }
}

#[test]
fn every_resolution_path_agrees_on_a_deep_chain() {
    let s = scenario::parse_str("chain.toml", &synth::chain(400)).expect("loads");
    let all = s.resolved_offers();
    for i in [0, 1, 7, 199, 399] {
        let one = scenario::offers::resolve(&s, &format!("o{i}")).expect("resolves");
        assert_eq!(all[i], one, "o{i}");
    }
    assert_eq!(scenario::offers::dependants(&s, 397), vec![397, 398, 399]);
}
