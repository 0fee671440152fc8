//! Importing from a trimmed copy of LiteLLM's real price file
//! (tests/data/litellm/): every imported figure exactly, and a warning for
//! each entry that should not be trusted silently.

use dealbench::pricebook::PriceBook;
use dealbench::pricebook::litellm::{Import, Mapping, import, parse_mappings};
use rust_decimal::Decimal;

const FILE: &str = include_str!("data/litellm/model_prices_and_context_window.json");

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn maps(pairs: &[(&str, &str)]) -> Vec<Mapping> {
    pairs
        .iter()
        .map(|(id, name)| Mapping {
            id: id.to_string(),
            name: name.to_string(),
        })
        .collect()
}

fn run(pairs: &[(&str, &str)]) -> Import {
    import("prices.json", FILE, &maps(pairs), &PriceBook::builtin()).unwrap()
}

/// (input, output, cache_write, cache_read) per million tokens.
fn prices(imp: &Import, id: &str) -> (Decimal, Decimal, Option<Decimal>, Option<Decimal>) {
    let (_, m) = imp.models.iter().find(|(m, _)| m == id).unwrap();
    (m.input, m.output, m.cache_write, m.cache_read)
}

#[test]
fn anthropic_entries_import_exactly_per_million() {
    let imp = run(&[
        ("opus", "claude-opus-4-6"),
        ("sonnet", "claude-sonnet-4-5-20250929"),
        ("haiku", "claude-haiku-4-5-20251001"),
        ("fable", "claude-fable-5"),
    ]);
    assert_eq!(imp.warnings, Vec::<String>::new());
    // 5e-06, 2.5e-05, 6.25e-06, 5e-07 per token.
    assert_eq!(
        prices(&imp, "opus"),
        (d("5"), d("25"), Some(d("6.25")), Some(d("0.5")))
    );
    // 3e-06, 1.5e-05, 3.75e-06, 3e-07 per token.
    assert_eq!(
        prices(&imp, "sonnet"),
        (d("3"), d("15"), Some(d("3.75")), Some(d("0.3")))
    );
    // 1e-06, 5e-06, 1.25e-06, 1e-07 per token.
    assert_eq!(
        prices(&imp, "haiku"),
        (d("1"), d("5"), Some(d("1.25")), Some(d("0.1")))
    );
    // A new id: 1e-05, 5e-05, 1.25e-05, 1e-06 per token.
    assert_eq!(
        prices(&imp, "fable"),
        (d("10"), d("50"), Some(d("12.5")), Some(d("1")))
    );
    let ids: Vec<&str> = imp.models.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["opus", "sonnet", "haiku", "fable"]);
    let (_, fable) = &imp.models[3];
    assert_eq!(fable.litellm.as_deref(), Some("claude-fable-5"));
    assert_eq!(fable.name, None);
}

#[test]
fn figures_are_exact_decimals_not_floats() {
    let imp = run(&[("sonnet", "claude-sonnet-4-5-20250929")]);
    let (input, _, _, read) = prices(&imp, "sonnet");
    assert_eq!(input.to_string(), "3");
    assert_eq!(read.map(|r| r.to_string()), Some("0.3".to_string()));
}

#[test]
fn cache_prices_that_break_the_multipliers_are_kept_and_warned() {
    // claude-fable-5-1 reads its cache at 2.5e-07 per token: 0.25 per
    // million, a fortieth of input 10, not the book's tenth (1).
    let imp = run(&[("fable", "claude-fable-5-1")]);
    assert_eq!(
        prices(&imp, "fable"),
        (d("10"), d("50"), Some(d("12.5")), Some(d("0.25")))
    );
    assert_eq!(imp.warnings.len(), 1, "{:?}", imp.warnings);
    let w = &imp.warnings[0];
    assert!(w.contains("'claude-fable-5-1' → 'fable'"), "{w}");
    assert!(
        w.contains("cache read 0.25 per million is 0.025 × input"),
        "{w}"
    );
    assert!(w.contains("not the book's 0.1 × input (1)"), "{w}");
}

#[test]
fn other_providers_are_imported_with_a_warning() {
    let imp = run(&[
        ("gpt", "gpt-4o"),
        ("bedrock", "anthropic.claude-3-5-sonnet-20241022-v2:0"),
    ]);
    assert_eq!(
        prices(&imp, "bedrock"),
        (d("3"), d("15"), Some(d("3.75")), Some(d("0.3")))
    );
    // gpt-4o has no cache write price: left to the multiplier, with a note.
    assert_eq!(
        prices(&imp, "gpt"),
        (d("2.5"), d("10"), None, Some(d("1.25")))
    );
    let joined = imp.warnings.join("\n");
    assert!(
        joined.contains("priced by 'openai', not Anthropic's"),
        "{joined}"
    );
    assert!(
        joined.contains("priced by 'bedrock', not Anthropic's"),
        "{joined}"
    );
    assert!(
        joined.contains("cache read 1.25 per million is 0.5 × input"),
        "{joined}"
    );
    assert!(
        imp.notes
            .iter()
            .any(|n| n.contains("gives no cache write price") && n.contains("3.125")),
        "{:?}",
        imp.notes
    );
}

#[test]
fn missing_names_and_entries_without_prices_are_skipped_with_a_warning() {
    let imp = run(&[
        ("sonnet", "claude-sonnet-4-5"),
        ("heroku", "heroku/claude-4-sonnet"),
        ("haiku", "claude-haiku-4-5-20251001"),
    ]);
    let ids: Vec<&str> = imp.models.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["haiku"]);
    assert_eq!(imp.warnings.len(), 2, "{:?}", imp.warnings);
    assert_eq!(
        imp.warnings[0],
        "'claude-sonnet-4-5' is not in prices.json (did you mean 'claude-sonnet-4-5-20250929'?); 'sonnet' not imported"
    );
    assert!(
        imp.warnings[1].contains("no usable input and output price")
            && imp.warnings[1].contains("'heroku' not imported"),
        "{}",
        imp.warnings[1]
    );
}

#[test]
fn float_artefacts_are_imported_exactly_and_flagged() {
    // The file writes 1.0000000000000001e-07 per token.
    let imp = run(&[("go", "opencode_go/claude-haiku-5-5")]);
    let (input, output, write, read) = prices(&imp, "go");
    assert_eq!(input, d("0.10000000000000001"));
    assert_eq!(
        (output, write, read),
        (d("0.5"), Some(d("0.125")), Some(d("0.01")))
    );
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.contains("binary-float artefact") && w.contains("is 0.1")),
        "{:?}",
        imp.warnings
    );
}

#[test]
fn long_context_prices_are_noted_not_imported() {
    let imp = run(&[("h55", "claude-haiku-5-5")]);
    assert_eq!(
        prices(&imp, "h55"),
        (d("0.1"), d("0.5"), Some(d("0.125")), Some(d("0.01")))
    );
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    assert!(imp.notes.iter().any(|n| n.contains("long-context prices")));
}

#[test]
fn applying_an_import_updates_known_ids_and_adds_new_ones() {
    let mut book = PriceBook::builtin();
    book.overridden.insert("model.sonnet.input".into());
    let imp = run(&[
        ("sonnet", "claude-sonnet-4-5-20250929"),
        ("fable", "claude-fable-5"),
    ]);
    imp.apply_to(&mut book);
    let sonnet = book.model("sonnet").unwrap();
    assert_eq!(sonnet.name.as_deref(), Some("Sonnet 4.x"));
    assert_eq!(sonnet.cache_read, Some(d("0.3")));
    assert!(!book.is_overridden("model.sonnet.input"));
    assert_eq!(book.model_ids(), ["opus", "sonnet", "haiku", "fable"]);
    assert_eq!(book.cache_read(book.model("fable").unwrap()), d("1"));
}

#[test]
fn text_that_is_not_a_price_file_is_refused_with_its_place() {
    let book = PriceBook::builtin();
    let m = parse_mappings(&["a=b".to_string()]).unwrap();
    let err = import("x.json", "{\n  \"a\": x}", &m, &book).unwrap_err();
    assert_eq!((err.line, err.column), (2, 8));
    assert!(err.message.contains("invalid JSON"), "{}", err.message);
    let err = import("x.json", "[1, 2]", &m, &book).unwrap_err();
    assert!(
        err.message.contains("expected a JSON object"),
        "{}",
        err.message
    );
}
