//! The §8 levers in the workbench: the one-hour cache and long-context
//! shares are listed when the scenario uses them, move the API total, save
//! as single lines in `[offer.api]`, and reset away again.

use crossterm::event::{KeyCode, KeyModifiers};
use dealbench::tui::levers::Lever;

mod common;
use common::keys::{d, key, open, press, save, to};
use common::screen::screen;

const DEAL: &str = r#"schema = 1

[deal]
name = "Shares"
currency = "USD"
start = 2027-01-01
horizon_months = 12

[[region]]
id = "na"
headcount = 100
provisioned = 80
mau = 60
wau = 50
dau = 20

[[workload]]
name = "assistant"
input_mtok = 100
output_mtok = 10
cacheable = 0.5
route = { sonnet = 1.0 }
cache_hit = 0.8
cache_1h = 0.25     # from the usage report
long_context = 0.1

[[offer]]
name = "Quote"
by = "vendor"
seats = 60
"#;

#[test]
fn the_levers_appear_only_when_the_scenario_uses_the_shares() {
    let m = open(DEAL);
    assert!(m.levers().contains(&Lever::Cache1h));
    assert!(m.levers().contains(&Lever::LongContext));
    let plain = DEAL
        .replace("cache_1h = 0.25     # from the usage report\n", "")
        .replace("long_context = 0.1\n", "");
    let m = open(&plain);
    assert!(!m.levers().contains(&Lever::Cache1h));
}

#[test]
fn moving_the_long_context_share_reprices_and_saves_one_line() {
    let mut m = open(DEAL);
    let before = m.outcome().api_list;
    to(&mut m, Lever::LongContext);
    press(&mut m, KeyCode::Left, KeyModifiers::SHIFT);
    assert_eq!(m.offer().api.all.long_context, Some(d("0.05")));
    assert!(
        m.outcome().api_list < before,
        "less long context costs less"
    );
    to(&mut m, Lever::Cache1h);
    key(&mut m, KeyCode::Right);
    assert_eq!(m.offer().api.all.cache_1h, Some(d("0.26")));
    let text = save(&mut m);
    assert!(
        text.ends_with("seats = 60\n\n[offer.api]\ncache_1h = 0.26\nlong_context = 0.05\n"),
        "{text}"
    );
    key(&mut m, KeyCode::Char('0'));
    to(&mut m, Lever::LongContext);
    key(&mut m, KeyCode::Char('0'));
    assert_eq!(m.offer().api, Default::default());
    assert_eq!(m.outcome().api_list, before);
}

#[test]
fn the_api_panel_shows_both_shares_per_workload() {
    let mut m = open(DEAL);
    m.focus = dealbench::tui::model::Panel::Api;
    let s = screen(&m, 80, 24);
    let head = s
        .lines()
        .find(|l| l.contains("Workload"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(head.contains("1h") && head.contains("long"), "{s}");
    let row = s
        .lines()
        .find(|l| l.contains("assistant"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("25%") && row.contains("10%"), "{row}");
}
