//! Engine benchmarks, each with today's Decimal engine
//! (`engine::reference`) as the named peer in the same run, so the ratio
//! is read from one run:
//!
//! * the large case (200 regions, 60 offers, 20 growing workloads, 120
//!   months): every offer evaluated, and the whole report from text to JSON;
//! * one evaluation of one offer, of the embedded demo and of the large
//!   case (the full outcome: schedule, years, regional bills, warnings);
//! * one offer priced to its totals, as seek, drivers, stress and risk do.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::engine::{self, FastPricer, Shared, pricer::Pricer, reference};
use dealbench::{report, scenario};

mod synth;

fn large_report(c: &mut Criterion) {
    let text = synth::scenario(200, 60, 20, 120);
    let s = scenario::parse_str("synthetic.toml", &text).expect("the synthetic scenario loads");
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function(
        "fast: evaluate 200 regions x 60 offers x 20 workloads x 120 months",
        |b| b.iter(|| engine::evaluate(&s).expect("no overflow")),
    );
    group.bench_function("reference: evaluate, same scenario", |b| {
        b.iter(|| reference::evaluate(&s).expect("no overflow"))
    });
    group.bench_function("fast: load + evaluate + json, same scenario", |b| {
        b.iter(|| {
            let s = scenario::parse_str("synthetic.toml", &text).expect("loads");
            let ev = engine::evaluate(&s).expect("no overflow");
            let mut out = Vec::new();
            report::json::write(&mut out, &s, &ev).expect("writes");
            out
        })
    });
    group.finish();
}

fn one_offer(c: &mut Criterion, label: &str, s: &scenario::Scenario) {
    let shared = Shared::of(s).expect("no overflow");
    let offers = s.resolved_offers();
    let o = offers.last().expect("an offer").clone();
    let mut group = c.benchmark_group(format!("one offer of {label}"));
    let mut fast = FastPricer::new(s, &shared);
    group.bench_function("fast: evaluate", |b| {
        b.iter(|| engine::evaluate_with(&mut fast, &o).expect("no overflow"))
    });
    group.bench_function("reference: evaluate", |b| {
        b.iter(|| reference::evaluate_offer(s, &o, &shared).expect("no overflow"))
    });
    let mut pricer = Pricer::new(s, &shared);
    group.bench_function("fast: totals only", |b| {
        b.iter(|| pricer.price(&o).expect("no overflow"))
    });
    let mut peer = reference::RefPricer::new(s, &shared);
    group.bench_function("reference: totals only", |b| {
        b.iter(|| peer.price(&o).expect("no overflow"))
    });
    group.finish();
}

fn offers(c: &mut Criterion) {
    let demo =
        scenario::parse_str("demo.toml", dealbench::tui::model::DEMO).expect("the demo loads");
    one_offer(c, "the demo", &demo);
    let text = synth::scenario(200, 60, 20, 120);
    let large = scenario::parse_str("synthetic.toml", &text).expect("loads");
    one_offer(c, "the large case", &large);
}

criterion_group!(benches, large_report, offers);
criterion_main!(benches);
