//! Property tests: arbitrary edits of the example scenarios never make the
//! loader or the engine panic.
//!
//! Each case starts from one of the scenarios in tests/data/examples (copies
//! of shared/examples), applies a few random edits — delete, duplicate or
//! swap a line, put an extreme number or a random value of another type in
//! place of a value, rename a key, insert a raw line, set a lever to an
//! edge of its range in the table it belongs to, insert random bytes,
//! truncate — and runs
//! `parse_bytes`; when the text still loads, `engine::evaluate` and both
//! report writers. All of them return `Result`s: a panic anywhere fails the
//! property. A refused file must also point inside itself (line ≥ 1 and no
//! further than one past its last line, column ≥ 1). Three properties of
//! 256 cases each: a mix of all edits (mostly refused files), extreme
//! numbers, and lever settings (mostly files that load and reach the engine).

use dealbench::engine;
use dealbench::report;
use dealbench::scenario::load::parse_bytes;
use proptest::prelude::*;
use proptest::sample::{Index, select};

const EXAMPLES: &[(&str, &[u8])] = &[
    (
        "seat-sizing.toml",
        include_bytes!("data/examples/seat-sizing.toml"),
    ),
    (
        "pilot-to-enterprise.toml",
        include_bytes!("data/examples/pilot-to-enterprise.toml"),
    ),
    (
        "global-rollout.toml",
        include_bytes!("data/examples/global-rollout.toml"),
    ),
];

/// Numbers at and past the edges of what a scenario, TOML, i64, f64 and a
/// 96-bit decimal can hold.
const EXTREMES: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "0.5",
    "1.5",
    "12",
    "599",
    "600",
    "601",
    "10000000",
    "10000001",
    "1000000",
    "1000000000000",
    "1000000000000000000",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "99.999999999999999999999999999",
    "1e308",
    "1e309",
    "-1e308",
    "5e-324",
    "1e-30",
    "1e28",
    "1e29",
    "6.0e1",
    "1_000",
    "0x7FFFFFFFFFFFFFFF",
    "0o777",
    "0b1",
    "nan",
    "+nan",
    "-nan",
    "inf",
    "+inf",
    "-inf",
    "2027-01-01",
];

/// Values of every TOML type, well- and ill-formed.
const VALUES: &[&str] = &[
    "\"\"",
    "\"Vendor quote\"",
    "\"Usage-sized ramp\"",
    "\"opus\"",
    "\"monthly\"",
    "\"EUR\"",
    "\"\\u001b[31m\"",
    "'literal'",
    "\"\"\"\nmulti\nline\"\"\"",
    "true",
    "false",
    "[]",
    "[1, 2]",
    "[\"sso\", 3]",
    "[[1]]",
    "[ { month = 0, seats = 5 } ]",
    "[ { month = 600, seats = 10000000 }, { month = 0, seats = 0 } ]",
    "{}",
    "{ opus = 1 }",
    "{ opus = 0.5, sonnet = 0.5 }",
    "{ x = { y = 1 } }",
    "2027-02-28",
    "2027-01-14T15:32:00Z",
    "15:32:00",
    "1979-05-27T07:32:00",
    "",
    "=",
    "\"unclosed",
];

/// Keys of every table: renaming a key to another moves a value to a field
/// that may not expect its type or range.
const KEYS: &[&str] = &[
    "schema",
    "name",
    "vendor",
    "currency",
    "start",
    "horizon_months",
    "buffer_pct",
    "renewal_uplift_pct",
    "requires",
    "target_total",
    "walk_away_total",
    "id",
    "headcount",
    "provisioned",
    "mau",
    "wau",
    "dau",
    "go_live",
    "target_wau",
    "ramp_months",
    "input_mtok",
    "output_mtok",
    "cacheable",
    "growth_pct",
    "route",
    "cache_hit",
    "batch",
    "by",
    "based_on",
    "tier",
    "seats",
    "seat_ramp",
    "team_seats",
    "team_price",
    "seat_price",
    "billing",
    "term_months",
    "uplift_pct",
    "uplift_cap_pct",
    "renewal_cap_pct",
    "true_up",
    "true_up_ratchet",
    "true_up_rate_pct",
    "true_up_cap_pct",
    "downsize_at_anniversary",
    "api_commit",
    "api_discount_pct",
    "terms",
    "api",
    "regional_price",
    "EUR",
    "JPY",
];

/// Lines that open a table or set a key wherever they land: mostly
/// refused (duplicate keys, fields in the wrong table), they test the reader.
const SNIPPETS: &[&str] = &[
    "based_on = \"Vendor quote\"",
    "billing = \"monthly\"",
    "seats = 0",
    "seat_ramp = [ { month = 0, seats = 1 }, { month = 599, seats = 10000000 } ]",
    "horizon_months = 600",
    "growth_pct = 100",
    "route = { haiku = 1 }",
    "currency = \"EUR\"",
    "requires = [\"\"]",
    "[[offer]]",
    "name = \"Extra\"",
    "[[region]]",
    "id = \"x\"",
    "[[workload]]",
    "[offer.api]",
    "[offer.api.workload.support-assistant]",
    "[pricebook]",
    "[pricebook.tier.enterprise]",
    "[[pricebook.tier.enterprise.volume]]",
    "[pricebook.model.opus]",
    "[stress]",
    "[fx]",
    "[[log]]",
    "at = 2027-01-14T15:32:00Z",
];

/// A setting pushed to an edge of its range: `lines` are set (replaced or
/// added) in one table of kind `table` (a header such as "offer" or
/// "pricebook.tier.enterprise"); `-key` removes a key. A table kind the file
/// lacks is appended at the end.
#[derive(Debug, Clone, Copy)]
struct Lever {
    table: &'static str,
    lines: &'static [&'static str],
}

const fn lever(table: &'static str, lines: &'static [&'static str]) -> Lever {
    Lever { table, lines }
}

const LEVERS: &[Lever] = &[
    lever("deal", &["horizon_months = 1"]),
    lever("deal", &["horizon_months = 599"]),
    lever("deal", &["horizon_months = 600"]),
    lever("deal", &["-horizon_months"]),
    lever("deal", &["buffer_pct = 0"]),
    lever("deal", &["buffer_pct = 100"]),
    lever("deal", &["renewal_uplift_pct = 100"]),
    lever(
        "deal",
        &["target_total = 0", "walk_away_total = 1000000000000000"],
    ),
    lever(
        "deal",
        &["requires = [\"no_training\", \"sso\", \"custom term\"]"],
    ),
    lever("region", &["headcount = 10000000", "target_wau = 10000000"]),
    lever(
        "region",
        &[
            "headcount = 10000000",
            "provisioned = 10000000",
            "mau = 10000000",
            "wau = 10000000",
            "dau = 10000000",
        ],
    ),
    lever(
        "region",
        &["provisioned = 0", "mau = 0", "wau = 0", "dau = 0"],
    ),
    lever("region", &["go_live = 599"]),
    lever("region", &["go_live = 600"]),
    lever("region", &["ramp_months = 600"]),
    lever("region", &["ramp_months = 1"]),
    lever("region", &["target_wau = 0"]),
    lever("region", &["currency = \"EUR\""]),
    lever("workload", &["growth_pct = 100"]),
    lever("workload", &["growth_pct = -100"]),
    lever("workload", &["growth_pct = 99.999"]),
    lever("workload", &["growth_pct = 5"]),
    lever(
        "workload",
        &["input_mtok = 1000000000", "output_mtok = 1000000000"],
    ),
    lever("workload", &["input_mtok = 0", "output_mtok = 0"]),
    lever("workload", &["cacheable = 1", "cache_hit = 1", "batch = 1"]),
    lever("workload", &["route = { haiku = 1 }"]),
    lever(
        "workload",
        &[
            "route = { opus = 0.0000000000000000000000000001, haiku = 0.9999999999999999999999999999 }",
        ],
    ),
    lever("offer", &["billing = \"monthly\""]),
    lever("offer", &["billing = \"monthly\"", "-seats", "-seat_ramp"]),
    lever("offer", &["tier = \"team\""]),
    lever("offer", &["seats = 0", "-seat_ramp"]),
    lever("offer", &["seats = 10000000", "-seat_ramp"]),
    lever(
        "offer",
        &[
            "seat_ramp = [ { month = 0, seats = 1 }, { month = 599, seats = 10000000 } ]",
            "-seats",
        ],
    ),
    lever(
        "offer",
        &["seat_ramp = [ { month = 600, seats = 1 } ]", "-seats"],
    ),
    lever(
        "offer",
        &[
            "seat_ramp = [ { month = 5, seats = 0 }, { month = 6, seats = 10000000 } ]",
            "-seats",
        ],
    ),
    lever("offer", &["team_seats = 10000000", "team_price = 1000000"]),
    lever("offer", &["seat_price = 0"]),
    lever("offer", &["seat_price = 1000000"]),
    lever("offer", &["seat_price = 0.01"]),
    lever("offer", &["term_months = 1"]),
    lever("offer", &["term_months = 7"]),
    lever("offer", &["term_months = 600"]),
    lever("offer", &["uplift_pct = 100"]),
    lever("offer", &["uplift_pct = 100", "uplift_cap_pct = 0"]),
    lever("offer", &["renewal_cap_pct = 100"]),
    lever("offer", &["renewal_cap_pct = 0"]),
    lever(
        "offer",
        &["true_up = \"annual_peak\"", "true_up_ratchet = true"],
    ),
    lever(
        "offer",
        &[
            "true_up = \"quarterly\"",
            "true_up_ratchet = true",
            "true_up_cap_pct = 0",
        ],
    ),
    lever("offer", &["true_up = \"fixed\""]),
    lever(
        "offer",
        &["true_up = \"monthly\"", "true_up_rate_pct = 1000"],
    ),
    lever("offer", &["true_up_rate_pct = 0"]),
    lever("offer", &["true_up_cap_pct = 1000"]),
    lever("offer", &["downsize_at_anniversary = true"]),
    lever(
        "offer",
        &[
            "downsize_at_anniversary = true",
            "true_up_ratchet = true",
            "true_up = \"annual_peak\"",
        ],
    ),
    lever("offer", &["api_commit = 1000000000000"]),
    lever("offer", &["api_commit = 0.01", "api_discount_pct = 100"]),
    lever("offer", &["terms = []"]),
    lever(
        "offer",
        &["regional_price = { na = 1000000000, emea = 0, apac = 0.01 }"],
    ),
    lever("offer", &["regional_price = { all = 0.01 }"]),
    lever("offer", &["regional_price = { hq = 1000000000 }"]),
    lever("offer", &["based_on = \"Vendor quote\""]),
    lever("offer", &["-based_on"]),
    lever("offer.api", &["cache_hit = 1", "batch = 1"]),
    lever("offer.api", &["route = { opus = 0.5, haiku = 0.5 }"]),
    lever(
        "pricebook",
        &[
            "cache_write_multiplier = 100",
            "cache_read_multiplier = 100",
        ],
    ),
    lever("pricebook", &["batch_discount_pct = 100"]),
    lever("pricebook.tier.enterprise", &["min_seats = 10000000"]),
    lever("pricebook.tier.enterprise", &["seat_price = 0"]),
    lever(
        "pricebook.tier.team",
        &["monthly_premium_pct = 1000", "seat_price = 1000000"],
    ),
    lever("pricebook.model.opus", &["input = 0", "output = 0"]),
    lever(
        "pricebook.model.haiku",
        &["cache_read = 1000000", "cache_write = 1000000"],
    ),
    lever(
        "pricebook.tier.enterprise.volume",
        &["min_seats = 0", "discount_pct = 100"],
    ),
    lever("stress", &["adoption_pct = 100", "spike_pct = 1000"]),
    lever("stress", &["adoption_pct = 0", "spike_pct = 0"]),
    lever("fx", &["EUR = 0.000001", "JPY = 1000000"]),
];

#[derive(Debug, Clone)]
enum Edit {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Put a number in place of one of the file's numbers.
    ReplaceNumber(Index, String),
    /// Put a value in place of everything after a line's `=`.
    ReplaceValue(Index, String),
    /// Rename the key of a `key = value` line.
    ReplaceKey(Index, &'static str),
    InsertLine(Index, String),
    InsertBytes(Index, Vec<u8>),
    Truncate(Index),
    /// Push a setting to an edge of its range.
    Set(Index, Lever),
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(EXTREMES).prop_map(String::from),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => (0u32..2000).prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|f| format!("{f:?}")),
        1 => (-100_000i64..100_000, 0u32..8)
            .prop_map(|(m, s)| rust_decimal::Decimal::new(m, s).to_string()),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(VALUES).prop_map(String::from),
        2 => number(),
        1 => "[a-zA-Zé日 _\\-]{0,12}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => any::<Index>().prop_map(Edit::DeleteLine),
        1 => any::<Index>().prop_map(Edit::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        4 => (any::<Index>(), number()).prop_map(|(i, n)| Edit::ReplaceNumber(i, n)),
        3 => (any::<Index>(), value()).prop_map(|(i, v)| Edit::ReplaceValue(i, v)),
        1 => (any::<Index>(), select(KEYS)).prop_map(|(i, k)| Edit::ReplaceKey(i, k)),
        3 => (any::<Index>(), select(SNIPPETS).prop_map(String::from))
            .prop_map(|(i, s)| Edit::InsertLine(i, s)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Edit::InsertBytes(i, b)),
        1 => any::<Index>().prop_map(Edit::Truncate),
        3 => (any::<Index>(), select(LEVERS)).prop_map(|(i, l)| Edit::Set(i, l)),
    ]
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn join(lines: &[Vec<u8>]) -> Vec<u8> {
    lines.join(&b'\n')
}

/// Byte ranges of the number-like tokens of a line outside strings and
/// comments (dates included: they are values too).
fn number_spans(line: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        match quote {
            Some(q) => {
                if c == b'\\' && q == b'"' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
                i += 1;
            }
            None if c == b'"' || c == b'\'' => {
                quote = Some(c);
                i += 1;
            }
            None if c == b'#' => break,
            None => {
                let starts = c.is_ascii_digit()
                    || ((c == b'-' || c == b'+')
                        && line.get(i + 1).is_some_and(u8::is_ascii_digit));
                let after_ident =
                    i > 0 && (line[i - 1].is_ascii_alphanumeric() || line[i - 1] == b'_');
                if starts && !after_ident {
                    let start = i;
                    i += 1;
                    while i < line.len()
                        && (line[i].is_ascii_alphanumeric()
                            || matches!(line[i], b'_' | b'.' | b'+' | b'-' | b':'))
                    {
                        i += 1;
                    }
                    out.push((start, i));
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

fn apply(bytes: Vec<u8>, edit: &Edit) -> Vec<u8> {
    let mut ls = lines(&bytes);
    match edit {
        Edit::DeleteLine(i) => {
            ls.remove(i.index(ls.len()));
            join(&ls)
        }
        Edit::DuplicateLine(i) => {
            let at = i.index(ls.len());
            let line = ls[at].clone();
            ls.insert(at, line);
            join(&ls)
        }
        Edit::SwapLines(a, b) => {
            let (a, b) = (a.index(ls.len()), b.index(ls.len()));
            ls.swap(a, b);
            join(&ls)
        }
        Edit::ReplaceNumber(i, n) => {
            let spans: Vec<(usize, usize, usize)> = ls
                .iter()
                .enumerate()
                .flat_map(|(l, line)| number_spans(line).into_iter().map(move |(s, e)| (l, s, e)))
                .collect();
            if spans.is_empty() {
                return bytes;
            }
            let (l, s, e) = spans[i.index(spans.len())];
            ls[l].splice(s..e, n.bytes());
            join(&ls)
        }
        Edit::ReplaceValue(i, v) => {
            let with_eq: Vec<usize> = (0..ls.len()).filter(|&l| ls[l].contains(&b'=')).collect();
            if with_eq.is_empty() {
                return bytes;
            }
            let l = with_eq[i.index(with_eq.len())];
            let eq = ls[l].iter().position(|&b| b == b'=').unwrap_or(0);
            ls[l].truncate(eq + 1);
            ls[l].push(b' ');
            ls[l].extend_from_slice(v.as_bytes());
            join(&ls)
        }
        Edit::ReplaceKey(i, k) => {
            let with_eq: Vec<usize> = (0..ls.len())
                .filter(|&l| ls[l].contains(&b'=') && !ls[l].starts_with(b"#"))
                .collect();
            if with_eq.is_empty() {
                return bytes;
            }
            let l = with_eq[i.index(with_eq.len())];
            let eq = ls[l].iter().position(|&b| b == b'=').unwrap_or(0);
            ls[l].splice(0..eq, format!("{k} ").into_bytes());
            join(&ls)
        }
        Edit::InsertLine(i, s) => {
            let at = i.index(ls.len() + 1);
            ls.insert(at, s.clone().into_bytes());
            join(&ls)
        }
        Edit::InsertBytes(i, b) => {
            let mut bytes = bytes;
            let at = i.index(bytes.len() + 1);
            bytes.splice(at..at, b.iter().copied());
            bytes
        }
        Edit::Truncate(i) => {
            let mut bytes = bytes;
            bytes.truncate(i.index(bytes.len() + 1));
            bytes
        }
        Edit::Set(i, lever) => {
            set(&mut ls, *i, lever);
            join(&ls)
        }
    }
}

/// The table a header line opens (`[[offer]]` → "offer"), if it is one.
fn header(line: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(line);
    let text = text.trim();
    if !text.starts_with('[') {
        return None;
    }
    let end = text.find(']')?;
    Some(text[..end].trim_matches(['[', ' ']).to_string())
}

/// The key of a `key = value` line.
fn key_of(line: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(line);
    let (key, _) = text.split_once('=')?;
    Some(key.trim().to_string())
}

/// Set the lever's lines in one of the file's tables of its kind (the
/// `which`-th), appending the table when the file has none.
fn set(ls: &mut Vec<Vec<u8>>, which: Index, lever: &Lever) {
    let starts: Vec<usize> = (0..ls.len())
        .filter(|&l| header(&ls[l]).as_deref() == Some(lever.table))
        .collect();
    let start = if starts.is_empty() {
        ls.push(Vec::new());
        match lever.table {
            "workload" => {
                ls.push(b"[[workload]]".to_vec());
                ls.push(b"name = \"added\"".to_vec());
                ls.push(b"input_mtok = 10".to_vec());
                ls.push(b"output_mtok = 1".to_vec());
                ls.len() - 4
            }
            t if t.ends_with("volume") => {
                ls.push(format!("[[{t}]]").into_bytes());
                ls.len() - 1
            }
            t => {
                ls.push(format!("[{t}]").into_bytes());
                ls.len() - 1
            }
        }
    } else {
        starts[which.index(starts.len())]
    };
    for line in lever.lines {
        let end = (start + 1..ls.len())
            .find(|&l| header(&ls[l]).is_some())
            .unwrap_or(ls.len());
        if let Some(gone) = line.strip_prefix('-') {
            if let Some(l) = (start + 1..end).find(|&l| key_of(&ls[l]).as_deref() == Some(gone)) {
                ls.remove(l);
            }
            continue;
        }
        let key = key_of(line.as_bytes());
        match (start + 1..end).find(|&l| key_of(&ls[l]).is_some() && key_of(&ls[l]) == key) {
            Some(l) => ls[l] = line.as_bytes().to_vec(),
            None => ls.insert(start + 1, line.as_bytes().to_vec()),
        }
    }
}

/// Load, and on success evaluate and render: nothing may panic; a refused
/// file must point inside itself.
fn exercise(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_bytes(name, bytes) {
        Err(diags) => {
            prop_assert!(!diags.0.is_empty(), "refused without a diagnostic");
            let last_line = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
            for d in &diags.0 {
                prop_assert!(
                    d.line >= 1 && d.line <= last_line + 1 && d.column >= 1,
                    "diagnostic outside the file ({} lines): {}",
                    last_line,
                    d
                );
                prop_assert!(
                    !d.message.trim().is_empty(),
                    "empty message at {}:{}",
                    d.line,
                    d.column
                );
            }
        }
        Ok(scenario) => {
            // An overflow is a refusal (exit 2), not a failure of the property.
            if let Ok(ev) = engine::evaluate(&scenario) {
                let mut out = Vec::new();
                let _ = report::json::write(&mut out, &scenario, &ev);
                let mut out = Vec::new();
                let _ = report::text::write(
                    &mut out,
                    &scenario,
                    &ev,
                    dealbench::style::Style::PLAIN,
                    100,
                );
            }
        }
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

fn example() -> impl Strategy<Value = usize> {
    0..EXAMPLES.len()
}

proptest! {
    #![proptest_config(config())]

    /// A mix of every kind of edit, one to four at a time.
    #[test]
    fn arbitrary_edits_never_panic(ex in example(), edits in prop::collection::vec(edit(), 1..5)) {
        let (name, text) = EXAMPLES[ex];
        let bytes = edits.iter().fold(text.to_vec(), apply);
        exercise(name, &bytes)?;
    }

    /// Extreme numbers in place of the file's own: most still load, so the
    /// engine sees the edges of every range.
    #[test]
    fn extreme_numbers_never_panic(
        ex in example(),
        edits in prop::collection::vec((any::<Index>(), number()), 1..4),
    ) {
        let (name, text) = EXAMPLES[ex];
        let bytes = edits
            .into_iter()
            .map(|(i, n)| Edit::ReplaceNumber(i, n))
            .fold(text.to_vec(), |b, e| apply(b, &e));
        exercise(name, &bytes)?;
    }

    /// Settings pushed to the edges of their ranges, several at once: most
    /// files still load, so the engine prices the extremes.
    #[test]
    fn edge_settings_never_panic(
        ex in example(),
        edits in prop::collection::vec((any::<Index>(), select(LEVERS)), 1..6),
    ) {
        let (name, text) = EXAMPLES[ex];
        let bytes = edits
            .into_iter()
            .map(|(i, l)| Edit::Set(i, l))
            .fold(text.to_vec(), |b, e| apply(b, &e));
        exercise(name, &bytes)?;
    }
}

/// The examples themselves load and evaluate: the properties start from
/// valid files.
#[test]
fn examples_load_and_evaluate() {
    for (name, text) in EXAMPLES {
        let s = parse_bytes(name, text).unwrap_or_else(|d| panic!("{name}:\n{d}"));
        engine::evaluate(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
