//! Importing the Anthropic entries of LiteLLM 1.110.2 (issue 21;
//! tests/data/litellm-1.110.2 says where the trimmed file comes from):
//! every current model maps, `alias_of` entries included, and each
//! imported price is the 2026-12-03 edition's own figure.

use dealbench::pricebook::PriceBook;
use dealbench::pricebook::litellm::{Import, import, parse_mappings};
use rust_decimal::Decimal;

const FILE: &str = include_str!("data/litellm-1.110.2/anthropic.json");

/// Price-book id → LiteLLM name: every version the edition sells, and the
/// family ids through LiteLLM's `-latest` aliases.
const MAP: &[(&str, &str)] = &[
    ("fable-5-1", "claude-fable-5-1"),
    ("opus-5-5", "claude-opus-5-5"),
    ("opus-5", "claude-opus-5"),
    ("opus-4-8", "claude-opus-4-8"),
    ("opus-4-7", "claude-opus-4-7"),
    ("opus-4-6", "claude-opus-4-6"),
    ("opus-4-5", "claude-opus-4-5"),
    ("sonnet-5-5", "claude-sonnet-5-5"),
    ("sonnet-5", "claude-sonnet-5"),
    ("sonnet-4-6", "claude-sonnet-4-6"),
    ("haiku-5-5", "claude-haiku-5-5"),
    ("haiku-4-5", "claude-haiku-4-5"),
    ("fable", "claude-fable-latest"),
    ("opus", "claude-opus-latest"),
    ("sonnet", "claude-sonnet-latest"),
    ("haiku", "claude-haiku-latest"),
];

fn run(map: &[(&str, &str)], book: &PriceBook) -> Import {
    let pairs: Vec<String> = map.iter().map(|(id, n)| format!("{id}={n}")).collect();
    let maps = parse_mappings(&pairs).unwrap();
    import("anthropic.json", FILE, &maps, book).unwrap()
}

#[test]
fn every_current_model_maps_aliases_included_to_the_editions_figures() {
    let edition = PriceBook::edition("2026-12-03").unwrap();
    let got = run(MAP, &edition);
    // The only warnings: the cache reads of Fable 5.1 (0.025 × input),
    // Opus 5.5 and Sonnet 5.5 (0.05 ×) break the book's 0.1 × multiplier,
    // directly and through their aliases.
    assert_eq!(got.warnings.len(), 6, "{:?}", got.warnings);
    for w in &got.warnings {
        assert!(w.contains("not the book's 0.1 × input"), "{w}");
    }
    assert_eq!(got.models.len(), MAP.len());
    for (id, m) in &got.models {
        let want = edition.model(id).unwrap();
        assert_eq!(m.input, want.input, "{id} input");
        assert_eq!(m.output, want.output, "{id} output");
        assert_eq!(
            edition.cache_write(m),
            edition.cache_write(want),
            "{id} 5-minute write"
        );
        assert_eq!(
            edition.cache_write_1h(m),
            edition.cache_write_1h(want),
            "{id} 1-hour write"
        );
        assert_eq!(
            edition.cache_read(m),
            edition.cache_read(want),
            "{id} cache read"
        );
        assert_eq!(m.inference_geo_us, want.inference_geo_us, "{id} US-only");
        // LiteLLM's batch prices are exactly half: left to the book.
        assert_eq!(m.batch, None, "{id} batch");
    }
    for alias in ["claude-opus-latest", "claude-haiku-latest"] {
        assert!(
            got.notes
                .iter()
                .any(|n| n.starts_with(&format!("'{alias}' is an alias of"))),
            "{:?}",
            got.notes
        );
    }
    let opus = &got.models.iter().find(|(id, _)| id == "opus").unwrap().1;
    assert_eq!(
        opus.cache_read,
        Some(Decimal::from_str_exact("0.2").unwrap())
    );
    assert_eq!(opus.litellm.as_deref(), Some("claude-opus-latest"));
}

#[test]
fn a_vertex_alias_takes_the_regional_uplift_with_its_provider() {
    let got = run(
        &[("vertex-opus", "vertex_ai/claude-opus-latest")],
        &PriceBook::builtin(),
    );
    let m = &got.models[0].1;
    assert_eq!(
        m.inference_geo_us,
        Some(Decimal::from_str_exact("1.1").unwrap())
    );
    assert!(
        got.notes
            .iter()
            .any(|n| n
                .contains("'vertex_ai-anthropic_models' charges 1.1 × on its regional endpoints")),
        "{:?}",
        got.notes
    );
    assert!(
        got.warnings
            .iter()
            .any(|w| w.contains("vertex_ai-anthropic_models")),
        "{:?}",
        got.warnings
    );
}

#[test]
fn own_batch_prices_are_imported_and_priced() {
    // A hand-made entry whose batch prices are not half the standard ones.
    let text = r#"{"m": {"litellm_provider": "anthropic", "input_cost_per_token": 4e-06,
        "output_cost_per_token": 2e-05, "input_cost_per_token_batches": 3e-06,
        "output_cost_per_token_batches": 1e-05}}"#;
    let maps = parse_mappings(&["own=m".to_string()]).unwrap();
    let got = import("x.json", text, &maps, &PriceBook::builtin()).unwrap();
    let b = got.models[0].1.batch.clone().unwrap();
    assert_eq!(b.input, Some(Decimal::from(3)));
    assert_eq!(b.output, None);
    let mut book = PriceBook::builtin();
    got.apply_to(&mut book);
    let m = book.model("own").unwrap();
    let p = book.ordinary_prices(m);
    let bp = book.batch_prices(m, &p, true).unwrap();
    assert_eq!((bp.input, bp.output), (Decimal::from(3), Decimal::from(10)));
}

#[test]
fn an_alias_cycle_is_refused_with_a_warning() {
    let text = r#"{"a": {"alias_of": "b"}, "b": {"alias_of": "a"}}"#;
    let maps = parse_mappings(&["x=a".to_string()]).unwrap();
    let got = import("x.json", text, &maps, &PriceBook::builtin()).unwrap();
    assert!(got.models.is_empty());
    assert!(got.warnings[0].contains("a → b → a"), "{:?}", got.warnings);
}
