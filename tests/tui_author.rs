//! The scenario editor (`a`) driven through the keymap and `update`, as a
//! negotiator types: the deal, a region's funnel (the rule said as you
//! type), rows added and removed, a workload's route, FX and
//! `[uncertainty]`; each applied section is one step of undo, re-prices at
//! once, saves as a minimal diff and reaches the recovery text. Snapshots
//! of the editor at 80×24 and 160×48.

use crossterm::event::{KeyCode, KeyModifiers};
use dealbench::scenario::load;
use dealbench::tui::model::{Mode, Model, Section};

mod common;
use common::keys::{key, open, press, save, typed};
use common::screen::screen;

const DEMO: &str = include_str!("../assets/demo.toml");

fn ctrl(m: &mut Model, c: char) {
    press(m, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// Open the editor on `section`.
fn editor(m: &mut Model, section: Section) {
    key(m, KeyCode::Char('a'));
    while form(m).section != section {
        key(m, KeyCode::Right);
    }
}

fn form(m: &Model) -> dealbench::tui::model::AuthorForm {
    match &m.mode {
        Mode::Author(f) => f.clone(),
        other => panic!("not in the editor: {other:?}"),
    }
}

/// Tab to the field labelled `label`.
fn field(m: &mut Model, label: &str) {
    for _ in 0..40 {
        let f = form(m);
        let labels = dealbench::tui::editors::author::fields(m, f.section, f.row);
        if labels[f.focus].label == label {
            return;
        }
        key(m, KeyCode::Tab);
    }
    panic!("no field '{label}'");
}

#[test]
fn the_funnel_rule_is_said_as_you_type_and_enter_refuses_it() {
    let mut m = open(DEMO);
    editor(&mut m, Section::Regions);
    field(&mut m, "Monthly active");
    typed(&mut m, "1200");
    assert_eq!(
        form(&m).error.as_deref(),
        Some(
            "funnel out of order in [[region]] 'na': expected mau ≤ provisioned (1100), found mau = '1200'"
        )
    );
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.regions[0].mau, 760, "refused: nothing changes");
    assert!(m.history.is_empty());
    key(&mut m, KeyCode::Backspace);
    key(&mut m, KeyCode::Backspace);
    key(&mut m, KeyCode::Backspace);
    typed(&mut m, "000");
    assert_eq!(form(&m).error, None, "1000 fits the funnel");
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.regions[0].mau, 1000);
    assert_eq!(m.history.len(), 1, "one step of undo");
}

#[test]
fn a_go_live_moved_re_prices_every_offer_at_once_and_undo_brings_it_back() {
    let mut m = open(DEMO);
    let before: Vec<_> = m.eval.outcomes.iter().map(|o| o.total).collect();
    editor(&mut m, Section::Regions);
    key(&mut m, KeyCode::PageDown);
    key(&mut m, KeyCode::PageDown);
    assert_eq!(form(&m).row, 2, "Japan");
    field(&mut m, "Go-live month");
    typed(&mut m, "12");
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.regions[2].go_live, 12);
    let after: Vec<_> = m.eval.outcomes.iter().map(|o| o.total).collect();
    assert_ne!(before, after, "the figures follow the edit");
    assert!(m.dirty());
    key(&mut m, KeyCode::Esc);
    key(&mut m, KeyCode::Char('u'));
    assert_eq!(m.scenario.regions[2].go_live, 6);
    let undone: Vec<_> = m.eval.outcomes.iter().map(|o| o.total).collect();
    assert_eq!(before, undone);
    assert!(!m.dirty());
    press(&mut m, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(m.scenario.regions[2].go_live, 12, "redo");
}

#[test]
fn a_region_and_a_workload_added_save_after_their_kind_and_load_back() {
    let mut m = open(DEMO);
    editor(&mut m, Section::Regions);
    ctrl(&mut m, 'n');
    assert_eq!(form(&m).row, 3, "the new region is shown");
    assert_eq!(m.scenario.regions[3].id, "region-1");
    field(&mut m, "Id");
    typed(&mut m, "apac");
    field(&mut m, "Headcount");
    typed(&mut m, "400");
    field(&mut m, "Provisioned seats");
    typed(&mut m, "200");
    field(&mut m, "Monthly active");
    typed(&mut m, "150");
    field(&mut m, "Weekly active (working pop.)");
    typed(&mut m, "120");
    key(&mut m, KeyCode::Enter);
    assert_eq!(form(&m).error, None);
    assert_eq!(m.scenario.regions[3].wau, 120);
    key(&mut m, KeyCode::Right);
    ctrl(&mut m, 'n');
    field(&mut m, "Name");
    typed(&mut m, "sales-drafts");
    field(&mut m, "Input Mtok/month");
    typed(&mut m, "300");
    field(&mut m, "Route: haiku");
    typed(&mut m, "0.6");
    key(&mut m, KeyCode::Enter);
    assert_eq!(form(&m).error, None);
    let w = &m.scenario.workloads[3];
    assert_eq!(w.name, "sales-drafts");
    assert_eq!(w.route.len(), 2, "opus makes room for haiku: {:?}", w.route);
    key(&mut m, KeyCode::Esc);
    let recovery = m.file_text().unwrap();
    let text = save(&mut m);
    assert_eq!(recovery, text, "the recovery file holds what a save writes");
    assert!(
        text.contains("requires = [\"jp_residency\"]\n\n[[region]]\nid = \"apac\"\nheadcount = 400\nprovisioned = 200\nmau = 150\nwau = 120\ndau = 0\n\n[[workload]]"),
        "{text}"
    );
    assert!(text.contains(
        "\n[[workload]]\nname = \"sales-drafts\"\ninput_mtok = 300\noutput_mtok = 0\nroute = { opus = 0.4, haiku = 0.6 }\n"
    ), "{text}");
    let back = load::parse_str("deal.toml", &text).unwrap();
    assert_eq!(back.regions, m.scenario.regions);
    assert_eq!(back.workloads, m.scenario.workloads);
    assert!(!m.dirty(), "saved");
}

#[test]
fn a_removed_region_is_refused_when_it_is_the_last_and_fx_a_region_needs_stays() {
    let mut m = open(DEMO);
    editor(&mut m, Section::Regions);
    key(&mut m, KeyCode::PageDown);
    ctrl(&mut m, 'd');
    assert_eq!(m.scenario.regions.len(), 2);
    assert!(m.scenario.regions.iter().all(|r| r.id != "emea"));
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Right);
    assert_eq!(form(&m).section, Section::Fx);
    // JPY is the second rate; Japan still needs it.
    key(&mut m, KeyCode::Tab);
    ctrl(&mut m, 'd');
    assert_eq!(
        form(&m).error.as_deref(),
        Some("region currency 'JPY' has no rate: expected `JPY = <units per USD>` in [fx]")
    );
    // EUR is no longer needed once Europe is gone.
    key(&mut m, KeyCode::Up);
    ctrl(&mut m, 'd');
    assert_eq!(m.scenario.fx.len(), 1);
    field(&mut m, "Add a currency");
    typed(&mut m, "GBP 0.79");
    key(&mut m, KeyCode::Enter);
    assert_eq!(
        m.scenario.fx[1],
        ("GBP".to_string(), common::keys::d("0.79"))
    );
    assert_eq!(m.history.len(), 3);
}

#[test]
fn the_deal_and_uncertainty_are_edited_and_saved_as_a_minimal_diff() {
    let mut m = open(DEMO);
    editor(&mut m, Section::Deal);
    field(&mut m, "Growth buffer %");
    typed(&mut m, "10");
    field(&mut m, "Renewal uplift %");
    typed(&mut m, "120");
    assert_eq!(
        form(&m).error.as_deref(),
        Some(
            "`renewal_uplift_pct` in [deal] must be a number of percent from 0 to 100, found an integer '120'"
        )
    );
    key(&mut m, KeyCode::Backspace);
    key(&mut m, KeyCode::Backspace);
    key(&mut m, KeyCode::Backspace);
    typed(&mut m, "5");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Left);
    assert_eq!(form(&m).section, Section::Uncertainty);
    ctrl(&mut m, 'n');
    field(&mut m, "Adoption spread %");
    typed(&mut m, "15");
    key(&mut m, KeyCode::Enter);
    key(&mut m, KeyCode::Esc);
    let text = save(&mut m);
    let removed: Vec<&str> = DEMO.lines().filter(|l| !text.contains(l)).collect();
    assert_eq!(
        removed,
        [
            "buffer_pct = 15              # growth buffer when a commit is re-sized to usage",
            "renewal_uplift_pct = 7       # what the vendor adds at renewal unless capped",
        ]
    );
    assert!(text.contains("buffer_pct = 10              # growth buffer"));
    assert!(text.contains("renewal_uplift_pct = 5       # what the vendor adds"));
    assert!(
        text.ends_with("\n[uncertainty]\nadoption_pct = 15\n"),
        "{text}"
    );
}

#[test]
fn a_renamed_region_renames_its_regional_prices_and_the_recovery_keeps_it() {
    let mut m = open(DEMO);
    editor(&mut m, Section::Regions);
    key(&mut m, KeyCode::PageDown);
    field(&mut m, "Id");
    typed(&mut m, "eu");
    key(&mut m, KeyCode::Enter);
    assert_eq!(m.scenario.regions[1].id, "eu");
    let text = m.file_text().unwrap();
    assert!(text.contains("eu = 54") && !text.contains("emea"), "{text}");
    // The recovery file opened again: the rename comes back as a rename.
    let mut again = open(DEMO);
    again.recovery = Some(text.clone());
    again.mode = Mode::Recover {
        saved_at: "now".into(),
        file_changed_since: false,
    };
    key(&mut again, KeyCode::Char('r'));
    assert_eq!(again.scenario.regions, m.scenario.regions);
    assert_eq!(again.rows, m.rows);
    assert_eq!(again.file_text().unwrap(), text);
}

#[test]
fn the_editor_at_80x24_and_160x48() {
    let mut m = open(DEMO);
    editor(&mut m, Section::Regions);
    field(&mut m, "Monthly active");
    typed(&mut m, "1200");
    let small = screen(&m, 80, 24);
    assert!(small.contains("funnel out of order"), "{small}");
    insta::assert_snapshot!("author_region_80x24", small);
    key(&mut m, KeyCode::Esc);
    editor(&mut m, Section::Workloads);
    let large = screen(&m, 160, 48);
    assert!(large.contains("Route: haiku"), "{large}");
    insta::assert_snapshot!("author_workload_160x48", large);
}

#[test]
fn the_editor_opens_on_the_section_of_the_panel_in_focus() {
    let mut m = open(DEMO);
    key(&mut m, KeyCode::Char('a'));
    assert_eq!(form(&m).section, Section::Deal, "from the levers");
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.mode, Mode::Normal);
    m.focus = dealbench::tui::model::Panel::Api;
    key(&mut m, KeyCode::Char('a'));
    assert_eq!(form(&m).section, Section::Workloads);
    key(&mut m, KeyCode::Esc);
    m.focus = dealbench::tui::model::Panel::Funnel;
    key(&mut m, KeyCode::Char('a'));
    assert_eq!(form(&m).section, Section::Regions);
}

#[test]
fn undo_and_redo_work_inside_the_editor_and_refill_the_form() {
    let mut m = open(DEMO);
    editor(&mut m, Section::Regions);
    ctrl(&mut m, 'n');
    assert_eq!(m.scenario.regions.len(), 4);
    ctrl(&mut m, 'z');
    assert_eq!(m.scenario.regions.len(), 3, "the added region is undone");
    assert_eq!(form(&m).row, 2, "the form shows a region that exists");
    assert_eq!(form(&m).texts[0], "jp");
    ctrl(&mut m, 'r');
    assert_eq!(m.scenario.regions.len(), 4, "and redone");
    assert!(matches!(m.mode, Mode::Author(_)), "still in the editor");
}
