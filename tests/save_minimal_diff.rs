//! Saving touches only what changed: for each edit a negotiator makes in the
//! workbench, the saved text differs from the file as opened in exactly the
//! lines that edit implies — comments, order, number style and every other
//! table stay byte for byte (`git diff` shows only the edited values).

use crossterm::event::{KeyCode, KeyModifiers};
use dealbench::scenario::load;
use dealbench::scenario::save::write_deal_and_log;
use dealbench::tui::levers::Lever;
use dealbench::tui::model::Model;

mod common;
use common::diff::diff;
use common::keys::{d, key, open, press, to, typed};

const DEMO: &str = include_str!("../assets/demo.toml");

/// Put the offer named `name` on the table.
fn table(m: &mut Model, name: &str) {
    for _ in 0..m.scenario.offers.len() {
        if m.outcome().offer.name == name {
            return;
        }
        key(m, KeyCode::Char(']'));
    }
    panic!("no offer '{name}'");
}

/// Save through `update`; the text the loop would write, checked to load.
fn save(m: &mut Model) -> String {
    let text = common::keys::save(m);
    load::parse_str("deal.toml", &text).unwrap();
    text
}

/// The 1-based number of the line of `text` that is exactly `line`.
fn line_of(text: &str, line: &str) -> usize {
    let found = text.split('\n').position(|l| l == line);
    found.unwrap_or_else(|| panic!("no line '{line}'")) + 1
}

/// The diff line of `src`'s line `line` going.
fn minus(src: &str, line: &str) -> String {
    format!("-{} {line}", line_of(src, line))
}

/// The diff line of `line` coming as line `n` of the saved text.
fn plus(n: usize, line: &str) -> String {
    format!("+{n} {line}")
}

/// `old` replaced in place by `new`.
fn replaced(src: &str, old: &str, new: &str) -> Vec<String> {
    vec![minus(src, old), plus(line_of(src, old), new)]
}

const CAPPED_ROUTE: &str = "route = { opus = 0.15, sonnet = 0.6, haiku = 0.25 }";
const VENDOR_TERMS: &str = r#"terms = ["no_training", "sso", "scim", "audit_log", "us_residency"]"#;
const TEAM_SEATS: &str = "team_seats = 150             # light users on the Team tier";

#[test]
fn moving_one_routing_share_changes_only_that_route_line() {
    let mut m = open(DEMO);
    table(&mut m, "Usage-sized, capped");
    to(&mut m, Lever::RouteShare(2));
    key(&mut m, KeyCode::Right);
    let text = save(&mut m);
    // `batch = 0.0` of contract-review, unchanged, keeps its text.
    assert_eq!(
        diff(DEMO, &text),
        replaced(
            DEMO,
            CAPPED_ROUTE,
            "route = { opus = 0.15, sonnet = 0.59, haiku = 0.26 }"
        )
    );
}

#[test]
fn a_workload_plan_on_an_offer_without_one_adds_only_its_table() {
    let mut m = open(DEMO);
    to(&mut m, Lever::PlanFor);
    key(&mut m, KeyCode::Right);
    to(&mut m, Lever::Batch);
    press(&mut m, KeyCode::Right, KeyModifiers::SHIFT);
    let text = save(&mut m);
    // No empty `[offer.api]` header: that table only holds the workload's.
    let at = line_of(DEMO, VENDOR_TERMS) + 2;
    assert_eq!(
        diff(DEMO, &text),
        vec![
            plus(at, "[offer.api.workload.support-assistant]"),
            plus(at + 1, "batch = 0.05"),
            plus(at + 2, ""),
        ]
    );
}

#[test]
fn a_workload_plan_beside_another_adds_its_table_after_it() {
    let mut m = open(DEMO);
    table(&mut m, "Usage-sized, capped");
    to(&mut m, Lever::PlanFor);
    key(&mut m, KeyCode::Right);
    to(&mut m, Lever::Batch);
    press(&mut m, KeyCode::Right, KeyModifiers::SHIFT);
    let text = save(&mut m);
    let at = line_of(DEMO, "batch = 0.0") + 2;
    assert_eq!(
        diff(DEMO, &text),
        vec![
            plus(at, "[offer.api.workload.support-assistant]"),
            plus(at + 1, "batch = 0.35"),
            plus(at + 2, ""),
        ]
    );
}

#[test]
fn resetting_a_workloads_field_removes_only_that_line() {
    let mut m = open(DEMO);
    table(&mut m, "Usage-sized, capped");
    to(&mut m, Lever::PlanFor);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Right);
    to(&mut m, Lever::Batch);
    key(&mut m, KeyCode::Char('0'));
    let text = save(&mut m);
    assert_eq!(diff(DEMO, &text), vec![minus(DEMO, "batch = 0.0")]);
}

#[test]
fn fixed_seats_made_a_ramp_take_the_seats_line_and_its_comment() {
    let src = DEMO.replace("seats = 2500\n", "seats = 2500   # the vendor's count\n");
    let mut m = open(&src);
    key(&mut m, KeyCode::Char('+'));
    let text = save(&mut m);
    assert_eq!(
        diff(&src, &text),
        replaced(
            &src,
            "seats = 2500   # the vendor's count",
            "seat_ramp = [{ month = 0, seats = 2500 }, { month = 12, seats = 2500 }]   # the vendor's count"
        )
    );
}

#[test]
fn ramp_steps_keep_the_arrays_spacing() {
    let ramp = "seat_ramp = [ { month = 0, seats = 1100 }, { month = 6, seats = 1450 }, { month = 12, seats = 1700 } ]";
    let mut m = open(DEMO);
    table(&mut m, "Usage-sized, capped");
    to(&mut m, Lever::RampStep(1));
    key(&mut m, KeyCode::Right);
    let moved = save(&mut m);
    let one_more = ramp.replace("seats = 1450", "seats = 1451");
    assert_eq!(diff(DEMO, &moved), replaced(DEMO, ramp, &one_more));
    key(&mut m, KeyCode::Char('+'));
    let added = save(&mut m);
    let four = one_more.replace(
        "seats = 1451 }, ",
        "seats = 1451 }, { month = 9, seats = 1451 }, ",
    );
    assert_eq!(diff(&moved, &added), replaced(&moved, &one_more, &four));
}

#[test]
fn a_lever_moved_on_an_inheriting_offer_is_one_line_in_the_files_order() {
    let mut m = open(DEMO);
    table(&mut m, "One year, Team mix");
    to(&mut m, Lever::SeatPrice);
    key(&mut m, KeyCode::Right);
    to(&mut m, Lever::Uplift);
    key(&mut m, KeyCode::Right);
    let text = save(&mut m);
    let price = line_of(DEMO, "team_price = 25") + 1;
    let uplift = line_of(DEMO, "term_months = 12") + 2;
    assert_eq!(
        diff(DEMO, &text),
        vec![
            plus(price, "seat_price = 56.01"),
            plus(uplift, "uplift_pct = 9")
        ]
    );
}

#[test]
fn a_changed_number_keeps_its_grouping_and_decimal_places() {
    let src = DEMO
        .replace("seats = 2500\n", "seats = 2_500\n")
        .replace("seat_price = 60\n", "seat_price = 60.00\n");
    let mut m = open(&src);
    key(&mut m, KeyCode::Right);
    to(&mut m, Lever::SeatPrice);
    key(&mut m, KeyCode::Right);
    let text = save(&mut m);
    let seats = line_of(&src, "seats = 2_500");
    assert_eq!(
        diff(&src, &text),
        vec![
            minus(&src, "seats = 2_500"),
            minus(&src, "seat_price = 60.00"),
            plus(seats, "seats = 2_501"),
            plus(seats + 1, "seat_price = 60.01"),
        ]
    );
}

#[test]
fn resetting_a_lever_removes_its_line_with_its_trailing_comment_only() {
    let mut m = open(DEMO);
    table(&mut m, "One year, Team mix");
    to(&mut m, Lever::TeamSeats);
    key(&mut m, KeyCode::Char('0'));
    let text = save(&mut m);
    assert_eq!(diff(DEMO, &text), vec![minus(DEMO, TEAM_SEATS)]);

    let above = "# light users: marketing and sales ops";
    let src = DEMO.replace(TEAM_SEATS, &format!("{above}\n{TEAM_SEATS}"));
    let mut m = open(&src);
    table(&mut m, "One year, Team mix");
    to(&mut m, Lever::TeamSeats);
    key(&mut m, KeyCode::Char('0'));
    let text = save(&mut m);
    assert_eq!(diff(&src, &text), vec![minus(&src, TEAM_SEATS)]);
}

#[test]
fn renaming_an_offer_changes_its_name_and_the_based_on_naming_it() {
    let mut m = open(DEMO);
    table(&mut m, "Usage-sized, capped");
    key(&mut m, KeyCode::Char('r'));
    for _ in 0.."Usage-sized, capped".len() {
        key(&mut m, KeyCode::Backspace);
    }
    typed(&mut m, "Capped");
    key(&mut m, KeyCode::Enter);
    let text = save(&mut m);
    let mut expected = replaced(
        DEMO,
        r#"name = "Usage-sized, capped""#,
        r#"name = "Capped""#,
    );
    expected.extend(replaced(
        DEMO,
        r#"based_on = "Usage-sized, capped""#,
        r#"based_on = "Capped""#,
    ));
    assert_eq!(diff(DEMO, &text), expected);
}

/// Open the terms list on the offer on the table, and add `term`.
fn add_term(m: &mut Model, term: &str) {
    to(m, Lever::Terms);
    key(m, KeyCode::Enter);
    key(m, KeyCode::Char('a'));
    typed(m, term);
    key(m, KeyCode::Enter);
    key(m, KeyCode::Esc);
}

#[test]
fn adding_a_term_keeps_the_arrays_formatting() {
    let mut m = open(DEMO);
    add_term(&mut m, "named account manager");
    let text = save(&mut m);
    let more = VENDOR_TERMS.replace(r#""]"#, r#"", "named account manager"]"#);
    assert_eq!(diff(DEMO, &text), replaced(DEMO, VENDOR_TERMS, &more));
}

#[test]
fn a_term_a_line_stays_a_term_a_line_with_its_comment() {
    let src = DEMO.replace(
        &format!("{VENDOR_TERMS}\n"),
        "terms = [\n    \"no_training\",\n    \"sso\",          # via Okta\n    \"scim\",\n    \"audit_log\",\n    \"us_residency\",\n]\n",
    );
    let mut m = open(&src);
    add_term(&mut m, "named account manager");
    let added = save(&mut m);
    let at = line_of(&src, "    \"us_residency\",") + 1;
    assert_eq!(
        diff(&src, &added),
        vec![plus(at, "    \"named account manager\",")]
    );
    // Take `scim` off: its line goes, the comment on `sso`'s line stays.
    to(&mut m, Lever::Terms);
    key(&mut m, KeyCode::Enter);
    let scim = dealbench::scenario::terms::KNOWN
        .iter()
        .position(|(t, _)| *t == "scim")
        .unwrap();
    for _ in 0..scim {
        key(&mut m, KeyCode::Down);
    }
    key(&mut m, KeyCode::Char(' '));
    key(&mut m, KeyCode::Esc);
    assert!(!m.offer().terms.contains(&"scim".to_string()));
    let removed = save(&mut m);
    assert_eq!(diff(&added, &removed), vec![minus(&added, "    \"scim\",")]);
}

/// The offer "Usage-sized, capped" deleted from `src`.
fn delete_capped(src: &str) -> String {
    let mut m = open(src);
    table(&mut m, "Usage-sized, capped");
    key(&mut m, KeyCode::Char('d'));
    key(&mut m, KeyCode::Char('y'));
    save(&mut m)
}

#[test]
fn deleting_an_offer_removes_its_table_and_its_child_takes_its_lines_with_their_comments() {
    let text = delete_capped(DEMO);
    // "One year, Team mix" was based on it: it now holds the deleted offer's
    // fields, which git shows as the deleted table's lines staying (their
    // three comments untouched) and the child's own lines moving into them.
    let u = line_of(DEMO, r#"name = "Usage-sized, capped""#);
    let c = line_of(DEMO, r#"name = "One year, Team mix""#);
    let child: Vec<&str> = DEMO.split('\n').skip(c - 1).take(10).collect();
    let mut expected = vec![
        minus(DEMO, r#"name = "Usage-sized, capped""#),
        plus(u, r#"name = "One year, Team mix""#),
        minus(
            DEMO,
            "seat_ramp = [ { month = 0, seats = 1100 }, { month = 6, seats = 1450 }, { month = 12, seats = 1700 } ]",
        ),
        plus(u + 3, "seats = 1300"),
        plus(u + 4, TEAM_SEATS),
        plus(u + 5, "team_price = 25"),
        plus(u + 7, "term_months = 12"),
        minus(DEMO, r#"true_up = "quarterly""#),
        plus(u + 10, r#"true_up = "monthly""#),
    ];
    expected.extend(
        child
            .iter()
            .enumerate()
            .map(|(k, l)| format!("-{} {l}", c + k)),
    );
    assert_eq!(diff(DEMO, &text), expected);
    for comment in [
        "[offer.api]                  # move work off all-Opus before sizing the commit",
        "route = { opus = 0.4, sonnet = 0.6 }   # legal wants more Opus here",
        "[offer.regional_price]       # what Europe and Japan were quoted locally",
    ] {
        assert!(text.contains(comment), "{comment}");
    }
    let reloaded = load::parse_str("deal.toml", &text).unwrap();
    assert_eq!(reloaded.offers[1].name, "One year, Team mix");
    assert_eq!(reloaded.offers[1].based_on.as_deref(), Some("Vendor quote"));
}

#[test]
fn deleting_an_offer_no_one_is_based_on_removes_exactly_its_lines() {
    let mut m = open(DEMO);
    table(&mut m, "One year, Team mix");
    key(&mut m, KeyCode::Char('d'));
    key(&mut m, KeyCode::Char('y'));
    let text = save(&mut m);
    let c = line_of(DEMO, r#"name = "One year, Team mix""#);
    // Lines 134..143 go ("[[offer]]" through the blank line after it); git
    // aligns the same lines one table further down.
    let gone: Vec<String> = DEMO
        .split('\n')
        .enumerate()
        .skip(c - 1)
        .take(10)
        .map(|(k, l)| format!("-{} {l}", k + 1))
        .collect();
    assert_eq!(diff(DEMO, &text), gone);
}

#[test]
fn deleting_an_offer_keeps_the_comments_that_are_not_its_own() {
    let src = DEMO
        .replace(
            "jp = 9200\n\n[[offer]]\n",
            "jp = 9200\n# end of the capped offer\n\n# ---- counter-offers ----\n\n# one year only\n[[offer]]\n",
        )
        .replace(
            "true_up = \"monthly\"\n\n[[offer]]\n",
            "true_up = \"monthly\"\n# end of team mix\n\n# monthly\n[[offer]]\n",
        );
    let mut m = open(&src);
    table(&mut m, "One year, Team mix");
    key(&mut m, KeyCode::Char('d'));
    key(&mut m, KeyCode::Char('y'));
    let text = save(&mut m);
    // Its own: the comment right above its header and the one ending it.
    let from = line_of(&src, "# one year only");
    let gone: Vec<String> = src
        .split('\n')
        .enumerate()
        .skip(from - 1)
        .take(12)
        .map(|(k, l)| format!("-{} {l}", k + 1))
        .collect();
    assert_eq!(
        gone.last().map(String::as_str),
        Some(format!("-{} ", from + 11).as_str())
    );
    assert_eq!(diff(&src, &text), gone);
    assert!(text.contains("jp = 9200\n# end of the capped offer\n\n# ---- counter-offers ----\n\n# monthly\n[[offer]]\nname = \"Monthly, no commit\""));
}

#[test]
fn a_crlf_file_stays_crlf_through_a_share_move_and_a_delete() {
    let crlf = DEMO.replace('\n', "\r\n");
    let mut m = open(&crlf);
    table(&mut m, "Usage-sized, capped");
    to(&mut m, Lever::RouteShare(2));
    key(&mut m, KeyCode::Right);
    let moved = save(&mut m);
    assert!(
        !moved.replace("\r\n", "").contains('\n'),
        "every line ends CRLF"
    );
    assert_eq!(
        diff(&crlf, &moved),
        replaced(
            &crlf,
            &format!("{CAPPED_ROUTE}\r"),
            "route = { opus = 0.15, sonnet = 0.59, haiku = 0.26 }\r"
        )
    );
    let deleted = delete_capped(&crlf);
    assert_eq!(deleted, delete_capped(DEMO).replace('\n', "\r\n"));
}

#[test]
fn setting_the_walk_away_total_leaves_the_target_as_written() {
    let src = DEMO.replace("target_total = 3200000 ", "target_total = 3_200_000");
    let target = "target_total = 3_200_000      # what we aim to pay over the horizon";
    assert!(src.contains(target));
    let text = write_deal_and_log(&src, (Some(d("3200000")), Some(d("4100000"))), &[]).unwrap();
    let walk = "walk_away_total = 4300000    # above this we walk";
    assert_eq!(
        diff(&src, &text),
        replaced(
            &src,
            walk,
            "walk_away_total = 4100000    # above this we walk"
        )
    );
}

#[test]
fn an_inline_api_table_keeps_the_fields_that_did_not_move() {
    // `api = { … }` written inline: moving the batch share must not lose
    // the cache hit next to it.
    let src = include_str!("data/examples/global-rollout.toml").replace(
        "by = \"vendor\"\n",
        "by = \"vendor\"\napi = { cache_hit = 0.8, batch = 0.3 }\n",
    );
    let mut m = open(&src);
    to(&mut m, Lever::Batch);
    key(&mut m, KeyCode::Right);
    let text = save(&mut m);
    let reloaded = open(&text);
    let api = &reloaded.eval.outcomes[0].offer.api.all;
    assert_eq!(api.cache_hit, Some(d("0.8")), "{text}");
    assert_eq!(api.batch, Some(d("0.31")), "{text}");
}
