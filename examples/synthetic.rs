//! Write a synthetic scenario of a given size to stdout, for timing the
//! commands by hand: `cargo run --release --example synthetic -- 200 60 20 120
//! > big.toml` (regions, offers, workloads, horizon months).

#[path = "../benches/synth.rs"]
mod synth;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let [regions, offers, workloads, horizon] = match args.as_slice() {
        [a, b, c, d] => [*a, *b, *c, *d],
        _ => [200, 60, 20, 120],
    };
    print!(
        "{}",
        synth::scenario(regions, offers, workloads, horizon as u32)
    );
}
