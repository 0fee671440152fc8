//! The engine prices cache writes and reads with a model's own prices when
//! the price book gives them (SPEC.md §3, API), and with input × the
//! multipliers otherwise.

use dealbench::engine;
use dealbench::scenario::parse_str;
use rust_decimal::Decimal;

/// One workload for twelve months on Sonnet ($3 in, $15 out): 100 Mtok in
/// of which half is cacheable, 80 % of that read from cache; 10 Mtok out.
/// Per month: plain 50, cache writes 10, cache reads 40, output 10.
const DEAL: &str = r#"
schema = 1

[deal]
name = "Cache prices"
currency = "USD"
start = 2027-01-01
horizon_months = 12

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
route = { sonnet = 1.0 }
cache_hit = 0.8

[[offer]]
name = "Quote"
by = "vendor"
seats = 10
seat_price = 60
"#;

fn api_cost(pricebook: &str) -> Decimal {
    let s = parse_str("deal.toml", &format!("{DEAL}{pricebook}")).unwrap();
    let ev = engine::evaluate(&s).unwrap();
    ev.outcomes[0].api_cost
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

#[test]
fn derived_cache_prices_follow_the_multipliers() {
    // 50 × 3 + 10 × 3.75 + 40 × 0.30 + 10 × 15 = 349.50 a month.
    assert_eq!(api_cost(""), d("4194.00"));
}

#[test]
fn a_per_model_cache_read_price_replaces_input_times_the_multiplier() {
    // cache_read 0.50 instead of 3 × 0.1 = 0.30: 40 Mtok × 0.20 = 8.00 more
    // a month; 357.50 × 12 = 4,290.00.
    let cost = api_cost("\n[pricebook.model.sonnet]\ncache_read = 0.50\n");
    assert_eq!(cost, d("4290.00"));
    assert_eq!(cost - api_cost(""), d("96.00"));
}

#[test]
fn a_per_model_cache_write_price_replaces_input_times_the_multiplier() {
    // cache_write 6 instead of 3 × 1.25 = 3.75: 10 Mtok × 2.25 = 22.50 more
    // a month; 372.00 × 12 = 4,464.00.
    let cost = api_cost("\n[pricebook.model.sonnet]\ncache_write = 6\n");
    assert_eq!(cost, d("4464.00"));
}

#[test]
fn an_imported_model_with_its_own_cache_prices_is_priced_by_them() {
    // A new id as `--write` leaves it: 10 in, 50 out, writes 12.5, reads
    // 0.25 (not 10 × 0.1): 50 × 10 + 10 × 12.5 + 40 × 0.25 + 10 × 50 =
    // 1,135.00 a month.
    let book = r#"
[pricebook.model.fable]
input = 10
output = 50
cache_write = 12.5
cache_read = 0.25
litellm = "claude-fable-5-1"
"#;
    let deal = DEAL.replace("route = { sonnet = 1.0 }", "route = { fable = 1.0 }");
    let s = parse_str("deal.toml", &format!("{deal}{book}")).unwrap();
    let ev = engine::evaluate(&s).unwrap();
    assert_eq!(ev.outcomes[0].api_cost, d("13620.00"));
}
