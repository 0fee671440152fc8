//! Numbers at the top of every range the loader allows, combined: the
//! engine must answer `Ok` or `Err(Overflow)` and never panic, whatever the
//! report or the workbench then asks of the figures; and the command line
//! must refuse a scenario the arithmetic cannot carry with a clear message
//! and exit status 2.
//!
//! The limits: head and seat counts 10^7, seat and Team prices 10^6, terms
//! and horizon 600 months, uplifts 100 %, true-up rate 1000 %, monthly
//! premium 1000 %, API commit 10^12 a year, model prices 10^6 per million
//! tokens with cache multipliers of 100, workloads of 10^9 million tokens a
//! month growing to the loader's ceiling of 10^12, fx rates 10^6,
//! regional prices 10^9 and volume discounts from 10^-28 to 100 %.

use std::process::Command;

use dealbench::engine;
use dealbench::report;
use dealbench::scenario::parse_str;
use dealbench::style::Style;

const BIN: &str = env!("CARGO_BIN_EXE_dealbench");

/// The levers that change between the combinations.
#[derive(Debug, Clone, Copy)]
struct Max {
    uplift: &'static str,
    billing: &'static str,
    true_up: &'static str,
    growth: &'static str,
    ramp: &'static str,
    renewal: &'static str,
}

const BIGGEST: Max = Max {
    uplift: "100",
    billing: "annual",
    true_up: "annual_peak",
    growth: "1.15",
    ramp: "[ { month = 0, seats = 10000000 }, { month = 599, seats = 10000000 } ]",
    renewal: "100",
};

fn scenario(m: Max) -> String {
    format!(
        r#"schema = 1

[deal]
name = "Everything at its limit"
currency = "USD"
start = 2027-01-01
horizon_months = 600
buffer_pct = 100
renewal_uplift_pct = {renewal}
target_total = 1000000000000000
walk_away_total = 1000000000000000

[fx]
EUR = 1000000

[pricebook]
cache_write_multiplier = 100
cache_read_multiplier = 100

[pricebook.tier.enterprise]
seat_price = 1000000
monthly_premium_pct = 1000

[[pricebook.tier.enterprise.volume]]
min_seats = 1
discount_pct = 0.0000000000000000000000000001

[[pricebook.tier.enterprise.volume]]
min_seats = 10000000
discount_pct = 100

[pricebook.model.opus]
input = 1000000
output = 1000000

[[region]]
id = "us"
headcount = 10000000
provisioned = 10000000
mau = 10000000
wau = 10000000
dau = 10000000

[[region]]
id = "eu"
currency = "EUR"
headcount = 10000000
provisioned = 10000000
mau = 10000000
wau = 1
dau = 0
target_wau = 10000000
ramp_months = 600

[[workload]]
name = "firehose"
input_mtok = 1000000000
output_mtok = 1000000000
cacheable = 1
growth_pct = {growth}

[[workload]]
name = "cached"
input_mtok = 1000000000
output_mtok = 1
cacheable = 1
cache_hit = 1
batch = 1

[[offer]]
name = "Vendor"
by = "vendor"
seat_ramp = {ramp}
seat_price = 1000000
team_seats = 10000000
team_price = 1000000
billing = "{billing}"
term_months = 600
uplift_pct = {uplift}
true_up = "{true_up}"
true_up_ratchet = true
true_up_rate_pct = 1000
api_commit = 1000000000000

[offer.regional_price]
eu = 1000000000

[[offer]]
name = "Ours"
based_on = "Vendor"
seats = 10000000
term_months = 1
renewal_cap_pct = 100
api_discount_pct = 100
downsize_at_anniversary = true
"#,
        growth = m.growth,
        ramp = m.ramp,
        billing = m.billing,
        uplift = m.uplift,
        true_up = m.true_up,
        renewal = m.renewal,
    )
}

/// Every combination of the levers that change the size of the figures.
fn combinations() -> Vec<Max> {
    let mut out = Vec::new();
    for uplift in ["0", "7", "100"] {
        for billing in ["annual", "monthly"] {
            for true_up in ["fixed", "monthly", "quarterly", "annual_peak"] {
                for (growth, renewal) in [("0", "0"), ("1.15", "100"), ("-100", "7")] {
                    out.push(Max {
                        uplift,
                        billing,
                        true_up,
                        growth,
                        renewal,
                        ..BIGGEST
                    });
                }
            }
        }
    }
    out
}

#[test]
fn the_limits_give_figures_or_overflow_never_a_panic() {
    let (mut ok, mut overflow) = (0, 0);
    for m in combinations() {
        let text = scenario(m);
        let s = parse_str("max.toml", &text).unwrap_or_else(|d| panic!("{m:?} loads:\n{d}"));
        match engine::evaluate(&s) {
            Err(_) => overflow += 1,
            Ok(ev) => {
                ok += 1;
                for o in &ev.outcomes {
                    let months = o.monthly_costs();
                    assert_eq!(months.len(), 600);
                    let _ = o.cost_per_working_user_month();
                }
                let mut out = Vec::new();
                report::text::write(&mut out, &s, &ev, Style::PLAIN, 100).unwrap();
                report::json::write(&mut out, &s, &ev).unwrap();
            }
        }
    }
    println!("{ok} priced, {overflow} too large");
    assert!(ok > 0 && overflow > 0, "{ok} priced, {overflow} too large");
}

#[test]
fn the_biggest_combination_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("limits.toml");
    std::fs::write(&file, scenario(BIGGEST)).unwrap();
    let s = parse_str("limits.toml", &scenario(BIGGEST)).unwrap();
    assert!(engine::evaluate(&s).is_err(), "the figures overflow");
    for args in [&["check"][..], &["report"], &["report", "--json"]] {
        let out = Command::new(BIN).args(args).arg(&file).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        // The message points at the offer that carries the figures.
        let place = stderr
            .strip_prefix(&format!("error: {}:", file.display()))
            .and_then(|rest| rest.split_once(": "))
            .map(|(at, _)| at.to_string())
            .unwrap_or_default();
        assert!(
            place.split(':').all(|n| n.parse::<usize>().is_ok()) && place.contains(':'),
            "{args:?}: a line and column, found '{place}' in {stderr}"
        );
        assert!(
            stderr.contains("too large for exact arithmetic") && stderr.contains("[[offer]] '"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_priced_combination_at_the_limits_reports_with_exit_0() {
    let calm = Max {
        uplift: "0",
        billing: "annual",
        true_up: "fixed",
        growth: "0",
        renewal: "0",
        ..BIGGEST
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("limits.toml");
    std::fs::write(&file, scenario(calm)).unwrap();
    for args in [&["check"][..], &["report"], &["report", "--json"]] {
        let out = Command::new(BIN).args(args).arg(&file).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
