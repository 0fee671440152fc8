//! One test per SPEC.md §3 rule, each on a tiny scenario whose figures are
//! worked out by hand in the comments.

use dealbench::engine::{Evaluation, Outcome, evaluate};
use dealbench::scenario::parse_str;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// A scenario with the given region and offer tables after a fixed deal.
fn eval(deal_extra: &str, regions: &str, offers: &str) -> Evaluation {
    let src = format!(
        "schema = 1\n[deal]\nname = \"t\"\ncurrency = \"USD\"\nstart = 2027-01-01\n{deal_extra}\n{regions}\n{offers}\n"
    );
    let s = parse_str("test.toml", &src).unwrap_or_else(|e| panic!("{e}\n{src}"));
    evaluate(&s).unwrap()
}

fn region(wau: u64, target: u64, ramp: u32) -> String {
    format!(
        "[[region]]\nid = \"r\"\nheadcount = 1000\nprovisioned = {p}\nmau = {p}\nwau = {wau}\ndau = 0\ntarget_wau = {target}\nramp_months = {ramp}\n",
        p = wau.max(1)
    )
}

fn first(ev: &Evaluation) -> &Outcome {
    &ev.outcomes[0]
}

// Demand 100, 110, 120, 130, 130, 130 (100 → 130 over 3 months).
const RAMP: (u64, u64, u32) = (100, 130, 3);

fn ramp_region() -> String {
    region(RAMP.0, RAMP.1, RAMP.2)
}

#[test]
fn monthly_true_up_bills_each_months_excess() {
    // Commit 110 at $10; excess 0, 0, 10, 20, 20, 20 = 70 seat-months.
    // 110 × 10 × 6 + 70 × 10 = 7,300.
    let ev = eval(
        "horizon_months = 6",
        &ramp_region(),
        "[[offer]]\nname = \"a\"\nseats = 110\nseat_price = 10\ntrue_up = \"monthly\"",
    );
    let o = first(&ev);
    assert_eq!(o.seat_cost, d("7300"));
    assert_eq!(o.billed_seat_months, 730);
    assert_eq!(o.demand_seat_months, 720);
    assert_eq!(o.idle_seat_months, 10);
    assert_eq!(o.idle_cost, d("100"));
}

#[test]
fn quarterly_true_up_bills_the_quarters_peak_for_three_months() {
    // Q1 peak 10 → 30 seat-months; Q2 peak 20 → 60. 6,600 + 900 = 7,500.
    // Idle: month 0 bills 120 for 100 (20), month 1 bills 120 for 110 (10).
    let ev = eval(
        "horizon_months = 6",
        &ramp_region(),
        "[[offer]]\nname = \"a\"\nseats = 110\nseat_price = 10\ntrue_up = \"quarterly\"",
    );
    let o = first(&ev);
    assert_eq!(o.seat_cost, d("7500"));
    assert_eq!(o.idle_seat_months, 30);
    assert_eq!(o.unserved_seat_months, 0);
}

#[test]
fn annual_peak_bills_the_years_peak_for_twelve_months() {
    // Peak excess 20 over the year: 240 seat-months. 13,200 + 2,400.
    let ev = eval(
        "horizon_months = 12",
        &ramp_region(),
        "[[offer]]\nname = \"a\"\nseats = 110\nseat_price = 10\ntrue_up = \"annual_peak\"",
    );
    assert_eq!(first(&ev).seat_cost, d("15600"));
}

#[test]
fn fixed_leaves_the_excess_unserved() {
    let ev = eval(
        "horizon_months = 6",
        &ramp_region(),
        "[[offer]]\nname = \"a\"\nseats = 110\nseat_price = 10\ntrue_up = \"fixed\"",
    );
    let o = first(&ev);
    assert_eq!(o.seat_cost, d("6600"));
    assert_eq!(o.unserved_seat_months, 70);
    assert!(o.warnings.iter().any(|w| w.contains("unserved")));
}

#[test]
fn true_up_cap_limits_billed_seats_per_period() {
    // Cap ⌊110 × 10 %⌋ = 11: billed 10, 11, 11, 11 = 43; unserved 9 × 3 = 27.
    let ev = eval(
        "horizon_months = 6",
        &ramp_region(),
        "[[offer]]\nname = \"a\"\nseats = 110\nseat_price = 10\ntrue_up_cap_pct = 10",
    );
    let o = first(&ev);
    assert_eq!(o.seat_cost, d("7030"));
    assert_eq!(o.unserved_seat_months, 27);
}

#[test]
fn ratchet_keeps_a_spike_as_the_floor() {
    // Demand 150, 140, 130, 120, 110, 100 against 100 seats.
    // Month 0 bills 50 extra; the floor becomes 150 for months 1..5.
    // (100 + 150 × 5) × 10 + 50 × 10 = 9,000. Without the ratchet: 7,500.
    let r = region(150, 100, 5);
    let with = eval(
        "horizon_months = 6",
        &r,
        "[[offer]]\nname = \"a\"\nseats = 100\nseat_price = 10\ntrue_up_ratchet = true",
    );
    assert_eq!(first(&with).seat_cost, d("9000"));
    assert_eq!(first(&with).idle_seat_months, 150);
    let without = eval(
        "horizon_months = 6",
        &r,
        "[[offer]]\nname = \"a\"\nseats = 100\nseat_price = 10",
    );
    assert_eq!(first(&without).seat_cost, d("7500"));
}

#[test]
fn true_up_rate_prices_added_seats_off_the_contract_rate() {
    // $33.33 × 115 % = 38.3295 → $38.33 a true-up seat; 20 extra for 12 months.
    let ev = eval(
        "horizon_months = 12",
        &region(120, 120, 0),
        "[[offer]]\nname = \"a\"\nseats = 100\nseat_price = 33.33\ntrue_up_rate_pct = 115",
    );
    let o = first(&ev);
    // 100 × 33.33 × 12 = 39,996 plus 20 × 38.33 × 12 = 9,199.20.
    assert_eq!(o.seat_cost, d("49195.20"));
    assert!(
        o.warnings
            .iter()
            .any(|w| w.contains("above the contract rate"))
    );
}

#[test]
fn downsize_at_anniversary_resizes_to_usage() {
    // 200 seats, demand 100: at month 12 ⌈100 × 1.15⌉ = 115 replaces 200.
    let ev = eval(
        "horizon_months = 24",
        &region(100, 100, 0),
        "[[offer]]\nname = \"a\"\nseats = 200\nseat_price = 10\nterm_months = 24\ndownsize_at_anniversary = true",
    );
    let o = first(&ev);
    assert_eq!(o.seat_cost, d("37800"));
    assert_eq!(o.months[12].seats.commit, 115);
}

#[test]
fn uplift_is_capped_and_rounded_each_anniversary() {
    // 33.33 → 34.9965 → $35.00 → $36.75; 10 seats × 12 × (33.33 + 35 + 36.75).
    let ev = eval(
        "horizon_months = 36",
        &region(10, 10, 0),
        "[[offer]]\nname = \"a\"\nseats = 10\nseat_price = 33.33\nterm_months = 36\nuplift_pct = 7\nuplift_cap_pct = 5",
    );
    let o = first(&ev);
    let prices: Vec<Decimal> = o.years.iter().map(|y| y.price).collect();
    assert_eq!(prices, vec![d("33.33"), d("35.00"), d("36.75")]);
    assert_eq!(o.seat_cost, d("12609.60"));
}

#[test]
fn renewal_resizes_the_commit_and_raises_the_price_once() {
    // Year 1: 50 committed + 50 trued up at $20 = 24,000.
    // Month 12 renews: ⌈100 × 1.15⌉ = 115 seats at 20 × 1.04 = $20.80 → 28,704.
    let ev = eval(
        "horizon_months = 24\nrenewal_uplift_pct = 10",
        &region(100, 100, 0),
        "[[offer]]\nname = \"a\"\nseats = 50\nseat_price = 20\nrenewal_cap_pct = 4",
    );
    let o = first(&ev);
    assert_eq!(o.years[0].seat_cost, d("24000"));
    assert_eq!(o.years[1].seat_cost, d("28704"));
    assert_eq!(o.idle_cost, d("3744"));
}

#[test]
fn monthly_billing_has_no_commit_and_binds_the_tier_minimum() {
    // Team, monthly: 25 × 1.2 = $30; 3 users but the 5-seat minimum is billed.
    let ev = eval(
        "horizon_months = 12",
        &region(3, 3, 0),
        "[[offer]]\nname = \"a\"\ntier = \"team\"\nbilling = \"monthly\"",
    );
    let o = first(&ev);
    assert_eq!(o.seat_cost, d("1800"));
    assert_eq!(o.idle_seat_months, 24);
    assert_eq!(o.idle_cost, d("720"));
}

#[test]
fn team_seats_take_demand_off_the_enterprise_tier() {
    // Demand 130, 20 on Team: 110 enterprise against 100 committed.
    // Year 1: 100 × 60 + 10 × 60 + 20 × 25 = 7,100 a month.
    // Year 2 (+10 %): 100 × 66 + 10 × 66 + 20 × 27.50 = 7,810 a month.
    let ev = eval(
        "horizon_months = 24",
        &region(130, 130, 0),
        "[[offer]]\nname = \"a\"\nseats = 100\nseat_price = 60\nteam_seats = 20\nterm_months = 24\nuplift_pct = 10\nuplift_cap_pct = 10",
    );
    let o = first(&ev);
    assert_eq!(o.years[0].seat_cost, d("85200"));
    assert_eq!(o.years[1].seat_cost, d("93720"));
}

#[test]
fn seat_ramp_steps_the_commit() {
    // 50 seats for months 0-2, 100 from month 3; demand 80; fixed true-up.
    let ev = eval(
        "horizon_months = 6",
        &region(80, 80, 0),
        "[[offer]]\nname = \"a\"\nseat_ramp = [ { month = 0, seats = 50 }, { month = 3, seats = 100 } ]\nseat_price = 10\ntrue_up = \"fixed\"",
    );
    let o = first(&ev);
    assert_eq!(o.seat_cost, d("4500"));
    assert_eq!(o.unserved_seat_months, 90);
    assert_eq!(o.idle_seat_months, 60);
}

const WORKLOAD: &str = "[[workload]]\nname = \"w\"\ninput_mtok = 100\noutput_mtok = 10\ncacheable = 0.5\ngrowth_pct = 10\n";

#[test]
fn api_plan_routes_caches_batches_and_grows() {
    // Baseline (Opus): 750, 825, 907.50 = 2,482.50.
    // Plan (Sonnet, hit 0.8, batch 0.2): 314.55, 346.005 → 346.01,
    // 380.6055 → 380.61 = 1,041.17. Commit $2,400 a year, 3 months:
    // 600; used 1,041.17 × 0.9 = 937.05 is more, so it is paid.
    let offers = "[[offer]]\nname = \"a\"\nseats = 10\napi_commit = 2400\napi_discount_pct = 10\n[offer.api]\nroute = { sonnet = 1 }\ncache_hit = 0.8\nbatch = 0.2";
    let ev = eval(
        &format!("horizon_months = 3\n{WORKLOAD}"),
        &region(10, 10, 0),
        offers,
    );
    let o = first(&ev);
    assert_eq!(o.api_baseline, d("2482.50"));
    assert_eq!(o.api_list, d("1041.17"));
    assert_eq!(o.api_cost, d("937.05"));
    assert_eq!(o.api_unused_commit, d("0"));
    assert_eq!(o.api_savings_pct, d("62.25")); // (2482.50 − 937.05) / 2482.50
}

#[test]
fn api_commit_is_prorated_and_its_unused_part_reported() {
    // Commit 4,800 a year → 1,200 for 3 months, above the 937.05 used.
    let offers = "[[offer]]\nname = \"a\"\nseats = 10\napi_commit = 4800\napi_discount_pct = 10\n[offer.api]\nroute = { sonnet = 1 }\ncache_hit = 0.8\nbatch = 0.2";
    let ev = eval(
        &format!("horizon_months = 3\n{WORKLOAD}"),
        &region(10, 10, 0),
        offers,
    );
    let o = first(&ev);
    assert_eq!(o.api_cost, d("1200"));
    assert_eq!(o.api_unused_commit, d("262.95"));
}

#[test]
fn per_workload_plan_overrides_the_offer_plan_field_by_field() {
    // The workload override sets only the route (haiku); cache_hit and batch
    // stay 0 from the workload. Month 0: 100 × 1 + 10 × 5 = 150.
    let offers = "[[offer]]\nname = \"a\"\nseats = 10\n[offer.api]\nroute = { sonnet = 1 }\n[offer.api.workload.w]\nroute = { haiku = 1 }";
    let ev = eval(
        &format!("horizon_months = 1\n{WORKLOAD}"),
        &region(10, 10, 0),
        offers,
    );
    assert_eq!(first(&ev).api_list, d("150"));
}

#[test]
fn per_model_cache_prices_replace_the_multipliers() {
    // Sonnet with cache_read $0.50 (not 0.30): reads 40 × 0.50 = 20 instead
    // of 12; writes 10 × 3.75. Month 0: (150 + 37.5 + 20 + 150) × 0.9 = 321.75.
    let offers = "[[offer]]\nname = \"a\"\nseats = 10\n[offer.api]\nroute = { sonnet = 1 }\ncache_hit = 0.8\nbatch = 0.2\n[pricebook.model.sonnet]\ncache_read = 0.5";
    let ev = eval(
        &format!("horizon_months = 1\n{WORKLOAD}"),
        &region(10, 10, 0),
        offers,
    );
    assert_eq!(first(&ev).api_list, d("321.75"));
}

#[test]
fn regional_bills_follow_demand_then_headcount() {
    // Month 0 has no demand: split by headcount 300:100. Months 1-2 by
    // demand 60:40. a: 750 + 600 + 600 = 1,950 USD; b: 250 + 400 + 400 =
    // 1,050 USD = 945 EUR at 0.9.
    let regions = "[fx]\nEUR = 0.9\n[[region]]\nid = \"a\"\nheadcount = 300\nprovisioned = 60\nmau = 60\nwau = 60\ndau = 0\ngo_live = 1\n[[region]]\nid = \"b\"\ncurrency = \"EUR\"\nheadcount = 100\nprovisioned = 40\nmau = 40\nwau = 40\ndau = 0\ngo_live = 1\n";
    let ev = eval(
        "horizon_months = 3",
        regions,
        "[[offer]]\nname = \"a\"\nseats = 100\nseat_price = 10",
    );
    let o = first(&ev);
    assert_eq!(
        (o.regions[0].seat_cost, o.regions[0].local),
        (d("1950"), d("1950"))
    );
    assert_eq!(
        (o.regions[1].seat_cost, o.regions[1].local),
        (d("1050"), d("945"))
    );
}

#[test]
fn missing_terms_count_derived_terms_as_carried() {
    // Uplift capped at 3 → price_protection; no ratchet → trueup_cap.
    let regions = format!(
        "{}requires = [\"sso\", \"trueup_cap\", \"no_training\"]\n",
        region(10, 10, 0)
    );
    let ev = eval(
        "requires = [\"no_training\", \"price_protection\"]",
        &regions,
        "[[offer]]\nname = \"a\"\nseats = 10\nuplift_pct = 5\nuplift_cap_pct = 3\nterms = [\"no_training\"]",
    );
    assert_eq!(first(&ev).missing_terms, vec!["sso".to_string()]);
}

#[test]
fn horizon_defaults_to_the_longest_term_and_reference_to_the_vendor() {
    let offers = "[[offer]]\nname = \"ours\"\nseats = 10\nseat_price = 10\n[[offer]]\nname = \"theirs\"\nby = \"vendor\"\nseats = 10\nseat_price = 12\nterm_months = 24";
    let ev = eval("", &region(10, 10, 0), offers);
    assert_eq!(ev.horizon, 24);
    assert_eq!(ev.reference, 1);
    // Theirs: 10 × 12 × 24 = 2,880. Ours renews at month 12 at ⌈10 × 1.15⌉ = 12
    // seats: 10 × 10 × 12 + 12 × 10 × 12 = 2,640. Savings 240 = 8.33 %.
    assert_eq!(ev.outcomes[0].savings, d("240"));
    assert_eq!(ev.outcomes[0].savings_pct, d("8.33"));
}

#[test]
fn inheritance_is_field_by_field_and_seats_replace_a_ramp() {
    let offers = "[[offer]]\nname = \"base\"\nby = \"vendor\"\nseat_ramp = [ { month = 0, seats = 5 } ]\nseat_price = 10\nterm_months = 6\n[[offer]]\nname = \"child\"\nbased_on = \"base\"\nseats = 10";
    let ev = eval("", &region(10, 10, 0), offers);
    let child = &ev.outcomes[1];
    assert_eq!(child.offer.term_months, 6);
    assert_eq!(child.offer.by, dealbench::scenario::Party::Us);
    assert_eq!(child.seat_cost, d("600"));
}

#[test]
fn an_annual_price_is_kept_as_written_and_rounded_only_at_an_anniversary() {
    // p_0 = 60.004 exactly (no rounding is stated for annual billing):
    // 10 seats × 60.004 × 12 = 7,200.48. Year 2: round_cents(60.004 × 1.05)
    // = round_cents(63.0042) = 63.00; 10 × 63.00 × 12 = 7,560.00.
    let ev = eval(
        "horizon_months = 24",
        &region(10, 10, 0),
        "[[offer]]\nname = \"a\"\nseats = 10\nseat_price = 60.004\nterm_months = 24\nuplift_pct = 5",
    );
    let o = first(&ev);
    assert_eq!(o.years[0].seat_cost, d("7200.48"));
    assert_eq!(o.years[1].seat_cost, d("7560.00"));
    assert_eq!(o.seat_cost, d("14760.48"));
}

#[test]
fn a_ramp_step_after_the_term_or_horizon_is_warned_about() {
    // Term 12 in a 24-month horizon: the step at month 15 is replaced by
    // the renewal's re-size; the one at 30 is past the horizon as well.
    let ev = eval(
        "horizon_months = 24",
        &region(100, 100, 0),
        "[[offer]]\nname = \"a\"\nseat_price = 10\nseat_ramp = [ { month = 0, seats = 100 }, { month = 15, seats = 150 }, { month = 30, seats = 200 } ]",
    );
    let w = &first(&ev).warnings;
    let never: Vec<&String> = w
        .iter()
        .filter(|w| w.starts_with("seat-ramp step never applies"))
        .collect();
    assert_eq!(never.len(), 2, "{w:?}");
    assert!(
        never[0].contains("150 seats from month 15 come after the 12-month term"),
        "{w:?}"
    );
}
