//! Snapshots of what a negotiator sees: the whole workbench at 160×48 and
//! 80×24, each panel at 80×24, and the overlays, rendered with ratatui's
//! TestBackend from the embedded demo scenario.

use dealbench::tui::model::{Mode, Model, NameFor, Panel};
use dealbench::tui::theme::Theme;
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

#[test]
fn full_workbench_at_160x48() {
    let m = Model::demo().unwrap();
    let s = screen(&m, 160, 48);
    for panel in [
        "Regions",
        "Seat funnel",
        "Term & uplift",
        "API bundle",
        "Levers",
        "Totals",
    ] {
        assert!(s.contains(panel), "{panel} missing:\n{s}");
    }
    assert!(s.contains("$8,724,000.21"), "money in full:\n{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn workbench_at_80x24_shows_the_lever_and_the_total() {
    let m = Model::demo().unwrap();
    let s = screen(&m, 80, 24);
    assert!(s.contains("Seats"));
    assert!(s.contains("Total $8,724,000.21"));
    insta::assert_snapshot!(s);
}

#[test]
fn each_panel_at_80x24() {
    let mut m = Model::demo().unwrap();
    m.table = 1;
    for p in Panel::ALL {
        m.focus = p;
        insta::assert_snapshot!(
            format!("panel_{}", p.title().replace([' ', '&'], "_")),
            screen(&m, 80, 24)
        );
    }
}

#[test]
fn each_panel_at_160x48_with_a_counter_offer_on_the_table() {
    let mut m = Model::demo().unwrap();
    m.table = 1;
    m.lever = 3;
    insta::assert_snapshot!(screen(&m, 160, 48));
}

#[test]
fn help_lists_every_key_from_the_keymap() {
    let mut m = Model::demo().unwrap();
    m.mode = Mode::Help;
    let s = screen(&m, 160, 48);
    for b in dealbench::tui::keymap::NORMAL {
        assert!(s.contains(b.help), "help lacks '{}'", b.help);
    }
    insta::assert_snapshot!(s);
}

#[test]
fn compare_at_80x24_and_160x48() {
    let mut m = Model::demo().unwrap();
    m.mode = Mode::Compare {
        col: 1,
        row: 0,
        diff: false,
    };
    let small = screen(&m, 80, 24);
    assert!(small.contains("Compare"));
    insta::assert_snapshot!("compare_80x24", small);
    let large = screen(&m, 160, 48);
    assert!(
        large.contains("★"),
        "the cheapest total is marked:\n{large}"
    );
    insta::assert_snapshot!("compare_160x48", large);
    m.mode = Mode::Compare {
        col: 3,
        row: 20,
        diff: true,
    };
    insta::assert_snapshot!("compare_differences_80x24", screen(&m, 80, 24));
}

#[test]
fn each_panel_at_160x48_focused() {
    let mut m = Model::demo().unwrap();
    for p in Panel::ALL {
        m.focus = p;
        let s = screen(&m, 160, 48);
        assert!(
            s.contains(&format!("▶ {}", p.title())),
            "{} is marked as focused",
            p.title()
        );
    }
}

#[test]
fn overlays_name_terms_delete() {
    let mut m = Model::demo().unwrap();
    m.mode = Mode::Name {
        buffer: String::new(),
        suggestion: "Vendor quote v2".into(),
        purpose: NameFor::NewOffer { back_to: 0 },
        error: None,
    };
    let s = screen(&m, 80, 24);
    assert!(
        s.contains("Enter on an empty line takes 'Vendor quote v2'"),
        "{s}"
    );
    m.mode = Mode::Terms {
        cursor: 2,
        adding: None,
    };
    let s = screen(&m, 160, 48);
    assert!(
        s.contains("eu_residency") && s.contains("required, MISSING"),
        "{s}"
    );
    insta::assert_snapshot!("terms_160x48", s);
    m.table = 1;
    m.mode = Mode::ConfirmDelete {
        children: vec!["One year, Team mix".into()],
    };
    let s = screen(&m, 80, 24);
    assert!(s.contains("re-pointed"), "{s}");
}

#[test]
fn typing_a_value_shows_the_prompt_and_the_current_value() {
    let mut m = Model::demo().unwrap();
    m.mode = Mode::Edit {
        buffer: "1800".into(),
        error: None,
    };
    let s = screen(&m, 80, 24);
    assert!(s.contains("Seats: 1800"));
    assert!(s.contains("now 2,500"));
}

#[test]
fn drivers_and_stress_at_160x48_and_80x24() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut m = Model::demo().unwrap();
    m.table = 1;
    let action = dealbench::tui::keymap::resolve(
        &m.mode,
        KeyEvent::new(KeyCode::Char('D'), KeyModifiers::SHIFT),
    )
    .unwrap();
    dealbench::tui::update::update(&mut m, action);
    let large = screen(&m, 160, 48);
    assert!(
        large.contains("What drove the difference: Vendor quote → Usage-sized, capped"),
        "{large}"
    );
    assert!(large.contains("Adoption −25 %"), "{large}");
    insta::assert_snapshot!("drivers_160x48", large);
    insta::assert_snapshot!("drivers_80x24", screen(&m, 80, 24));
}

#[test]
fn goal_seek_box() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut m = Model::demo().unwrap();
    m.table = 1;
    m.lever = 4;
    let action = dealbench::tui::keymap::resolve(
        &m.mode,
        KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE),
    )
    .unwrap();
    dealbench::tui::update::update(&mut m, action);
    let s = screen(&m, 160, 48);
    assert!(s.contains("Goal seek on 'Usage-sized, capped'"), "{s}");
    insta::assert_snapshot!("seek_160x48", s);
}

#[test]
fn the_workbench_draws_at_any_size_without_panicking() {
    // A narrow tmux split must not end the session.
    let mut m = Model::demo().unwrap();
    for mode in [Mode::Normal, Mode::Help] {
        m.mode = mode;
        for w in (1..=40).chain([79, 80, 120, 139, 140, 160, 200]) {
            for h in [1, 2, 3, 5, 8, 12, 24, 39, 40, 48] {
                screen(&m, w, h);
            }
        }
    }
}

#[test]
fn the_help_scrolls_to_its_last_line_at_80x24() {
    use dealbench::tui::action::Action;
    use dealbench::tui::update::update;
    let mut m = Model::demo().unwrap();
    update(&mut m, Action::Help);
    for _ in 0..40 {
        update(
            &mut m,
            Action::Step {
                steps: 1,
                coarse: true,
            },
        );
    }
    let (_, last) = dealbench::tui::keymap::HELP_SECTIONS.last().unwrap();
    let s = screen(&m, 80, 24);
    let words = last.last().unwrap().help.split(' ').next_back().unwrap();
    assert!(
        s.contains(words),
        "the last line of the help is reachable:\n{s}"
    );
    // And back to the top with ↑ at once, however far ↓ went.
    for _ in 0..200 {
        update(&mut m, Action::Down);
    }
    update(&mut m, Action::Up);
    let before = screen(&m, 80, 24);
    update(&mut m, Action::Up);
    assert_ne!(before, screen(&m, 80, 24), "↑ moves at once");
}

#[test]
fn the_terms_list_keeps_the_cursor_row_in_view_at_80x24() {
    let mut m = Model::demo().unwrap();
    let n = dealbench::tui::model::queries::term_rows(&m).len();
    for cursor in 0..n {
        m.mode = Mode::Terms {
            cursor,
            adding: None,
        };
        let term = &dealbench::tui::model::queries::term_rows(&m)[cursor].term;
        let s = screen(&m, 80, 24);
        assert!(
            s.contains(term.as_str()),
            "row {cursor} '{term}' is drawn:\n{s}"
        );
    }
}

#[test]
fn every_question_shows_the_keys_that_answer_it_at_80x24() {
    let mut m = Model::demo().unwrap();
    m.mode = Mode::Recover {
        saved_at: "2026-12-01 19:12 UTC".into(),
        file_changed_since: true,
    };
    let s = screen(&m, 80, 24);
    assert!(
        s.contains("recover them") && s.contains("discard them"),
        "{s}"
    );
    m.mode = Mode::ConfirmQuit;
    let s = screen(&m, 80, 24);
    assert!(s.contains("keep working"), "{s}");
}
