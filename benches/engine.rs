//! Engine benchmarks: the whole report of a large scenario (200 regions,
//! 60 offers, 20 growing workloads, 120 months), from text to JSON.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::{engine, report, scenario};

mod synth;

fn large_report(c: &mut Criterion) {
    let text = synth::scenario(200, 60, 20, 120);
    let s = scenario::parse_str("synthetic.toml", &text).expect("the synthetic scenario loads");
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function(
        "evaluate 200 regions x 60 offers x 20 workloads x 120 months",
        |b| b.iter(|| engine::evaluate(&s).expect("no overflow")),
    );
    group.bench_function("load + evaluate + json, same scenario", |b| {
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

criterion_group!(benches, large_report);
criterion_main!(benches);
