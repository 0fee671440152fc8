//! Transition tests of the complete workbench: variants (new, rename,
//! delete), undo and redo back to the file as opened, reset to the inherited
//! value, seat-ramp steps, routing shares, per-workload plans, terms, and
//! Compare — each checked on the offers and the figures a negotiator sees.

use crossterm::event::{KeyCode, KeyModifiers};
use dealbench::scenario::save::write_offers;
use dealbench::scenario::{RampStep, SeatPlan, load};
use dealbench::tui::action::{Action, Effect};
use dealbench::tui::levers::Lever;
use dealbench::tui::model::{Mode, Model};
use dealbench::tui::update::update;
use rust_decimal::Decimal;

mod common;
use common::keys::{d, key, open, press, save, to, typed};

const PILOT: &str = include_str!("data/examples/pilot-to-enterprise.toml");
const GLOBAL: &str = include_str!("data/examples/global-rollout.toml");

#[test]
fn n_makes_a_variant_on_the_table_and_enter_takes_the_suggested_name() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Char(']'));
    key(&mut m, KeyCode::Char('n'));
    let Mode::Name {
        buffer, suggestion, ..
    } = &m.mode
    else {
        panic!("{:?}", m.mode)
    };
    assert!(buffer.is_empty(), "the prompt starts empty");
    assert_eq!(suggestion, "One year, right-size at renewal v2");
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.table, 2);
    assert_eq!(m.outcome().offer.name, "One year, right-size at renewal v2");
    assert_eq!(
        m.outcome().offer.based_on.as_deref(),
        Some("One year, right-size at renewal")
    );
    // It prices as its parent until a lever moves.
    assert_eq!(m.eval.outcomes[2].total, m.eval.outcomes[1].total);
    assert_eq!(m.current_lever(), Lever::Seats);
}

#[test]
fn a_new_variant_is_saved_after_the_existing_offers_with_only_what_it_sets() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Char(']'));
    key(&mut m, KeyCode::Char('n'));
    typed(&mut m, "Counter 2");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Left);
    let text = save(&mut m);
    assert!(
        text.starts_with(PILOT.trim_end()),
        "the existing text is untouched"
    );
    let added = &text[PILOT.trim_end().len()..];
    assert_eq!(
        added,
        "\n\n[[offer]]\nname = \"Counter 2\"\nby = \"us\"\nbased_on = \"One year, right-size at renewal\"\nseats = 149\n"
    );
    let reloaded = load::parse_str("deal.toml", &text).unwrap();
    assert_eq!(reloaded.offers.len(), 3);
}

#[test]
fn esc_on_the_new_offers_name_takes_the_offer_back() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Char('n'));
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.scenario.offers.len(), 2);
    assert_eq!(m.table, 0);
    assert!(!m.dirty());
}

#[test]
fn undo_and_redo_walk_every_change_back_to_the_file_as_opened() {
    let mut m = open(PILOT);
    let opened = m.scenario.offers.clone();
    let opened_total = m.outcome().total;
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('n'));
    typed(&mut m, "B");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Char('r'));
    typed(&mut m, "Bee");
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.history.len(), 3);
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(m.outcome().offer.name, "B");
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(m.scenario.offers.len(), 2);
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(m.scenario.offers, opened);
    assert_eq!(m.outcome().total, opened_total);
    assert!(!m.dirty());
    key(&mut m, KeyCode::Char('u'));
    assert!(
        m.toast
            .as_deref()
            .is_some_and(|t| t.contains("nothing to undo"))
    );
    press(&mut m, KeyCode::Char('r'), KeyModifiers::CONTROL);
    press(&mut m, KeyCode::Char('r'), KeyModifiers::CONTROL);
    press(&mut m, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(m.outcome().offer.name, "Bee");
    assert_eq!(m.scenario.offers[0].seats, Some(SeatPlan::Fixed(301)));
}

#[test]
fn renaming_repoints_the_offers_based_on_it() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Char('r'));
    typed(&mut m, "One year, right-size at renewal");
    key(&mut m, KeyCode::Enter);
    let Mode::Name { error: Some(e), .. } = &m.mode else {
        panic!("a taken name is refused")
    };
    assert!(e.contains("already"));
    for _ in 0..40 {
        key(&mut m, KeyCode::Backspace);
    }
    typed(&mut m, "Anthropic opening");
    key(&mut m, KeyCode::Enter);
    assert_eq!(
        m.scenario.offers[1].based_on.as_deref(),
        Some("Anthropic opening")
    );
    let text = save(&mut m);
    let changed: Vec<(&str, &str)> = PILOT
        .lines()
        .zip(text.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![
            ("name = \"Vendor quote\"", "name = \"Anthropic opening\""),
            (
                "based_on = \"Vendor quote\"",
                "based_on = \"Anthropic opening\""
            )
        ]
    );
}

#[test]
fn deleting_an_offer_others_are_based_on_keeps_their_figures() {
    let mut m = open(PILOT);
    let child_total = m.eval.outcomes[1].total;
    key(&mut m, KeyCode::Char('d'));
    let Mode::ConfirmDelete { children } = &m.mode else {
        panic!("asks first")
    };
    assert_eq!(
        children,
        &vec!["One year, right-size at renewal".to_string()]
    );
    key(&mut m, KeyCode::Char('y'));
    assert_eq!(m.scenario.offers.len(), 1);
    assert_eq!(m.outcome().total, child_total);
    assert_eq!(m.scenario.offers[0].based_on, None);
    let text = save(&mut m);
    let reloaded = load::parse_str("deal.toml", &text).unwrap();
    assert_eq!(reloaded.offers.len(), 1);
    key(&mut m, KeyCode::Char('d'));
    assert!(m.toast.as_deref().is_some_and(|t| t.contains("only offer")));
}

#[test]
fn zero_resets_a_lever_to_the_inherited_value_and_the_line_leaves_the_file() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Char(']'));
    to(&mut m, Lever::SeatPrice);
    assert_eq!(m.offer().seat_price, d("63"));
    key(&mut m, KeyCode::Char('0'));
    assert_eq!(m.offer().seat_price, d("60"));
    let text = save(&mut m);
    assert!(!text.contains("seat_price = 63"));
    assert_eq!(PILOT.lines().count() - 1, text.lines().count());
}

#[test]
fn ramp_steps_move_add_and_remove() {
    let mut m = open(GLOBAL);
    key(&mut m, KeyCode::Char(']'));
    assert_eq!(
        m.levers()[1..4],
        [Lever::RampStep(0), Lever::RampStep(1), Lever::RampStep(2)]
    );
    to(&mut m, Lever::RampStep(1));
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('>'));
    key(&mut m, KeyCode::Char('+'));
    let steps = |m: &Model| match &m.offer().seats {
        Some(SeatPlan::Ramp(s)) => s.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        steps(&m),
        vec![
            RampStep {
                month: 0,
                seats: 780
            },
            RampStep {
                month: 7,
                seats: 1001
            },
            RampStep {
                month: 9,
                seats: 1001
            },
            RampStep {
                month: 12,
                seats: 1500
            }
        ]
    );
    to(&mut m, Lever::RampStep(3));
    key(&mut m, KeyCode::Char('-'));
    assert_eq!(steps(&m).len(), 3);
    assert!(m.levers().len() < 40);
}

#[test]
fn routing_shares_keep_summing_to_one_per_workload_plan_too() {
    let mut m = open(GLOBAL);
    key(&mut m, KeyCode::Char(']'));
    let before = m.outcome().api_list;
    to(&mut m, Lever::RouteShare(2));
    key(&mut m, KeyCode::Right);
    let route = m.offer().api.all.route.clone().unwrap();
    assert_eq!(
        route,
        vec![
            ("opus".into(), d("0.15")),
            ("sonnet".into(), d("0.59")),
            ("haiku".into(), d("0.26"))
        ]
    );
    assert!(
        m.outcome().api_list < before,
        "a share moved from Sonnet to Haiku costs less"
    );
    to(&mut m, Lever::PlanFor);
    key(&mut m, KeyCode::Right);
    assert_eq!(m.plan, Some(0));
    to(&mut m, Lever::Batch);
    press(&mut m, KeyCode::Right, KeyModifiers::SHIFT);
    let api = &m.offer().api;
    assert_eq!(
        api.workloads,
        vec![(
            "support-assistant".to_string(),
            dealbench::scenario::PlanParts {
                batch: Some(d("0.35")),
                ..Default::default()
            }
        )]
    );
    assert_eq!(
        api.all.batch,
        Some(d("0.3")),
        "the offer-wide plan is untouched"
    );
    key(&mut m, KeyCode::Char('0'));
    assert!(
        m.offer().api.workloads.is_empty(),
        "reset drops the workload override"
    );
}

#[test]
fn terms_toggle_and_free_terms_are_added() {
    let mut m = open(GLOBAL);
    let missing_before = m.outcome().missing_terms.len();
    assert_eq!(missing_before, 4);
    to(&mut m, Lever::Terms);
    key(&mut m, KeyCode::Enter);
    assert!(matches!(m.mode, Mode::Terms { .. }));
    // eu_residency is the third known term.
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Char(' '));
    assert_eq!(m.outcome().missing_terms.len(), 3);
    key(&mut m, KeyCode::Char('a'));
    typed(&mut m, "named account manager");
    key(&mut m, KeyCode::Enter);
    assert!(
        m.offer()
            .terms
            .contains(&"named account manager".to_string())
    );
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.mode, Mode::Normal);
}

#[test]
fn compare_scrolls_toggles_differences_and_puts_a_column_on_the_table() {
    let mut m = open(GLOBAL);
    key(&mut m, KeyCode::Char('c'));
    assert!(matches!(
        m.mode,
        Mode::Compare {
            col: 0,
            row: 0,
            diff: false
        }
    ));
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Char('v'));
    assert!(matches!(
        m.mode,
        Mode::Compare {
            col: 1,
            row: 1,
            diff: true
        }
    ));
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.table, 1);
}

#[test]
fn save_as_writes_a_copy_and_switches_to_it() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('S'));
    typed(&mut m, "copy.toml");
    let effects = key(&mut m, KeyCode::Enter);
    let Some(Effect::Save {
        text,
        path: Some(p),
        ..
    }) = effects.into_iter().next()
    else {
        panic!("save as")
    };
    assert_eq!(p.to_str(), Some("copy.toml"));
    update(
        &mut m,
        Action::Saved {
            result: Ok(text),
            path: Some(p),
        },
    );
    assert_eq!(
        m.file.as_deref().and_then(|p| p.to_str()),
        Some("copy.toml")
    );
    assert!(!m.dirty());
}

#[test]
fn save_as_over_another_existing_file_asks_for_a_second_enter() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("colleague.toml");
    std::fs::write(&other, "# someone else's file\n").unwrap();
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('S'));
    typed(&mut m, other.to_str().unwrap());
    assert!(key(&mut m, KeyCode::Enter).is_empty(), "not written yet");
    match &m.mode {
        Mode::SaveAs { error: Some(e), .. } => {
            assert!(e.contains("already exists: Enter again replaces it"), "{e}")
        }
        other => panic!("asks first, got {other:?}"),
    }
    let effects = key(&mut m, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::Save { path: Some(p), .. }] if *p == other),
        "{effects:?}"
    );
}

#[test]
fn undoing_a_delete_after_a_save_writes_the_offer_back() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Char(']'));
    key(&mut m, KeyCode::Char('d'));
    key(&mut m, KeyCode::Char('y'));
    let first = save(&mut m);
    key(&mut m, KeyCode::Char('u'));
    let second = write_offers(&first, &m.saved, &m.scenario.offers).unwrap();
    let reloaded = load::parse_str("deal.toml", &second).unwrap();
    assert_eq!(reloaded.offers.len(), 2);
    assert_eq!(reloaded.offers[1].name, "One year, right-size at renewal");
}

#[test]
fn re_pricing_only_the_moved_offer_and_its_children_equals_pricing_everything() {
    let mut m = Model::demo().unwrap();
    key(&mut m, KeyCode::Char(']'));
    for code in [
        KeyCode::Right,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Down,
        KeyCode::Right,
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Right,
    ] {
        key(&mut m, code);
        assert_eq!(m.eval, dealbench::engine::evaluate(&m.scenario).unwrap());
    }
    key(&mut m, KeyCode::Char('['));
    press(&mut m, KeyCode::Right, KeyModifiers::SHIFT);
    assert_eq!(
        m.eval,
        dealbench::engine::evaluate(&m.scenario).unwrap(),
        "the reference moved: every saving follows"
    );
}

/// Offers based on the one on the table: one sets its own seats, one
/// inherits them, and both inherit the uplift.
const CHAIN: &str = r#"schema = 1
[deal]
name = "Chain"
currency = "USD"
start = 2027-01-01
horizon_months = 36
[[region]]
id = "na"
headcount = 900
provisioned = 500
mau = 400
wau = 300
dau = 150
[[region]]
id = "eu"
currency = "EUR"
headcount = 700
provisioned = 300
mau = 250
wau = 200
dau = 90
go_live = 6
[fx]
EUR = 0.92
[[offer]]
name = "quote"
by = "vendor"
seats = 800
seat_price = 60
term_months = 24
uplift_pct = 7
[[offer]]
name = "ours"
based_on = "quote"
seats = 600
[[offer]]
name = "own seats"
based_on = "ours"
seats = 550
[[offer]]
name = "inherits"
based_on = "ours"
seat_price = 55
"#;

#[test]
fn a_dependant_that_sets_the_moved_lever_itself_keeps_figures_equal_to_pricing_everything() {
    let mut m = Model::from_text(None, "chain.toml", CHAIN.to_string()).unwrap();
    m.table = 1;
    for lever in [Lever::Seats, Lever::Uplift, Lever::Seats] {
        m.lever = m.levers().iter().position(|l| *l == lever).unwrap();
        for code in [KeyCode::Right, KeyCode::Right, KeyCode::Left] {
            key(&mut m, code);
            assert_eq!(m.eval, dealbench::engine::evaluate(&m.scenario).unwrap());
        }
    }
    // The seats moved: the offer that sets its own kept its figures, the
    // one that inherits them moved with them.
    let fresh = Model::from_text(None, "chain.toml", CHAIN.to_string()).unwrap();
    let seats = |ev: &dealbench::engine::Evaluation, i: usize| ev.outcomes[i].offer.seats.clone();
    assert_ne!(seats(&m.eval, 1), seats(&fresh.eval, 1));
    assert_eq!(seats(&m.eval, 3), seats(&m.eval, 1));
    assert_eq!(seats(&m.eval, 2), seats(&fresh.eval, 2));
    assert_ne!(
        m.eval.outcomes[2].total, fresh.eval.outcomes[2].total,
        "the uplift moved it"
    );
}

#[test]
fn a_change_on_disk_shows_a_banner_and_a_blocked_save_asks_what_to_do() {
    let mut m = open(PILOT);
    update(&mut m, Action::DiskChanged);
    assert!(m.disk_changed);
    key(&mut m, KeyCode::Right);
    update(&mut m, Action::SaveBlocked { then_quit: false });
    assert_eq!(m.mode, Mode::Conflict { then_quit: false });
    let effects = key(&mut m, KeyCode::Char('O'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Save { path: None, .. }]
    ));
    assert!(m.overwrite, "the next save may overwrite");
    update(&mut m, Action::SaveBlocked { then_quit: false });
    assert_eq!(key(&mut m, KeyCode::Char('R')), vec![Effect::Reload]);
    update(&mut m, Action::SaveBlocked { then_quit: false });
    key(&mut m, KeyCode::Char('A'));
    assert!(matches!(m.mode, Mode::SaveAs { .. }));
}

#[test]
fn a_reload_takes_the_file_as_it_is_now() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Char(']'));
    update(&mut m, Action::DiskChanged);
    assert_eq!(key(&mut m, KeyCode::Char('R')), vec![Effect::Reload]);
    update(
        &mut m,
        Action::Reloaded(Ok(PILOT.replace("seats = 150", "seats = 160"))),
    );
    assert!(!m.disk_changed && !m.dirty());
    assert_eq!(m.table, 1, "the offer on the table stays");
    assert_eq!(m.offer().seats, Some(SeatPlan::Fixed(160)));
}

#[test]
fn reload_never_drops_unsaved_work_without_asking() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Right);
    assert!(
        key(&mut m, KeyCode::Char('R')).is_empty(),
        "nothing changed on disk"
    );
    assert!(m.dirty(), "the change stays");
    update(&mut m, Action::DiskChanged);
    assert!(key(&mut m, KeyCode::Char('R')).is_empty());
    assert_eq!(
        m.mode,
        Mode::Conflict { then_quit: false },
        "unsaved changes: asks first"
    );
}

#[test]
fn unsaved_changes_of_an_earlier_session_are_recovered_or_discarded() {
    let mut m = open(PILOT);
    m.recovery = Some(PILOT.replace("seats = 300", "seats = 333"));
    m.mode = Mode::Recover {
        saved_at: "2027-01-14 15:32 UTC".into(),
        file_changed_since: false,
    };
    key(&mut m, KeyCode::Char('r'));
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.scenario.offers[0].seats, Some(SeatPlan::Fixed(333)));
    assert!(m.dirty(), "recovered changes are unsaved until s");
    key(&mut m, KeyCode::Char('u'));
    assert!(!m.dirty(), "undo returns to the file");
    let mut m = open(PILOT);
    m.recovery = Some(PILOT.replace("seats = 300", "seats = 333"));
    m.mode = Mode::Recover {
        saved_at: "x".into(),
        file_changed_since: true,
    };
    assert_eq!(
        key(&mut m, KeyCode::Char('d')),
        vec![Effect::DiscardRecovery]
    );
    assert!(!m.dirty());
}

#[test]
fn goal_seek_on_the_lever_under_the_cursor_and_enter_applies_it() {
    let mut m = open(include_str!("data/examples/seat-sizing.toml"));
    to(&mut m, Lever::SeatPrice);
    key(&mut m, KeyCode::Char('g'));
    assert!(matches!(m.mode, Mode::Seek { .. }));
    // The vendor's 1,000 seats cost the same as our 650 ($468,000) only at $39.00.
    let Some(Ok(r)) = &m.seek else {
        panic!("{:?}", m.seek)
    };
    assert_eq!(r.value, d("39.00"));
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.offer().seat_price, d("39"));
    assert_eq!(m.outcome().total, d("468000"));
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(
        m.offer().seat_price,
        d("60"),
        "the answer is one step of the history"
    );
}

#[test]
fn tab_walks_every_goal_of_a_seek_and_shift_tab_walks_back() {
    use dealbench::tui::model::SeekGoal;
    let mut m = open(include_str!("../assets/demo.toml"));
    to(&mut m, Lever::SeatPrice);
    key(&mut m, KeyCode::Char('g'));
    let goal = |m: &dealbench::tui::model::Model| match &m.mode {
        Mode::Seek { goal, .. } => goal.clone(),
        other => panic!("{other:?}"),
    };
    let mut seen = vec![goal(&m)];
    for _ in 0..8 {
        key(&mut m, KeyCode::Tab);
        seen.push(goal(&m));
    }
    // Three other offers, our target, the walk-away, a typed total; then round.
    assert_eq!(
        &seen[..6],
        &[
            SeekGoal::Offer(1),
            SeekGoal::Offer(2),
            SeekGoal::Offer(3),
            SeekGoal::OurTarget,
            SeekGoal::WalkAway,
            SeekGoal::Typed(String::new()),
        ]
    );
    assert_eq!(seen[6], SeekGoal::Offer(1), "round again");
    assert_eq!(seen[8], SeekGoal::Offer(3));
    for back in [
        SeekGoal::Offer(2),
        SeekGoal::Offer(1),
        SeekGoal::Typed(String::new()),
    ] {
        press(&mut m, KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(goal(&m), back);
    }
}

#[test]
fn goal_seek_aims_at_a_typed_total() {
    let mut m = open(include_str!("data/examples/seat-sizing.toml"));
    key(&mut m, KeyCode::Char(']'));
    key(&mut m, KeyCode::Char('g'));
    // Seats of 'Working population + buffer' for $400,000: 12 × 60 × n ≤ 400,000 → 555.
    key(&mut m, KeyCode::Tab);
    typed(&mut m, "400000");
    let Some(Ok(r)) = &m.seek else {
        panic!("{:?}", m.seek)
    };
    assert_eq!(r.value, d("555"));
    // A typed total in another convention says why it has no answer.
    typed(&mut m, ",5");
    match &m.seek {
        Some(Err(e)) => assert!(e.contains("expected a number like"), "{e}"),
        other => panic!("{other:?}"),
    }
    key(&mut m, KeyCode::Esc);
    assert_eq!(
        m.scenario.offers[1].seats,
        Some(SeatPlan::Fixed(650)),
        "Esc leaves the lever"
    );
}

#[test]
fn drivers_sum_to_the_difference_and_stress_covers_every_offer() {
    let mut m = open(GLOBAL);
    key(&mut m, KeyCode::Char(']'));
    key(&mut m, KeyCode::Char('D'));
    assert!(matches!(m.mode, Mode::Drivers { from: 0, to: 1 }));
    let view = m.power.clone().unwrap();
    let sum: Decimal = view.waterfall.steps.iter().map(|s| s.effect).sum();
    assert_eq!(view.waterfall.start + sum, view.waterfall.end);
    assert_eq!(view.waterfall.end, m.eval.outcomes[1].total);
    assert_eq!(view.stress.offers.len(), 2);
    key(&mut m, KeyCode::Esc);
    // From Compare: mark the counter-offer, walk to the vendor's quote.
    key(&mut m, KeyCode::Char('c'));
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('m'));
    key(&mut m, KeyCode::Left);
    key(&mut m, KeyCode::Char('D'));
    assert!(matches!(m.mode, Mode::Drivers { from: 1, to: 0 }));
    key(&mut m, KeyCode::Esc);
    assert!(
        matches!(m.mode, Mode::Compare { col: 0, .. }),
        "Esc goes back to Compare, where D came from"
    );
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('D'));
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.mode, Mode::Normal, "from the workbench, back to it");
}

#[test]
fn e_exports_what_is_on_screen_in_the_format_of_the_extension() {
    let mut m = open(PILOT);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('E'));
    typed(&mut m, "brief.txt");
    key(&mut m, KeyCode::Enter);
    let Mode::Export { error: Some(e), .. } = &m.mode else {
        panic!("{:?}", m.mode)
    };
    assert!(e.contains(".md, .csv or .json"), "{e}");
    typed(&mut m, "brief.md");
    let effects = key(&mut m, KeyCode::Enter);
    let [Effect::Write { path, bytes }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("brief.md"));
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("Pilot to Enterprise") && text.contains("$448,610.40"),
        "the edited figures:\n{text}"
    );
}

#[test]
fn a_file_with_crlf_line_ends_keeps_them_and_only_the_moved_value_changes() {
    let crlf = PILOT.replace('\n', "\r\n");
    let mut m = open(&crlf);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Char('n'));
    typed(&mut m, "Counter 2");
    key(&mut m, KeyCode::Enter);
    let text = save(&mut m);
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends CRLF"
    );
    let before: Vec<&str> = crlf.split("\r\n").collect();
    let after: Vec<&str> = text.split("\r\n").collect();
    let changed: Vec<(&&str, &&str)> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.starts_with("seats = "), "{changed:?}");
    assert!(text.contains("\r\nname = \"Counter 2\"\r\n"));
}
