//! Call mode and the negotiation log: the vendor's new numbers typed as a
//! new offer and priced as they are typed, the target and walk-away set,
//! log lines added — and all of it saved without touching what the file
//! already holds.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealbench::scenario::{Party, SeatPlan, load};
use dealbench::tui::action::{Action, Effect};
use dealbench::tui::keymap::resolve;
use dealbench::tui::model::{Mode, Model};
use dealbench::tui::theme::Theme;
use dealbench::tui::update::update;
use dealbench::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

const SEATS: &str = include_str!("data/examples/seat-sizing.toml");

fn open(text: &str) -> Model {
    Model::from_text(Some("deal.toml".into()), "deal.toml", text.to_string()).unwrap()
}

fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    match resolve(&m.mode, KeyEvent::new(code, KeyModifiers::NONE)) {
        Some(a) => update(m, a),
        None => Vec::new(),
    }
}

fn typed(m: &mut Model, text: &str) {
    for c in text.chars() {
        key(m, KeyCode::Char(c));
    }
}

fn clear_field(m: &mut Model) {
    for _ in 0..20 {
        key(m, KeyCode::Backspace);
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
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
    key(&mut m, KeyCode::Char('t'));
    typed(&mut m, "500,000");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Char('w'));
    typed(&mut m, "650000");
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.targets(), (Some(d("500000")), Some(d("650000"))));
    assert!(m.dirty());
    let s = screen(&m, 80, 24);
    // The vendor's $720,000 is $220,000 above target and $70,000 above the walk-away.
    assert!(
        s.contains("+$220,000.00") && s.contains("ABOVE — walk away") && s.contains("+$70,000.00"),
        "{s}"
    );
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(
        m.mode,
        Mode::Call { form: None },
        "u is not a call-mode key"
    );
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(
        m.targets(),
        (Some(d("500000")), None),
        "undo takes back the walk-away"
    );
}

#[test]
fn the_vendors_new_numbers_become_a_vendor_offer_priced_as_typed() {
    let mut m = open(SEATS);
    key(&mut m, KeyCode::Char('C'));
    key(&mut m, KeyCode::Char('t'));
    typed(&mut m, "468000");
    key(&mut m, KeyCode::Enter);
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
    assert!(small.contains("Walk in with 850 weekly active"), "{small}");
    insta::assert_snapshot!("call_80x24", small);
    let large = screen(&m, 160, 48);
    assert!(large.contains("█"), "large type at full size:\n{large}");
    insta::assert_snapshot!("call_160x48", large);
}
