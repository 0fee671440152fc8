//! Transition tests of the workbench: keys resolved through the keymap,
//! applied by `update`, checked on the state and figures a negotiator sees.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealbench::tui::action::{Action, Effect};
use dealbench::tui::keymap::resolve;
use dealbench::tui::levers::Lever;
use dealbench::tui::model::{Mode, Model, Panel};
use dealbench::tui::update::update;
use rust_decimal::Decimal;

const SCENARIO: &str = include_str!("data/examples/pilot-to-enterprise.toml");

fn model() -> Model {
    Model::from_text(None, "pilot.toml", SCENARIO.to_string()).unwrap()
}

fn press(m: &mut Model, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let action = resolve(&m.mode, KeyEvent::new(code, mods)).expect("the key is bound");
    update(m, action)
}

fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    press(m, code, KeyModifiers::NONE)
}

/// Press ↓ until `lever` is under the cursor.
fn to(m: &mut Model, lever: Lever) {
    for _ in 0..m.levers().len() {
        if m.current_lever() == lever {
            return;
        }
        key(m, KeyCode::Down);
    }
    panic!("{lever:?} is not a lever of this offer");
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

#[test]
fn a_file_opens_with_its_first_offer_on_the_table_and_the_cursor_on_seats() {
    let m = model();
    assert_eq!(m.table, 0);
    assert_eq!(m.current_lever(), Lever::Seats);
    assert_eq!(m.outcome().offer.name, "Vendor quote");
    assert!(!m.dirty());
}

#[test]
fn right_adds_exactly_one_seat_and_every_total_follows() {
    let mut m = model();
    let before = m.outcome().total;
    key(&mut m, KeyCode::Right);
    assert_eq!(
        m.scenario.offers[0].seats,
        Some(dealbench::scenario::SeatPlan::Fixed(301))
    );
    // One seat at $60 for year 1 and $64.20 for year 2: 12 × 60 + 12 × 64.20.
    assert_eq!(m.outcome().total - before, d("1490.40"));
    // The counter-offer's saving against the moved reference moves with it.
    assert_eq!(
        m.eval.outcomes[1].savings,
        m.outcome().total - m.eval.outcomes[1].total
    );
    assert!(m.dirty());
}

#[test]
fn shift_moves_a_coarse_step_and_left_moves_down() {
    let mut m = model();
    press(&mut m, KeyCode::Right, KeyModifiers::SHIFT);
    key(&mut m, KeyCode::Left);
    assert_eq!(
        m.scenario.offers[0].seats,
        Some(dealbench::scenario::SeatPlan::Fixed(324))
    );
}

#[test]
fn the_seat_price_moves_a_cent() {
    let mut m = model();
    key(&mut m, KeyCode::Down);
    assert_eq!(m.current_lever(), Lever::SeatPrice);
    key(&mut m, KeyCode::Left);
    assert_eq!(m.offer().seat_price, d("59.99"));
}

#[test]
fn brackets_put_the_next_offer_on_the_table_with_the_cursor_back_on_seats() {
    let mut m = model();
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Char(']'));
    assert_eq!(m.outcome().offer.name, "One year, right-size at renewal");
    assert_eq!(m.current_lever(), Lever::Seats);
    key(&mut m, KeyCode::Char(']'));
    assert_eq!(m.table, 0, "wraps around");
    key(&mut m, KeyCode::Char('['));
    assert_eq!(m.table, 1);
}

#[test]
fn a_lever_moved_on_an_inheriting_offer_sets_only_that_offer() {
    let mut m = model();
    key(&mut m, KeyCode::Char(']'));
    to(&mut m, Lever::Uplift);
    key(&mut m, KeyCode::Left);
    assert_eq!(m.scenario.offers[1].uplift_pct, Some(d("6")));
    assert_eq!(m.scenario.offers[0].uplift_pct, Some(d("7")));
}

#[test]
fn enter_types_an_exact_value_and_bad_text_is_explained() {
    let mut m = model();
    key(&mut m, KeyCode::Enter);
    assert!(matches!(m.mode, Mode::Edit { .. }));
    for c in "1,200x".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    key(&mut m, KeyCode::Enter);
    match &m.mode {
        Mode::Edit { error: Some(e), .. } => assert!(e.contains("expected a number"), "{e}"),
        other => panic!("expected an error, got {other:?}"),
    }
    key(&mut m, KeyCode::Backspace);
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(
        m.scenario.offers[0].seats,
        Some(dealbench::scenario::SeatPlan::Fixed(1200))
    );
}

#[test]
fn a_typed_value_is_taken_as_written_or_refused_never_cut() {
    let mut m = model();
    key(&mut m, KeyCode::Enter);
    for c in "1.5".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    key(&mut m, KeyCode::Enter);
    match &m.mode {
        Mode::Edit { error: Some(e), .. } => {
            assert!(e.contains("expected a whole number"), "{e}")
        }
        other => panic!("1.5 seats must be refused, got {other:?}"),
    }
    key(&mut m, KeyCode::Esc);
    to(&mut m, Lever::SeatPrice);
    key(&mut m, KeyCode::Enter);
    for c in "55.405".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.offer().seat_price, d("55.405"), "a price is exact");
}

#[test]
fn caps_step_from_none_to_zero_and_back() {
    let mut m = model();
    to(&mut m, Lever::UpliftCap);
    key(&mut m, KeyCode::Right);
    assert_eq!(m.offer().uplift_cap_pct, Some(Decimal::ZERO));
    key(&mut m, KeyCode::Right);
    assert_eq!(m.offer().effective_uplift_pct(), d("1"));
    key(&mut m, KeyCode::Left);
    key(&mut m, KeyCode::Left);
    assert_eq!(m.offer().uplift_cap_pct, None);
}

#[test]
fn save_writes_only_the_moved_value_and_marks_the_model_clean() {
    let mut m = model();
    m.file = Some("pilot.toml".into());
    key(&mut m, KeyCode::Right);
    let effects = key(&mut m, KeyCode::Char('s'));
    let [
        Effect::Save {
            text,
            path: None,
            then_quit: false,
        },
    ] = effects.as_slice()
    else {
        panic!("expected one save, got {effects:?}")
    };
    let changed: Vec<(&str, &str)> = SCENARIO
        .lines()
        .zip(text.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, vec![("seats = 300", "seats = 301")]);
    update(
        &mut m,
        Action::Saved {
            result: Ok(text.clone()),
            path: None,
        },
    );
    assert!(!m.dirty());
    assert!(m.toast.as_deref().is_some_and(|t| t.contains("saved")));
}

#[test]
fn quit_asks_only_when_something_is_unsaved() {
    let mut m = model();
    assert_eq!(key(&mut m, KeyCode::Char('q')), vec![Effect::Quit]);
    let mut m = model();
    key(&mut m, KeyCode::Right);
    assert!(key(&mut m, KeyCode::Char('q')).is_empty());
    assert_eq!(m.mode, Mode::ConfirmQuit);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.mode, Mode::Normal);
    key(&mut m, KeyCode::Char('q'));
    assert_eq!(key(&mut m, KeyCode::Char('q')), vec![Effect::Quit]);
}

#[test]
fn esc_closes_what_is_open_and_never_quits_the_workbench() {
    // A habitual second Esc (close the help, then Esc again) must not end
    // the session: only q quits.
    let mut m = model();
    key(&mut m, KeyCode::Char('?'));
    assert!(key(&mut m, KeyCode::Esc).is_empty());
    assert_eq!(m.mode, Mode::Normal);
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(
        resolve(&m.mode, esc),
        None,
        "Esc means nothing on the workbench"
    );
}

#[test]
fn tab_cycles_the_panels_and_help_opens_and_closes() {
    let mut m = model();
    key(&mut m, KeyCode::Tab);
    assert_eq!(m.focus, Panel::Regions);
    press(&mut m, KeyCode::BackTab, KeyModifiers::SHIFT);
    press(&mut m, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(m.focus, Panel::Totals);
    key(&mut m, KeyCode::Char('?'));
    assert_eq!(m.mode, Mode::Help);
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.mode, Mode::Normal);
}

#[test]
fn every_lever_moves_and_keeps_the_scenario_priceable() {
    let mut m = Model::demo().unwrap();
    for _ in 0..m.levers().len() {
        for _ in 0..3 {
            key(&mut m, KeyCode::Right);
            press(&mut m, KeyCode::Left, KeyModifiers::SHIFT);
        }
        key(&mut m, KeyCode::Down);
    }
    assert!(m.dirty());
    assert!(m.toast.is_none(), "{:?}", m.toast);
}

#[test]
fn a_monthly_offer_has_no_seat_count_to_move() {
    let mut m = model();
    to(&mut m, Lever::Billing);
    key(&mut m, KeyCode::Right);
    assert_eq!(m.offer().billing, dealbench::scenario::Billing::Monthly);
    let before = m.scenario.offers[0].clone();
    to(&mut m, Lever::Seats);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('+'));
    assert_eq!(m.scenario.offers[0], before, "no seats line is written");
    assert!(
        m.toast
            .as_deref()
            .is_some_and(|t| t.contains("monthly billing"))
    );
}
