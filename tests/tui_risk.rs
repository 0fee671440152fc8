//! The risk view (`x`): "computing…" until the figures asked for last
//! arrive, a stale result never shown, and the view at 80×24 and 160×48.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealbench::tui::action::{Action, Effect};
use dealbench::tui::keymap::resolve;
use dealbench::tui::model::risk;
use dealbench::tui::model::{Mode, Model};
use dealbench::tui::theme::Theme;
use dealbench::tui::update::update;
use dealbench::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(m: &Model, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| view::render(m, f, Theme { color: false }))
        .unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The uncertain demo with fewer draws, so the test runs quickly.
fn model() -> Model {
    let text = include_str!("../scenarios/northwind-uncertain.toml")
        .replace("draws = 2000 ", "draws = 400  ");
    Model::from_text(Some("deal.toml".into()), "deal.toml", text).unwrap()
}

fn press(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    match resolve(&m.mode, KeyEvent::new(code, KeyModifiers::NONE)) {
        Some(a) => update(m, a),
        None => Vec::new(),
    }
}

/// Carry out a risk effect as the loop's thread would.
fn deliver(m: &mut Model, e: &Effect) {
    let Effect::Risk {
        generation,
        scenario,
        table,
    } = e
    else {
        panic!("expected a risk effect, found {e:?}");
    };
    let result = Box::new(risk::compute(scenario, *table));
    update(
        m,
        Action::RiskDone {
            generation: *generation,
            result,
        },
    );
}

#[test]
fn the_footer_offers_x_only_with_an_uncertainty_table() {
    assert!(screen(&model(), 160, 48).contains("x risk"));
    let demo = Model::demo().unwrap();
    assert!(!screen(&demo, 160, 48).contains("x risk"));
    let mut demo = demo;
    press(&mut demo, KeyCode::Char('x'));
    assert_eq!(demo.mode, Mode::Normal);
    assert!(screen(&demo, 80, 24).contains("no [uncertainty] table"));
}

#[test]
fn the_view_says_computing_and_never_shows_a_stale_result() {
    let mut m = model();
    m.table = 1;
    let first = press(&mut m, KeyCode::Char('x'));
    assert_eq!(m.mode, Mode::Risk);
    assert!(screen(&m, 80, 24).contains("computing…"));
    // A lever moves before the figures arrive: a newer generation.
    let second = press(&mut m, KeyCode::Right);
    assert_eq!(second.len(), 1, "{second:?}");
    deliver(&mut m, &first[0]);
    assert!(
        screen(&m, 80, 24).contains("computing…"),
        "stale result shown"
    );
    deliver(&mut m, &second[0]);
    let s = screen(&m, 80, 24);
    assert!(!s.contains("computing…"), "{s}");
    assert!(s.contains("Seats: "), "{s}");
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.mode, Mode::Normal);
}

#[test]
fn risk_view_at_80x24_and_160x48() {
    let mut m = model();
    m.table = 1;
    let effects = press(&mut m, KeyCode::Char('x'));
    deliver(&mut m, &effects[0]);
    let large = screen(&m, 160, 48);
    for want in [
        "P10 ─ P50 ● ─ P90",
        "Vendor quote",
        "cheapest",
        "API commit to sign",
    ] {
        assert!(large.contains(want), "{want} missing:\n{large}");
    }
    insta::assert_snapshot!("risk_160x48", large);
    insta::assert_snapshot!("risk_80x24", screen(&m, 80, 24));
}

/// `g` on the seats lever offers the lowest mean over the draws: it is
/// computed in the background ("computing…" until then), shows the risk
/// view's answer, and Enter sets the seats to it.
#[test]
fn goal_seek_offers_the_lowest_mean_and_enter_applies_it() {
    use dealbench::tui::levers::Lever;
    use dealbench::tui::model::SeekGoal;
    let mut m = model();
    m.table = 0;
    m.lever = m.levers().iter().position(|l| *l == Lever::Seats).unwrap();
    assert!(press(&mut m, KeyCode::Char('g')).is_empty());
    // Tab through the goals to the lowest mean; reaching it asks for the draws.
    let mut asked = Vec::new();
    for _ in 0..10 {
        if matches!(
            &m.mode,
            Mode::Seek {
                goal: SeekGoal::LowestMean,
                ..
            }
        ) {
            break;
        }
        asked = press(&mut m, KeyCode::Tab);
    }
    assert_eq!(asked.len(), 1, "one request for the draws");
    let shown = screen(&m, 160, 48);
    assert!(
        shown.contains("the lowest mean total over the draws"),
        "{shown}"
    );
    assert!(shown.contains("computing…"), "{shown}");
    deliver(&mut m, &asked[0]);
    let answer = risk::compute(&m.scenario, 0).unwrap().seats.unwrap();
    let shown = screen(&m, 160, 48);
    assert!(shown.contains("Esc cancels"), "{shown}");
    assert!(
        shown.contains(&answer.lever.format_with_unit(answer.value)),
        "{shown}"
    );
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.offer().seats, answer.moved.seats);
    assert!(screen(&m, 160, 48).contains("the lowest mean over the draws"));
}

#[test]
fn without_uncertainty_goal_seek_offers_no_lowest_mean() {
    use dealbench::tui::levers::Lever;
    let mut m = Model::demo().unwrap();
    m.lever = m.levers().iter().position(|l| *l == Lever::Seats).unwrap();
    press(&mut m, KeyCode::Char('g'));
    for _ in 0..10 {
        assert!(press(&mut m, KeyCode::Tab).is_empty());
        assert!(!screen(&m, 160, 48).contains("lowest mean"));
    }
}
