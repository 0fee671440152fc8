//! Synthetic scenarios at scale for the benchmarks: many regions with ramps,
//! many offers chained by `based_on`, growing API workloads.
// Each bench, example and test that includes this file uses a few of its
// generators.
#![allow(dead_code)]

use std::fmt::Write;

/// A scenario text with `regions` regions, `offers` offers, `workloads`
/// growing workloads and a `horizon`-month horizon.
pub fn scenario(regions: usize, offers: usize, workloads: usize, horizon: u32) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "schema = 1\n[deal]\nname = \"Synthetic\"\ncurrency = \"USD\"\nstart = 2027-01-01\nhorizon_months = {horizon}\nrenewal_uplift_pct = 5\nrequires = [\"no_training\"]\n[fx]\nEUR = 0.92\nJPY = 154"
    );
    let currencies = ["USD", "EUR", "JPY"];
    for r in 0..regions {
        let wau = 50 + (r * 37) % 400;
        let _ = writeln!(
            s,
            "[[region]]\nid = \"r{r}\"\ncurrency = \"{}\"\nheadcount = {}\nprovisioned = {}\nmau = {}\nwau = {wau}\ndau = {}\ngo_live = {}\ntarget_wau = {}\nramp_months = {}\nrequires = [\"sso\"]",
            currencies[r % 3],
            wau * 4,
            wau * 2,
            wau + wau / 2,
            wau / 2,
            r % 13,
            wau * 2,
            6 + r % 12
        );
    }
    for w in 0..workloads {
        let _ = writeln!(
            s,
            "[[workload]]\nname = \"w{w}\"\ninput_mtok = {}\noutput_mtok = {}\ncacheable = 0.6\ngrowth_pct = {}\nroute = {{ opus = 0.5, sonnet = 0.5 }}",
            500 + w * 100,
            50 + w * 10,
            1 + w % 3
        );
    }
    let modes = ["monthly", "quarterly", "annual_peak", "fixed"];
    for o in 0..offers {
        let _ = writeln!(s, "[[offer]]\nname = \"o{o}\"");
        if o == 0 {
            let _ = writeln!(
                s,
                "by = \"vendor\"\nseats = 40000\nseat_price = 60\nterm_months = 36\nuplift_pct = 7\ntrue_up = \"annual_peak\"\ntrue_up_ratchet = true\napi_commit = 9000000\napi_discount_pct = 5"
            );
        } else {
            let _ = writeln!(
                s,
                "based_on = \"o{}\"\nseat_ramp = [ {{ month = 0, seats = {} }}, {{ month = 12, seats = {} }} ]\nseat_price = {}\nterm_months = {}\nuplift_cap_pct = 3\ntrue_up = \"{}\"\ntrue_up_cap_pct = {}\ndownsize_at_anniversary = {}\napi_commit = {}\n[offer.api]\nroute = {{ opus = 0.2, sonnet = 0.6, haiku = 0.2 }}\ncache_hit = 0.{}\nbatch = 0.3",
                o - 1,
                20000 + o * 100,
                30000 + o * 100,
                50 + o % 10,
                12 + 12 * (o % 3),
                modes[o % 4],
                5 + o % 10,
                o % 2 == 0,
                1_000_000 + o * 10_000,
                o % 9 + 1
            );
        }
    }
    s
}

/// A scenario whose `depth` offers form one `based_on` chain, each based on
/// the one before. Offer 0 is the vendor's quote; offer i ≥ 1 sets one
/// lever, chosen by i mod 6, to a value chosen by i mod 10, so from offer 6
/// on an offer resolves exactly as the offer 30 places before it: a deep
/// chain reports the same figures as a short one extended by the same rule.
pub fn chain(depth: usize) -> String {
    let mut s = String::from(
        "schema = 1\n[deal]\nname = \"Chain\"\ncurrency = \"USD\"\nstart = 2027-01-01\nhorizon_months = 36\nrenewal_uplift_pct = 5\n\
         [[region]]\nid = \"na\"\nheadcount = 2000\nprovisioned = 900\nmau = 700\nwau = 600\ndau = 300\ntarget_wau = 1100\nramp_months = 12\n\
         [[workload]]\nname = \"support\"\ninput_mtok = 800\noutput_mtok = 90\ncacheable = 0.6\ngrowth_pct = 2\n",
    );
    for i in 0..depth {
        let _ = writeln!(s, "[[offer]]\nname = \"o{i}\"");
        if i == 0 {
            let _ = writeln!(
                s,
                "by = \"vendor\"\nseats = 1000\nseat_price = 60\nterm_months = 24\nuplift_pct = 7\ntrue_up = \"annual_peak\"\napi_commit = 250000"
            );
            continue;
        }
        let v = i % 10;
        let _ = writeln!(s, "based_on = \"o{}\"", i - 1);
        let _ = match i % 6 {
            0 => writeln!(s, "seats = {}", 700 + v * 40),
            1 => writeln!(s, "seat_price = {}.{}", 50 + v, v),
            2 => writeln!(s, "term_months = {}", 12 + 6 * (v % 4)),
            3 => writeln!(s, "uplift_cap_pct = {}", v % 5),
            4 => writeln!(
                s,
                "true_up = \"{}\"",
                ["monthly", "quarterly", "annual_peak", "fixed"][v % 4]
            ),
            _ => writeln!(s, "[offer.api]\ncache_hit = 0.{v}\nbatch = 0.{}", 9 - v),
        };
    }
    s
}

/// A lean scenario of a given shape, small tables so that the most of
/// each fits in a file: `regions` regions, `workloads` workloads, `offers`
/// offers over `horizon` months; each offer after the first is based on
/// the one before (`chained`) or all on the first.
pub fn lean(
    regions: usize,
    offers: usize,
    workloads: usize,
    horizon: u32,
    chained: bool,
) -> String {
    let mut s = format!(
        "schema = 1\n[deal]\nname = \"Lean\"\ncurrency = \"USD\"\nstart = 2027-01-01\nhorizon_months = {horizon}\n"
    );
    for r in 0..regions {
        let wau = 50 + (r * 37) % 400;
        let _ = writeln!(
            s,
            "[[region]]\nid = \"r{r}\"\nheadcount = {}\nprovisioned = {}\nmau = {wau}\nwau = {wau}\ndau = 9\ngo_live = {}\nramp_months = 6\ntarget_wau = {}",
            wau * 3,
            wau * 2,
            r % 13,
            wau * 2
        );
    }
    for w in 0..workloads {
        let _ = writeln!(
            s,
            "[[workload]]\nname = \"w{w}\"\ninput_mtok = {}\noutput_mtok = 9\ncacheable = 0.5\ngrowth_pct = 1",
            100 + w % 50
        );
    }
    for o in 0..offers {
        let _ = write!(s, "[[offer]]\nname = \"o{o}\"\n");
        let _ = match o {
            0 => writeln!(
                s,
                "by = \"vendor\"\nseats = 900\nseat_price = 60\nterm_months = 24\nuplift_pct = 7"
            ),
            _ if chained => writeln!(s, "based_on = \"o{}\"\nseats = {}", o - 1, 800 + o % 200),
            _ => writeln!(s, "based_on = \"o0\"\nseats = {}", 800 + o % 200),
        };
    }
    s
}

/// The shapes of `scripts/bench-limits.sh`, each pushed to the work budget.
pub const SHAPES: [&str; 7] = [
    "deepest-chain",
    "most-offers",
    "most-plans",
    "most-regions",
    "longest-horizon",
    "most-workloads",
    "mixed",
];

/// The largest file of a shape that the loader accepts: its counts at the
/// work budget (`dealbench::scenario::limits`), regions and workloads also
/// at the file size limit.
pub fn largest(shape: &str) -> Option<String> {
    use dealbench::scenario::limits::{Shape, WORK_BUDGET};
    let fits = |r: usize, o: usize, w: usize, h: u32| {
        let shape = Shape {
            offers: o as u64,
            months: u64::from(h),
            regions: r as u64,
            workloads: w as u64,
        };
        shape.work() <= WORK_BUDGET
    };
    // The most of one count with the others fixed.
    let most = |f: &dyn Fn(usize) -> bool| {
        let (mut lo, mut hi) = (1usize, 1usize << 24);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if f(mid) { lo = mid } else { hi = mid - 1 }
        }
        lo
    };
    let bytes = dealbench::scenario::load::MAX_FILE_BYTES;
    Some(match shape {
        "deepest-chain" => lean(1, most(&|o| fits(1, o, 0, 12)), 0, 12, true),
        "most-offers" => lean(1, most(&|o| fits(1, o, 0, 1)), 0, 1, false),
        "most-regions" => {
            let per = lean(2, 1, 0, 1, false).len() - lean(1, 1, 0, 1, false).len();
            // As many as the file size or the budget allows over a year.
            let r = most(&|r| r <= bytes * 9 / 10 / per && fits(r, 1, 0, 12));
            lean(r, 1, 0, 12, false)
        }
        "longest-horizon" => lean(1, most(&|o| fits(1, o, 0, 600)), 0, 600, true),
        "most-workloads" => {
            let per = lean(1, 1, 2, 1, false).len() - lean(1, 1, 1, 1, false).len();
            // As many as the file size or the budget allows over a year.
            let w = most(&|w| w <= bytes * 9 / 10 / per && fits(1, 1, w, 12));
            lean(1, 1, w, 12, false)
        }
        "most-plans" => plans(most(&|o| fits(1, o, 1, 12)), 12),
        "mixed" => lean(200, most(&|o| fits(200, o, 20, 120)), 20, 120, true),
        _ => return None,
    })
}

/// One region, one workload and `offers` offers based on the first, each
/// with an API plan of its own (a cache hit share no other offer has).
pub fn plans(offers: usize, horizon: u32) -> String {
    let mut s = lean(1, 0, 0, horizon, false);
    s.push_str("[[workload]]\nname = \"w\"\ninput_mtok = 10\noutput_mtok = 1\ncacheable = 0.5\n");
    for o in 0..offers {
        let _ = match o {
            0 => writeln!(s, "[[offer]]\nname = \"o0\"\nby = \"vendor\"\nseats = 60"),
            _ => writeln!(s, "[[offer]]\nname = \"o{o}\"\nbased_on = \"o0\""),
        };
        let _ = writeln!(s, "[offer.api]\ncache_hit = 0.{o:06}");
    }
    s
}
