//! Write a synthetic scenario of a given size to stdout, for timing the
//! commands by hand: `cargo run --release --example synthetic -- 200 60 20 120
//! > big.toml` (regions, offers, workloads, horizon months), or
//! `cargo run --release --example synthetic -- chain 3000 > deep.toml` (one
//! `based_on` chain of 3,000 offers), or `-- lean 1 2000 0 600` (`lean-chain`
//! for a chain): small tables, the most of each per byte; or
//! `-- largest deepest-chain` (or most-offers, most-regions,
//! longest-horizon, most-workloads, mixed): the largest file of that shape
//! the loader accepts, as `scripts/bench-limits.sh` times it.

#[path = "../benches/synth.rs"]
mod synth;

fn main() {
    let words: Vec<String> = std::env::args().skip(1).collect();
    if let [kind, depth] = words.as_slice()
        && kind == "chain"
    {
        print!("{}", synth::chain(depth.parse().unwrap_or(3000)));
        return;
    }
    if let [kind, shape] = words.as_slice()
        && kind == "largest"
    {
        match synth::largest(shape) {
            Some(text) => print!("{text}"),
            None => eprintln!("shapes: {}", synth::SHAPES.join(", ")),
        }
        return;
    }
    if let [kind, rest @ ..] = words.as_slice()
        && (kind == "lean" || kind == "lean-chain")
    {
        let n: Vec<usize> = rest.iter().filter_map(|a| a.parse().ok()).collect();
        if let [r, o, w, h] = n.as_slice() {
            print!(
                "{}",
                synth::lean(*r, *o, *w, *h as u32, kind == "lean-chain")
            );
        }
        return;
    }
    let args: Vec<usize> = words.iter().filter_map(|a| a.parse().ok()).collect();
    let [regions, offers, workloads, horizon] = match args.as_slice() {
        [a, b, c, d] => [*a, *b, *c, *d],
        _ => [200, 60, 20, 120],
    };
    print!(
        "{}",
        synth::scenario(regions, offers, workloads, horizon as u32)
    );
}
