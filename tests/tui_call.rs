//! Call mode and the negotiation log: the vendor's new numbers typed as a
//! new offer and priced as they are typed, the target and walk-away set,
//! log lines added — and all of it saved without touching what the file
//! already holds.

use crossterm::event::{KeyCode, KeyModifiers};
use dealbench::scenario::{Party, SeatPlan, load};
use dealbench::tui::action::{Action, Effect};
use dealbench::tui::model::{Mode, Model};
use dealbench::tui::theme::Theme;
use dealbench::tui::update::update;
use dealbench::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::keys::{d, key, open, press, typed};

const SEATS: &str = include_str!("data/examples/seat-sizing.toml");

fn ctrl(m: &mut Model, c: char) {
    press(m, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn buffer(m: &Model) -> String {
    match &m.mode {
        Mode::Target { buffer, .. } => buffer.clone(),
        other => panic!("not a total's prompt: {other:?}"),
    }
}

/// `t` or `w`, the amount, Enter.
fn set_total(m: &mut Model, which: char, text: &str) {
    key(m, KeyCode::Char(which));
    typed(m, text);
    key(m, KeyCode::Enter);
}

fn clear_field(m: &mut Model) {
    for _ in 0..20 {
        key(m, KeyCode::Backspace);
    }
}

fn screen(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(m, f, Theme { color: false }))
        .unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn targets_are_set_in_call_mode_and_saved_into_the_deal() {
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    assert_eq!(m.mode, Mode::Call { form: None });
    set_total(&mut m, 't', "500,000");
    set_total(&mut m, 'w', "650000");
    assert_eq!(m.targets(), (Some(d("500000")), Some(d("650000"))));
    assert!(m.dirty());
    let s = screen(&m, 80, 12);
    // The vendor's $720,000 is $220,000 above target and $70,000 above the
    // walk-away (in bold: 12 rows leave no room for large type).
    assert!(
        s.contains("+$220,000.00") && s.contains("ABOVE — walk away") && s.contains("+$70,000.00"),
        "{s}"
    );
}

#[test]
fn u_undoes_in_call_mode_and_ctrl_r_redoes() {
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    set_total(&mut m, 't', "500000");
    set_total(&mut m, 'w', "650000");
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(m.mode, Mode::Call { form: None }, "undo stays in call mode");
    assert_eq!(
        m.targets(),
        (Some(d("500000")), None),
        "undo takes back the walk-away"
    );
    ctrl(&mut m, 'r');
    assert_eq!(m.targets(), (Some(d("500000")), Some(d("650000"))));
    // A new vendor offer from the quick form is one step back too.
    let offers = m.scenario.offers.len();
    key(&mut m, KeyCode::Char('v'));
    clear_field(&mut m);
    typed(&mut m, "900");
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.offers.len(), offers + 1);
    let log = m.scenario.log.len();
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(m.scenario.offers.len(), offers);
    assert_eq!(
        m.scenario.log.len(),
        log - 1,
        "the offer's log line goes with it"
    );
    assert_eq!(m.mode, Mode::Call { form: None });
    ctrl(&mut m, 'r');
    assert_eq!(
        (m.scenario.offers.len(), m.scenario.log.len()),
        (offers + 1, log)
    );
    // A typed log line is a step of its own: undo takes back only it.
    key(&mut m, KeyCode::Char('l'));
    typed(&mut m, "they will think about it");
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.log.len(), log + 1);
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(
        (m.scenario.offers.len(), m.scenario.log.len()),
        (offers + 1, log)
    );
}

#[test]
fn a_totals_prompt_starts_with_the_value_now_and_clears_only_on_none() {
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    set_total(&mut m, 'w', "650000");
    key(&mut m, KeyCode::Char('w'));
    assert_eq!(buffer(&m), "650,000", "pre-filled with the walk-away now");
    assert!(screen(&m, 80, 24).contains("Enter keeps $650,000.00"));
    // Backspace edits the value; typing after that appends.
    key(&mut m, KeyCode::Backspace);
    typed(&mut m, "1");
    assert_eq!(buffer(&m), "650,001");
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.mode, Mode::Call { form: None });
    assert_eq!(m.targets().1, Some(d("650000")), "Esc leaves it as it was");
    // Typing on the pre-filled value replaces it.
    key(&mut m, KeyCode::Char('w'));
    typed(&mut m, "700000");
    assert_eq!(buffer(&m), "700000");
    assert!(
        screen(&m, 80, 24).contains("Enter sets the walk-away to $700,000.00"),
        "{}",
        screen(&m, 80, 24)
    );
    // An empty line does not clear it: only `none` does.
    for _ in 0..6 {
        key(&mut m, KeyCode::Backspace);
    }
    key(&mut m, KeyCode::Enter);
    assert!(matches!(m.mode, Mode::Target { .. }), "{:?}", m.mode);
    assert_eq!(m.targets().1, Some(d("650000")));
    typed(&mut m, "none");
    assert!(screen(&m, 80, 24).contains("Enter clears the walk-away"));
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.mode, Mode::Call { form: None });
    assert_eq!(m.targets().1, None);
    assert!(m.toast.as_deref().unwrap_or("").contains("cleared"));
}

#[test]
fn the_walk_away_is_never_set_below_our_target() {
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    set_total(&mut m, 't', "500000");
    key(&mut m, KeyCode::Char('w'));
    typed(&mut m, "400000");
    assert!(
        screen(&m, 80, 24).contains("cannot be below our target ($500,000.00)"),
        "said before Enter:\n{}",
        screen(&m, 80, 24)
    );
    key(&mut m, KeyCode::Enter);
    assert!(matches!(m.mode, Mode::Target { .. }), "{:?}", m.mode);
    assert_eq!(m.targets(), (Some(d("500000")), None));
    key(&mut m, KeyCode::Esc);
    set_total(&mut m, 'w', "650000");
    set_total(&mut m, 't', "700000");
    assert!(matches!(m.mode, Mode::Target { .. }), "{:?}", m.mode);
    assert_eq!(m.targets(), (Some(d("500000")), Some(d("650000"))));
}

#[test]
fn prompts_in_call_mode_draw_over_the_call_view() {
    let mut m = open(include_str!("../assets/demo.toml"));
    key(&mut m, KeyCode::Char('C'));
    key(&mut m, KeyCode::Char('t'));
    typed(&mut m, "3,150,000");
    let s = screen(&m, 80, 24);
    assert!(s.starts_with(" CALL MODE"), "{s}");
    assert!(s.contains("vs the walk-away") && s.contains("█"), "{s}");
    assert!(s.contains("Enter sets our target to $3,150,000.00"), "{s}");
    insta::assert_snapshot!("call_target_prompt_80x24", s);
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('l'));
    typed(&mut m, "They can move on uplift if we sign this quarter");
    let s = screen(&m, 80, 24);
    assert!(
        s.starts_with(" CALL MODE") && s.contains("said by the vendor (Tab switches)"),
        "{s}"
    );
    assert!(
        s.contains("They can move on uplift if we sign this quarter▏"),
        "{s}"
    );
    insta::assert_snapshot!("call_log_prompt_80x24", s);
}

#[test]
fn log_lines_wrap_in_call_mode_with_the_newest_in_view() {
    let mut m = open(include_str!("../assets/demo.toml"));
    key(&mut m, KeyCode::Char('C'));
    let long = "Vendor moved: 2,400 seats at $58, 36 months, uplift capped at 5 %, total 7,165,800.00 if we sign by Friday";
    key(&mut m, KeyCode::Char('l'));
    typed(&mut m, long);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.log.last().map(|e| e.text.as_str()), Some(long));
    // A fixed time, for the snapshot.
    if let Some(e) = m.scenario.log.last_mut() {
        e.at = "2026-12-01T15:32:00Z".into();
    }
    m.toast = None;
    let s = screen(&m, 80, 24);
    let log: String = s
        .lines()
        .filter_map(|l| l.strip_prefix('│'))
        .map(|l| l.trim_end_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(log.contains(long), "the whole line is there, wrapped:\n{s}");
    assert!(
        s.contains("earlier not shown"),
        "older entries scroll off:\n{s}"
    );
    insta::assert_snapshot!("call_log_wraps_80x24", s);
}

#[test]
fn call_mode_is_full_screen_with_large_figures_or_bold_ones() {
    let mut m = open(include_str!("../assets/demo.toml"));
    key(&mut m, KeyCode::Char('C'));
    let s = screen(&m, 80, 24);
    let lines: Vec<&str> = s.lines().collect();
    assert!(
        lines[0].starts_with(" CALL MODE"),
        "no workbench header:\n{s}"
    );
    assert!(
        lines[23].starts_with("v new offer"),
        "one line of keys:\n{s}"
    );
    // The walk-in number 850 and both differences are in large type.
    let big = |row: &str| row.contains('█');
    for label in [" Walk in with", " vs our target", " vs the walk-away"] {
        let row = lines.iter().find(|l| l.starts_with(label)).unwrap();
        assert!(big(row), "{label} in large type:\n{s}");
    }
    // Too few rows for large type: every figure stays, in bold on one line.
    let s = screen(&m, 80, 12);
    assert!(s.contains("Walk in with 850 weekly active"), "{s}");
    assert!(
        s.contains("+$5,524,000.21") && s.contains("+$4,424,000.21"),
        "{s}"
    );
}
#[test]
fn the_vendors_new_numbers_become_a_vendor_offer_priced_as_typed() {
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    set_total(&mut m, 't', "468000");
    key(&mut m, KeyCode::Char('v'));
    let Mode::Call { form: Some(form) } = &m.mode else {
        panic!("the form opens")
    };
    assert_eq!(
        form.fields[0], "1000",
        "prefilled from the vendor's latest offer"
    );
    clear_field(&mut m);
    typed(&mut m, "900");
    let Mode::Call { form: Some(form) } = &m.mode else {
        panic!()
    };
    let p = form.preview.clone().unwrap();
    // 900 seats × $60 × 12 = $648,000; at our $468,000 target: $43.33 a seat.
    assert_eq!(p.total, d("648000"));
    assert_eq!(p.break_even, Some(d("43.33")));
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.mode, Mode::Call { form: None });
    let new = m.scenario.offers.last().unwrap().clone();
    assert_eq!(new.by, Some(Party::Vendor));
    assert_eq!(new.based_on.as_deref(), Some("Vendor quote"));
    assert_eq!(new.seats, Some(SeatPlan::Fixed(900)));
    assert_eq!(new.seat_price, None, "only what changed is set");
    assert_eq!(
        m.outcome().offer.name,
        new.name,
        "the new offer is on the table"
    );
    assert!(m.scenario.log.last().unwrap().text.contains("900 seats"));
}

#[test]
fn typing_in_a_prefilled_field_replaces_its_value() {
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    key(&mut m, KeyCode::Char('v'));
    typed(&mut m, "900");
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Backspace);
    let Mode::Call { form: Some(form) } = &m.mode else {
        panic!("the form opens")
    };
    assert_eq!(form.fields[0], "900", "not 1000900");
    assert_eq!(form.fields[1], "6", "Backspace edits the value instead");
}

#[test]
fn the_quick_form_refuses_what_it_would_otherwise_have_to_round() {
    // 900.5 seats or 150 % uplift are typing slips: said, never cut to fit.
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    key(&mut m, KeyCode::Char('v'));
    clear_field(&mut m);
    typed(&mut m, "900.5");
    let Mode::Call { form: Some(form) } = &m.mode else {
        panic!("the form opens")
    };
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("Seats: expected a whole number"), "{error}");
    let offers = m.scenario.offers.len();
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.offers.len(), offers, "nothing is added");
}

#[test]
fn log_lines_are_added_with_one_key_and_existing_ones_survive_saves() {
    let demo = include_str!("../assets/demo.toml");
    let mut m = open(demo);
    let before = m.scenario.log.len();
    key(&mut m, KeyCode::Char('l'));
    typed(&mut m, "They can move on uplift");
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.log.len(), before + 1);
    let entry = m.scenario.log.last().unwrap();
    assert_eq!(
        (entry.who.as_str(), entry.text.as_str()),
        ("vendor", "They can move on uplift")
    );
    assert!(
        entry.at.ends_with('Z') && entry.at.len() == 20,
        "{}",
        entry.at
    );
    let effects = key(&mut m, KeyCode::Char('s'));
    let Some(Effect::Save { text, .. }) = effects.into_iter().next() else {
        panic!("saves")
    };
    assert!(
        text.starts_with(demo.trim_end()),
        "what the file held is untouched"
    );
    let reloaded = load::parse_str("demo.toml", &text).unwrap();
    assert_eq!(reloaded.log.len(), before + 1);
    assert_eq!(reloaded.log[..before], m.scenario.log[..before]);
    update(
        &mut m,
        Action::Saved {
            result: Ok(text),
            path: None,
        },
    );
    assert!(!m.dirty());
}

#[test]
fn call_mode_at_80x24_and_160x48() {
    let mut m = open(include_str!("../assets/demo.toml"));
    key(&mut m, KeyCode::Char('C'));
    let small = screen(&m, 80, 24);
    assert!(small.contains("Walk in with"), "{small}");
    insta::assert_snapshot!("call_80x24", small);
    let large = screen(&m, 160, 48);
    assert!(large.contains("█"), "large type at full size:\n{large}");
    insta::assert_snapshot!("call_160x48", large);
}

#[test]
fn the_quick_form_keeps_the_figures_in_view_and_unset_totals_say_how_to_set_them() {
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    let s = screen(&m, 80, 24);
    assert!(s.contains("vs our target: not set (t sets it)"), "{s}");
    assert!(s.contains("vs the walk-away: not set (w sets it)"), "{s}");
    key(&mut m, KeyCode::Char('v'));
    clear_field(&mut m);
    typed(&mut m, "900");
    let s = screen(&m, 80, 24);
    assert!(s.contains("→ total $648,000.00") && s.contains('█'), "{s}");
    insta::assert_snapshot!("call_form_80x24", s);
}

#[test]
fn call_mode_draws_at_any_size_without_panicking() {
    let mut m = open(include_str!("../assets/demo.toml"));
    key(&mut m, KeyCode::Char('C'));
    let states: [&[KeyCode]; 4] = [
        &[],
        &[KeyCode::Char('v')],
        &[KeyCode::Esc, KeyCode::Char('w')],
        &[KeyCode::Esc, KeyCode::Char('l'), KeyCode::Char('x')],
    ];
    for keys in states {
        for k in keys {
            key(&mut m, *k);
        }
        for (w, h) in [
            (1, 1),
            (10, 3),
            (20, 8),
            (40, 12),
            (79, 23),
            (100, 30),
            (200, 60),
        ] {
            screen(&m, w, h);
        }
    }
}
