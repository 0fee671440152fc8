//! SPEC.md §8 prices through the whole engine: a workload's and an offer
//! plan's `cache_1h` and `long_context` shares, the price book's
//! `cache_write_1h` and `long_context` prices, and the workload-month
//! rounded to cents once.

use dealbench::engine;
use dealbench::scenario::parse_str;
use rust_decimal::Decimal;

/// Sonnet, 100 Mtok in (half cacheable, 80 % of that read), 10 out, 20 %
/// on batch, 3 % growth, two months.
fn deal(workload_extra: &str, offer_extra: &str, pricebook: &str) -> String {
    format!(
        r#"
schema = 1
[deal]
name = "Extra API prices"
currency = "USD"
start = 2027-01-01
horizon_months = 2

[[region]]
id = "all"
headcount = 10
provisioned = 10
mau = 10
wau = 10
dau = 10

[[workload]]
name = "assistant"
input_mtok = 100
output_mtok = 10
cacheable = 0.5
growth_pct = 3
route = {{ sonnet = 1.0 }}
cache_hit = 0.8
batch = 0.2
{workload_extra}

[[offer]]
name = "Quote"
by = "vendor"
seats = 10
seat_price = 60
{offer_extra}
{pricebook}
"#
    )
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn api_list(text: &str) -> Decimal {
    let s = parse_str("deal.toml", text).unwrap();
    engine::evaluate(&s).unwrap().outcomes[0].api_list
}

#[test]
fn without_the_new_shares_nothing_changes() {
    // §3: plain 150 + writes 37.5 + reads 12 + output 150 = 349.5 × 0.9 =
    // 314.55; month 1 × 1.03 = 323.9865 → 323.99.
    assert_eq!(api_list(&deal("", "", "")), d("638.54"));
}

#[test]
fn one_hour_writes_and_long_context_on_the_workload() {
    // Unit 344.82375 (see engine::api tests); month 0 344.82, month 1
    // 355.1684625 → 355.17.
    let text = deal("cache_1h = 0.25\nlong_context = 0.1", "", "");
    assert_eq!(api_list(&text), d("699.99"));
}

#[test]
fn the_offer_plan_overrides_the_shares() {
    let text = deal(
        "cache_1h = 0.9\nlong_context = 0.9",
        "[offer.api]\ncache_1h = 0.25\nlong_context = 0.1",
        "",
    );
    assert_eq!(api_list(&text), d("699.99"));
}

#[test]
fn scenario_long_context_prices_replace_the_builtin_ones() {
    // Long-context Sonnet at the ordinary prices: only the 1-hour split
    // remains: unit 319.6125; months 319.61 + 329.200875 → 329.20.
    let text = deal(
        "cache_1h = 0.25\nlong_context = 0.1",
        "",
        "[pricebook.model.sonnet]\nlong_context = { input = 3, output = 15, cache_write = 3.75, cache_write_1h = 6, cache_read = 0.3 }",
    );
    assert_eq!(api_list(&text), d("648.81"));
}

#[test]
fn shares_outside_0_to_1_are_refused_at_their_place() {
    let text = deal("long_context = 1.5", "", "");
    let err = parse_str("deal.toml", &text).unwrap_err().to_string();
    assert!(err.contains("long_context"), "{err}");
    assert!(err.contains("deal.toml:"), "{err}");
}

#[test]
fn long_context_routed_to_a_model_without_the_window_is_warned() {
    let text = deal(
        "long_context = 0.1",
        "[offer.api]\nroute = { sonnet = 0.5, haiku = 0.5 }",
        "",
    );
    let s = parse_str("deal.toml", &text).unwrap();
    let ev = engine::evaluate(&s).unwrap();
    let w = &ev.outcomes[0].warnings;
    assert!(
        w.iter().any(
            |w| w.starts_with("long context on a model without long-context prices: haiku has")
        ),
        "{w:?}"
    );
    let fine = parse_str("deal.toml", &deal("long_context = 0.1", "", "")).unwrap();
    let ev = engine::evaluate(&fine).unwrap();
    assert!(
        !ev.outcomes[0]
            .warnings
            .iter()
            .any(|w| w.contains("long context"))
    );
}

#[test]
fn a_workload_override_beats_the_offer_wide_shares() {
    let text = deal(
        "",
        "[offer.api]\ncache_1h = 0.9\nlong_context = 0.9\n[offer.api.workload.assistant]\ncache_1h = 0.25\nlong_context = 0.1",
        "",
    );
    assert_eq!(api_list(&text), d("699.99"));
}
