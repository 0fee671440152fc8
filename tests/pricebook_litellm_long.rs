//! SPEC.md §8 prices from LiteLLM: the one-hour cache write and the
//! `*_above_200k_tokens` long-context prices, imported exactly, written into
//! a scenario and read back.

use dealbench::pricebook::litellm::{Mapping, import};
use dealbench::pricebook::write::{Change, write_models};
use dealbench::pricebook::{LongContext, PriceBook};
use rust_decimal::Decimal;

const FILE: &str = include_str!("data/litellm/long-context.json");

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn run(id: &str, name: &str) -> dealbench::pricebook::litellm::Import {
    let maps = [Mapping {
        id: id.into(),
        name: name.into(),
    }];
    import("lc.json", FILE, &maps, &PriceBook::builtin()).unwrap()
}

#[test]
fn above_200k_prices_become_the_long_context_table_exactly() {
    let imp = run("sonnet", "claude-sonnet-4-5");
    let m = &imp.models[0].1;
    assert_eq!(
        m.long_context,
        Some(LongContext {
            input: Some(d("6")),
            output: Some(d("22.5")),
            cache_write: Some(d("7.5")),
            cache_write_1h: Some(d("12")),
            cache_read: Some(d("0.6")),
        })
    );
    // 6e-06 is exactly 2 × input: left for the book to derive.
    assert_eq!(m.cache_write_1h, None);
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    assert!(
        !imp.notes.iter().any(|n| n.contains("only the base prices")),
        "{:?}",
        imp.notes
    );
}

#[test]
fn a_one_hour_price_off_the_multiplier_is_kept_and_noted() {
    let imp = run("odd", "claude-odd-1h");
    let m = &imp.models[0].1;
    assert_eq!(m.cache_write_1h, Some(d("9")));
    let lc = m.long_context.as_ref().unwrap();
    assert_eq!((lc.input, lc.output), (None, Some(d("30"))));
    let mut book = PriceBook::builtin();
    imp.apply_to(&mut book);
    let odd = book.model("odd").unwrap();
    assert_eq!(book.cache_write_1h(odd), d("9"));
    // Only the output has a long-context price: the rest are ordinary.
    let p = book.long_context_prices(odd);
    assert_eq!(
        (p.input, p.output, p.cache_write),
        (d("4"), d("30"), d("5"))
    );
    assert!(imp.notes.iter().any(|n| n.contains("1-hour cache write 9")));
}

#[test]
fn written_long_context_prices_load_back_and_a_second_import_writes_nothing() {
    let src = "schema = 1\n[deal]\nname = \"d\"\ncurrency = \"USD\"\nstart = 2027-01-01\n\n[[region]]\nid = \"na\"\nheadcount = 1\nprovisioned = 1\nmau = 1\nwau = 1\ndau = 1\n\n[[offer]]\nname = \"o\"\nbilling = \"monthly\"\n";
    let imp = run("fable", "claude-sonnet-4-5");
    let w = write_models(src, &imp.models).unwrap();
    assert!(
        w.text.contains("long_context = { input = 6, output = 22.5, cache_write = 7.5, cache_write_1h = 12, cache_read = 0.6 }"),
        "{}",
        w.text
    );
    let s = dealbench::scenario::parse_str("s.toml", &w.text).unwrap();
    let m = s.pricebook.model("fable").unwrap();
    assert_eq!(s.pricebook.long_context_prices(m).cache_write_1h, d("12"));
    let again = write_models(&w.text, &imp.models).unwrap();
    assert_eq!(again.text, w.text);
    assert_eq!(again.changes[0].1, Change::Unchanged);
}

#[test]
fn the_json_book_carries_one_hour_and_long_context_prices_in_force() {
    let j = dealbench::report::pricebook::json(&PriceBook::builtin());
    assert_eq!(j["cache_write_1h_multiplier"], "2");
    let sonnet = &j["model"]["sonnet"];
    assert_eq!(sonnet["cache_write_1h"], "6");
    assert_eq!(sonnet["long_context"]["input"], "6");
    assert_eq!(sonnet["long_context"]["output"], "22.5");
    assert_eq!(sonnet["long_context"]["cache_write"], "7.5");
    assert_eq!(sonnet["long_context"]["cache_write_1h"], "12");
    assert_eq!(sonnet["long_context"]["cache_read"], "0.6");
    let opus = &j["model"]["opus"]["long_context"];
    assert_eq!(
        (&opus["input"], &opus["output"]),
        (&"10".into(), &"37.5".into())
    );
    // Haiku 4.5 has no long window: its ordinary prices.
    assert_eq!(j["model"]["haiku"]["long_context"]["input"], "1");
    let derived: Vec<&str> = j["derived"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(derived.contains(&"model.haiku.cache_write_1h"));
}

#[test]
fn the_table_view_lists_the_section_8_prices_in_force() {
    let mut out = Vec::new();
    let book = dealbench::scenario::parse_str(
        "s.toml",
        "schema = 1\n[deal]\nname = \"d\"\ncurrency = \"USD\"\nstart = 2027-01-01\n\n[[region]]\nid = \"na\"\nheadcount = 1\nprovisioned = 1\nmau = 1\nwau = 1\ndau = 1\n\n[[offer]]\nname = \"o\"\nbilling = \"monthly\"\n\n[pricebook.model.sonnet]\nlong_context = { output = 24 }\n",
    )
    .unwrap()
    .pricebook;
    dealbench::report::pricebook::write_extra_text(&mut out, &book, dealbench::style::Style::PLAIN)
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("one-hour cache write   2 × input"), "{text}");
    let row = |id: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{text}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(
        row("opus"),
        [
            "opus", "10.00", "derived", "10.00", "37.50", "12.50", "20.00", "1.00"
        ]
    );
    assert_eq!(
        row("sonnet"),
        [
            "sonnet", "6.00", "derived", "6.00", "24.00*", "7.50", "12.00", "0.60"
        ]
    );
    assert_eq!(row("haiku")[..4], ["haiku", "2.00", "derived", "—"]);
}
