//! The price-book table writer, into a buffer: what a negotiator reads
//! before a call.

use chrono::NaiveDate;
use dealbench::pricebook::PriceBook;
use dealbench::pricebook::litellm::{Mapping, import};
use dealbench::report::pricebook::{Origin, figure, write_text};
use dealbench::scenario::parse_str;
use dealbench::style::Style;
use rust_decimal::Decimal;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn text(book: &PriceBook, origin: &Origin) -> String {
    let mut out = Vec::new();
    write_text(&mut out, book, origin, Style::PLAIN).unwrap();
    String::from_utf8(out).unwrap()
}

const BUILTIN: &str = "\
Price book as of 2026-02-15
  edition 2026-02-15 of the built-in book; 2026-12-03 is newer: `dealbench pricebook FILE --compare 2026-12-03` shows each offer on it
  14 days old; check it against today's list before a call
  The built-in book; amounts in USD

Sources
  - Anthropic API pricing table, claude.com/pricing (Opus 4.5/4.6, Sonnet 4.x, Haiku 4.5), early 2026
  - Anthropic prompt caching docs: 5-minute cache write 1.25x input, cache read 0.1x input
  - Anthropic Message Batches API docs: 50 % off standard prices
  - Claude Team plan list: $25 per seat-month annual, $30 monthly, 5-seat minimum
  - Claude Enterprise seat price: not published; the figure here is illustrative

Multipliers
  cache write      1.25 × input   5-minute prompt-cache write
  cache read       0.1 × input    prompt-cache hit
  batch discount   50 %           Message Batches API

Seat tiers  per seat-month, annual billing
  tier         name         seat price     monthly premium   monthly billing   min seats
  team         Team              25.00                20 %             30.00           5
  enterprise   Enterprise        60.00 †               0 %             60.00          20

API models  per million tokens
  model    name           input   output   cache write           cache read           source
  opus     Opus 4.5/4.6    5.00    25.00          6.25 derived         0.50 derived   built-in
  sonnet   Sonnet 4.x      3.00    15.00          3.75 derived         0.30 derived   built-in
  haiku    Haiku 4.5       1.00     5.00          1.25 derived         0.10 derived   built-in

† illustrative: the seat price is not published; negotiate from a quote
derived: input × the cache multiplier above (the model sets no price of its own)
";

#[test]
fn the_builtin_book_reads_as_a_table() {
    let origin = Origin {
        today: Some(date("2026-03-01")),
        ..Origin::default()
    };
    assert_eq!(text(&PriceBook::builtin(), &origin), BUILTIN);
}

#[test]
fn an_old_book_asks_for_a_refresh() {
    let origin = Origin {
        today: Some(date("2026-11-23")),
        ..Origin::default()
    };
    let out = text(&PriceBook::builtin(), &origin);
    assert!(
        out.contains("\n  281 days old: list prices move several times a year — refresh them before a call (docs/pricebook.md)\n"),
        "{out}"
    );
}

const EUR_DEAL: &str = r#"
schema = 1
[deal]
name = "Europe"
currency = "EUR"
start = 2027-01-01
[[region]]
id = "eu"
headcount = 10
provisioned = 10
mau = 10
wau = 10
dau = 10
[[offer]]
name = "Quote"
seats = 10
[pricebook]
cache_read_multiplier = 0.08
[pricebook.tier.enterprise]
seat_price = 52
[[pricebook.tier.enterprise.volume]]
min_seats = 500
discount_pct = 8
[pricebook.model.opus]
cache_write = 6
"#;

#[test]
fn a_scenario_book_marks_overrides_currency_and_imports() {
    let s = parse_str("eu.toml", EUR_DEAL).unwrap();
    let mut book = s.pricebook.clone();
    let file = include_str!("data/litellm/model_prices_and_context_window.json");
    let maps = [Mapping {
        id: "fable".into(),
        name: "claude-fable-5".into(),
    }];
    import("prices.json", file, &maps, &book)
        .unwrap()
        .apply_to(&mut book);
    let origin = Origin {
        scenario: Some("eu.toml".into()),
        deal: Some(("Europe".into(), "EUR".into())),
        litellm: Some("prices.json".into()),
        today: Some(date("2026-03-01")),
    };
    let out = text(&book, &origin);
    for line in [
        "  In force for eu.toml ('Europe'): the built-in book with the scenario's [pricebook] on top\n",
        "  Amounts in EUR (the deal currency)\n",
        "  built-in figures are USD list prices; in this EUR deal they are read as EUR unless the scenario sets them\n",
        "  Models marked LiteLLM were imported from prices.json (not written to any file)\n",
        "  the built-in book's date: the scenario's [pricebook] sets no `as_of` for its own figures\n",
        "Sources (of the built-in book)\n",
        "  cache read       0.08 × input*   prompt-cache hit\n",
        "  enterprise   Enterprise        52.00*               0 %             52.00          20   8 % off at 500+*\n",
        "  opus     Opus 4.5/4.6    5.00    25.00          6.00*                0.40 derived   built-in\n",
        "  fable                   10.00    50.00         12.50                 1.00           LiteLLM 'claude-fable-5'\n",
        "* set by the scenario's [pricebook]\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    // The Enterprise price was set by the scenario: no longer illustrative.
    assert!(!out.contains('†'), "{out}");
}

#[test]
fn figures_keep_every_decimal_they_have() {
    let d = |s: &str| Decimal::from_str_exact(s).unwrap();
    assert_eq!(figure(d("25")), "25.00");
    assert_eq!(figure(d("0.3")), "0.30");
    assert_eq!(figure(d("0.0375")), "0.0375");
    assert_eq!(figure(d("6.2500")), "6.25");
}
