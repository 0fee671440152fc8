//! Risk benchmark (SPEC.md §7, docs/risk.md): the embedded demo with an
//! `[uncertainty]` table, 2,000 draws of its four offers, on one thread and
//! on every core, beside the peer: the demo priced once, as the report does
//! without `[uncertainty]`. The whole-process timings in docs/risk.md come
//! from `time target/release/dealbench report --json FILE`.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::engine::{self, risk};
use dealbench::scenario;

const TABLE: &str = "\n[uncertainty]\ndraws = 2000\nseed = 1\nadoption_pct = 30\nramp_pct = 50\napi_volume_pct = 40\napi_growth_pp = 2\n";

fn risk_draws(c: &mut Criterion) {
    let text = format!("{}{TABLE}", include_str!("../assets/demo.toml"));
    let s = scenario::parse_str("demo.toml", &text).expect("the demo with [uncertainty] loads");
    let mut group = c.benchmark_group("risk");
    group.sample_size(10);
    group.bench_function("peer: evaluate the demo once", |b| {
        b.iter(|| engine::evaluate(&s).expect("no overflow"))
    });
    group.bench_function("2,000 draws of the demo's offers, 1 thread", |b| {
        b.iter(|| risk::run_with_threads(&s, 1).expect("no overflow"))
    });
    group.bench_function("2,000 draws of the demo's offers, every core", |b| {
        b.iter(|| risk::run(&s).expect("no overflow"))
    });
    group.finish();
}

criterion_group!(benches, risk_draws);
criterion_main!(benches);
