//! Property: any sequence of edits to the deal, regions, workloads, routes,
//! FX and `[uncertainty]` — typed values random, at the edges of each
//! range and beyond, some refused — leaves a file that loads back as
//! exactly the edited sections, saves again unchanged, and keeps every
//! byte outside the tables the edits touched.
//!
//! 128 cases of up to eight edits each, a few seconds in a debug build.

use dealbench::scenario::authored::{Rows, Sections};
use dealbench::scenario::edit::{
    DealField, Edit, Edited, RegionField, UncertaintyField, WorkloadField, attempt,
};
use dealbench::scenario::save::Baseline;
use dealbench::scenario::{Scenario, parse_str};
use proptest::prelude::*;

const DEMO: &str = include_str!("../assets/demo.toml");

/// The file text of `now` written over `source` as loaded into `saved`.
fn text_of(source: &str, saved: &Scenario, now: &Scenario, rows: &Rows) -> String {
    let sections = Sections::of(saved);
    let base = Baseline {
        source,
        offers: &saved.offers,
        sections: &sections,
        log: saved.log.len(),
    };
    base.text(now, rows).unwrap()
}

/// A typed value: a count, a share, a percentage, a date or a slip.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..3000).prop_map(|n| n.to_string()),
        (0u64..=100).prop_map(|n| format!("0.{n:02}")),
        (0u64..=120).prop_map(|n| format!("{n}%")),
        Just("1,200".to_string()),
        Just("10000001".to_string()),
        Just("-5".to_string()),
        Just("1.5".to_string()),
        Just("abc".to_string()),
        Just("none".to_string()),
        Just("2027-06-01".to_string()),
        Just("sso, scim".to_string()),
        Just("EUR".to_string()),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    let region = (0usize..4, 0..RegionField::ALL.len(), typed())
        .prop_map(|(i, f, t)| Edit::Region(i, RegionField::ALL[f], t));
    let workload = (0usize..4, 0..WorkloadField::ALL.len(), typed())
        .prop_map(|(i, f, t)| Edit::Workload(i, WorkloadField::ALL[f], t));
    let deal =
        (0..DealField::ALL.len(), typed()).prop_map(|(f, t)| Edit::Deal(DealField::ALL[f], t));
    let risk = (0..UncertaintyField::ALL.len(), typed())
        .prop_map(|(f, t)| Edit::Uncertainty(UncertaintyField::ALL[f], t));
    let share = prop_oneof![3 => (0u64..=100).prop_map(|n| format!("0.{n:02}")), 1 => typed()];
    let route =
        (0usize..4, 0usize..3, share).prop_map(|(workload, model, text)| Edit::RouteShare {
            workload,
            model,
            text,
        });
    let fx = (prop_oneof![Just("EUR"), Just("GBP"), Just("JPY")], typed())
        .prop_map(|(c, t)| Edit::Fx(c.to_string(), t));
    prop_oneof![
        4 => region,
        3 => workload,
        2 => deal,
        1 => risk,
        2 => route,
        1 => fx,
        1 => Just(Edit::AddRegion),
        1 => (0usize..4).prop_map(Edit::RemoveRegion),
        1 => Just(Edit::AddWorkload),
        1 => (0usize..4).prop_map(Edit::RemoveWorkload),
        1 => Just(Edit::AddUncertainty),
        1 => Just(Edit::RemoveUncertainty),
        1 => Just(Edit::RemoveFx("GBP".into())),
    ]
}

/// The byte range of the region table with `id` in `src`, to the blank
/// line that ends it.
fn table_of(src: &str, header: &str) -> std::ops::Range<usize> {
    let at = src.find(header).unwrap();
    let end = src[at..].find("\n\n").map_or(src.len(), |k| at + k + 1);
    at..end
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn edits_save_and_load_back_as_edited(edits in prop::collection::vec(edit(), 1..8)) {
        let saved = parse_str("deal.toml", DEMO).unwrap();
        let mut now = Edited { scenario: saved.clone(), rows: Rows::loaded(&Sections::of(&saved)) };
        for e in &edits {
            let write = |s: &Scenario, r: &Rows| Ok(text_of(DEMO, &saved, s, r));
            match attempt(&now.scenario, &now.rows, e, write) {
                Ok(next) => now = next,
                Err(why) => prop_assert!(!why.is_empty()),
            }
        }
        let text = text_of(DEMO, &saved, &now.scenario, &now.rows);
        let back = parse_str("deal.toml", &text).unwrap();
        prop_assert_eq!(Sections::of(&back), Sections::of(&now.scenario));
        prop_assert_eq!(&back.offers.len(), &now.scenario.offers.len());
        // Saving what was loaded back changes nothing.
        let again = text_of(&text, &back, &back, &Rows::loaded(&Sections::of(&back)));
        prop_assert_eq!(again, text.clone());
        // The file's opening comment block is never touched.
        let head = &DEMO[..DEMO.find("schema = 1").unwrap()];
        prop_assert!(text.starts_with(head));
    }

    #[test]
    fn a_region_edit_touches_only_that_regions_table(
        field in 0..RegionField::ALL.len(),
        value in typed(),
    ) {
        let saved = parse_str("deal.toml", DEMO).unwrap();
        let rows = Rows::loaded(&Sections::of(&saved));
        let e = Edit::Region(1, RegionField::ALL[field], value);
        let write = |s: &Scenario, r: &Rows| Ok(text_of(DEMO, &saved, s, r));
        if let Ok(next) = attempt(&saved, &rows, &e, write) {
            let text = text_of(DEMO, &saved, &next.scenario, &next.rows);
            let t = table_of(DEMO, "[[region]]\nid = \"emea\"");
            prop_assert!(text.starts_with(&DEMO[..t.start]));
            if next.scenario.regions[1].id == "emea" {
                prop_assert!(text.ends_with(&DEMO[t.end..]), "{}", text);
            }
        }
    }
}
