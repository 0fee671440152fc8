//! Bounded work on any file the loader accepts (issue 20): a 3,000-deep
//! `based_on` chain resolves in linear time and reports the figures today's
//! engine gives a short chain built by the same rule; a file above the work
//! budget is refused at load with its message, one just below is accepted.

use dealbench::engine;
use dealbench::money::Overflow;
use dealbench::report::json;
use dealbench::scenario;
use serde_json::Value;

#[path = "../benches/synth.rs"]
mod synth;

/// The §4 offers of a scenario's JSON report.
fn offers(text: &str) -> Vec<Value> {
    let s = scenario::parse_str("chain.toml", text).expect("the chain loads");
    let ev = engine::evaluate(&s).expect("the chain prices");
    let report = json::report_with(&s, &ev, &Err(Overflow("not needed here")));
    report["offers"].as_array().expect("offers").clone()
}

/// Every field `golden` holds (but the name, unless `named`), equal in
/// `actual`.
fn same_figures(golden: &Value, actual: &Value, named: bool) -> bool {
    golden
        .as_object()
        .expect("an offer")
        .iter()
        .filter(|(k, _)| named || k.as_str() != "name")
        .all(|(k, v)| actual.get(k) == Some(v))
}

#[test]
fn a_3000_deep_chain_reports_what_todays_engine_gives_the_50_deep_one() {
    let golden: Value =
        serde_json::from_str(include_str!("data/chain/chain50.json")).expect("the golden file");
    let golden = golden["offers"].as_array().expect("offers");
    assert_eq!(golden.len(), 50);
    let deep = offers(&synth::chain(3000));
    assert_eq!(deep.len(), 3000);
    // The first 50 offers are the 50-deep chain itself, name for name.
    for (i, g) in golden.iter().enumerate() {
        assert!(same_figures(g, &deep[i], true), "offer o{i}");
    }
    // From offer 6 on, offer i resolves as offer i − 30: each deeper offer
    // reports the figures of its like among the golden offers 20..50.
    for (i, d) in deep.iter().enumerate().skip(50) {
        let like = 20 + (i - 20) % 30;
        assert!(
            same_figures(&golden[like], d, false),
            "offer o{i} should report the figures of o{like}"
        );
    }
}

#[test]
fn every_resolution_path_agrees_on_a_deep_chain() {
    let s = scenario::parse_str("chain.toml", &synth::chain(400)).expect("loads");
    let all = s.resolved_offers();
    for i in [0, 1, 7, 199, 399] {
        let one = scenario::offers::resolve(&s, &format!("o{i}")).expect("resolves");
        assert_eq!(all[i], one, "o{i}");
    }
    assert_eq!(scenario::offers::dependants(&s, 397), vec![397, 398, 399]);
}

/// 1 region, `workloads` workloads and `offers` offers over 600 months.
fn wide(workloads: usize, offers: usize) -> String {
    let mut s = String::from(
        "schema = 1\n[deal]\nname = \"Wide\"\ncurrency = \"USD\"\nstart = 2027-01-01\nhorizon_months = 600\n\
         [[region]]\nid = \"na\"\nheadcount = 100\nprovisioned = 80\nmau = 60\nwau = 50\ndau = 20\n",
    );
    for w in 0..workloads {
        s.push_str(&format!(
            "[[workload]]\nname = \"w{w}\"\ninput_mtok = 1\noutput_mtok = 1\n"
        ));
    }
    for o in 0..offers {
        s.push_str(&format!("[[offer]]\nname = \"o{o}\"\n"));
        s.push_str(if o == 0 {
            "by = \"vendor\"\nseats = 60\nseat_price = 50\n"
        } else {
            "based_on = \"o0\"\n"
        });
    }
    s
}

#[test]
fn the_budget_is_one_product_of_the_files_counts() {
    use scenario::limits::{Shape, WORK_BUDGET};
    let at = |workloads| Shape {
        offers: 100,
        months: 600,
        regions: 1,
        workloads,
    };
    assert!(at(105).work() <= WORK_BUDGET);
    assert!(at(106).work() > WORK_BUDGET);
}

#[test]
fn a_file_just_above_the_budget_is_refused_with_its_message() {
    let text = wide(106, 100);
    let errors = scenario::parse_str("wide.toml", &text).expect_err("above the budget");
    assert_eq!(errors.0.len(), 1, "{errors}");
    let d = &errors.0[0];
    let lines: Vec<&str> = text.lines().collect();
    let last_offer = lines
        .iter()
        .rposition(|l| *l == "[[offer]]")
        .expect("offers")
        + 1;
    assert_eq!((d.line, d.column), (last_offer, 1));
    for part in [
        "expected at most 32,000,000 units of work",
        "found '32,080,840' by [[offer]] number 100",
        "100 offers, 600 months, 1 region, 106 workloads",
    ] {
        assert!(d.message.contains(part), "{part:?} in {}", d.message);
    }
}

#[test]
fn a_file_just_below_the_budget_is_accepted() {
    let s = scenario::parse_str("wide.toml", &wide(105, 100)).expect("within the budget");
    assert_eq!(s.offers.len(), 100);
    assert_eq!(s.workloads.len(), 105);
}

mod workbench {
    use dealbench::engine;
    use dealbench::tui::action::{Action, Effect};
    use dealbench::tui::model::Model;
    use dealbench::tui::theme::Theme;
    use dealbench::tui::{update::update, view};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::{scenario, synth};

    fn opened() -> Model {
        let text = synth::chain(3000);
        let s = scenario::parse_str("deep.toml", &text).expect("loads");
        Model::unpriced(None, text, s).expect("opens")
    }

    fn screen(m: &Model) -> String {
        let mut t = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
        t.draw(|f| view::render(m, f, Theme { color: false }))
            .expect("draws");
        let buf = t.backend().buffer().clone();
        buf.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn the_first_frame_draws_before_any_pricing_and_keys_wait_for_the_figures() {
        let mut m = opened();
        assert_eq!(m.pricing, Some(0));
        let first = m.first_pricing();
        assert!(matches!(
            first.as_slice(),
            [Effect::Price { generation: 0, .. }]
        ));
        let shown = screen(&m);
        assert!(shown.contains("pricing every offer"), "{shown}");
        assert!(shown.contains("3000 offers"), "{shown}");
        // A lever key does nothing yet; it neither panics nor edits.
        assert!(
            update(
                &mut m,
                Action::Step {
                    steps: 1,
                    coarse: false
                }
            )
            .is_empty()
        );
        assert!(!m.dirty());
        assert!(!m.quit);
    }

    #[test]
    fn only_the_pricing_the_model_waits_for_is_taken() {
        let mut m = opened();
        let ev = engine::evaluate(&m.scenario).expect("prices");
        let stale = Action::Priced {
            generation: 7,
            result: Box::new(Ok(ev.clone())),
        };
        update(&mut m, stale);
        assert_eq!(m.pricing, Some(0));
        assert!(m.eval.outcomes.is_empty());
        let current = Action::Priced {
            generation: 0,
            result: Box::new(Ok(ev.clone())),
        };
        update(&mut m, current);
        assert_eq!(m.pricing, None);
        assert_eq!(m.eval, ev);
        assert!(screen(&m).contains("o0"));
        // Once priced, the keys work as ever.
        update(
            &mut m,
            Action::Step {
                steps: 1,
                coarse: false,
            },
        );
        assert!(m.dirty());
    }

    #[test]
    fn q_quits_while_the_figures_are_on_their_way() {
        let mut m = opened();
        let q = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('q'),
            crossterm::event::KeyModifiers::NONE,
        );
        let action = dealbench::tui::keymap::while_pricing(q).expect("q is bound");
        update(&mut m, action);
        assert!(m.quit);
    }
}

mod edits {
    use dealbench::engine;
    use dealbench::tui::action::{Action, Effect};
    use dealbench::tui::model::Model;
    use dealbench::tui::update::update;

    use super::synth;

    fn one_seat_more(m: &mut Model) -> Vec<Effect> {
        update(
            m,
            Action::Step {
                steps: 1,
                coarse: false,
            },
        )
    }

    #[test]
    fn an_edit_with_many_dependants_prices_the_table_now_and_the_rest_in_the_background() {
        let mut m = Model::from_text(None, "deep.toml", synth::chain(3000)).expect("opens");
        let before = m.eval.clone();
        let effects = one_seat_more(&mut m);
        assert!(
            matches!(effects.as_slice(), [Effect::Price { generation: 1, .. }]),
            "{effects:?}"
        );
        assert_eq!(m.repricing, Some(1));
        // The offer on the table is priced at once; the others wait.
        let fresh = engine::evaluate(&m.scenario).expect("prices");
        assert_eq!(m.eval.outcomes[0], fresh.outcomes[0]);
        assert_eq!(m.eval.outcomes[2999].total, before.outcomes[2999].total);
        // A second edit before the figures arrive: the first result is stale.
        let effects = one_seat_more(&mut m);
        assert!(matches!(
            effects.as_slice(),
            [Effect::Price { generation: 2, .. }]
        ));
        let stale = Action::Priced {
            generation: 1,
            result: Box::new(Ok(fresh)),
        };
        update(&mut m, stale);
        assert_eq!(m.repricing, Some(2));
        let fresh = engine::evaluate(&m.scenario).expect("prices");
        let current = Action::Priced {
            generation: 2,
            result: Box::new(Ok(fresh.clone())),
        };
        update(&mut m, current);
        assert_eq!(m.repricing, None);
        assert_eq!(m.eval, fresh);
    }

    #[test]
    fn an_edit_with_few_dependants_prices_them_before_the_next_frame() {
        let mut m = Model::from_text(None, "deep.toml", synth::chain(3000)).expect("opens");
        m.table = 2990;
        assert!(one_seat_more(&mut m).is_empty());
        assert_eq!(m.repricing, None);
        assert_eq!(m.eval, engine::evaluate(&m.scenario).expect("prices"));
    }
}

/// A file with a problem on each of many offers is reported in linear
/// time: each problem's line is found by bisection, and only the first
/// few get a "did you mean" against every name.
#[test]
fn thousands_of_problems_are_each_reported_where_they_are() {
    let mut text = String::from(
        "schema = 1\n[deal]\nname = \"Bad\"\ncurrency = \"USD\"\nstart = 2027-01-01\n\
         [[region]]\nid = \"na\"\nheadcount = 100\nprovisioned = 80\nmau = 60\nwau = 50\ndau = 20\n",
    );
    let n = 5_000;
    for o in 0..n {
        text.push_str(&format!(
            "[[offer]]\nname = \"offer{o}\"\nbased_on = \"ofer{o}\"\nseats = 1\n"
        ));
    }
    let errors = scenario::parse_str("bad.toml", &text).expect_err("every based_on is unknown");
    assert_eq!(errors.0.len(), n);
    let last = &errors.0[n - 1];
    assert_eq!((last.line, last.column), (12 + 4 * n - 1, 12));
    assert!(errors.0[0].message.contains("(did you mean 'offer0'?)"));
    assert!(!last.message.contains("did you mean"));
}
