use dealbench::{engine, report, scenario};
use std::time::Instant;
fn main() {
    let f = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&f).unwrap();
    let t = Instant::now();
    let s = scenario::parse_str("x.toml", &text).unwrap();
    println!("parse {:?}", t.elapsed());
    let t = Instant::now();
    let shared = engine::Shared::of(&s).unwrap();
    println!("shared {:?}", t.elapsed());
    let offers = s.resolved_offers();
    let t = Instant::now();
    for o in &offers {
        engine::evaluate_offer(&s, o, &shared).unwrap();
    }
    println!("evaluate_offer all {:?}", t.elapsed());
    let t = Instant::now();
    for o in &offers {
        engine::priced::price_offer(&s, o, &shared).unwrap();
    }
    println!("price_offer all {:?}", t.elapsed());
    let t = Instant::now();
    let ev = engine::evaluate(&s).unwrap();
    println!("evaluate {:?}", t.elapsed());
    let t = Instant::now();
    let p = report::power::Power::of(&s, &ev);
    println!("power {:?}", t.elapsed());
    let t = Instant::now();
    let mut out = Vec::new();
    report::json::write(&mut out, &s, &ev).unwrap();
    println!("json write (incl power) {:?}", t.elapsed());
    let _ = p;
}
