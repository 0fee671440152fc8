//! Saving touches only what changed: for each edit a negotiator makes in the
//! workbench, the saved text differs from the file as opened in exactly the
//! lines that edit implies — comments, order, number style and every other
//! table stay byte for byte (`git diff` shows only the edited values).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealbench::scenario::load;
use dealbench::tui::action::{Action, Effect};
use dealbench::tui::keymap::resolve;
use dealbench::tui::levers::Lever;
use dealbench::tui::model::Model;
use dealbench::tui::update::update;

const DEMO: &str = include_str!("../assets/demo.toml");

fn open(text: &str) -> Model {
    Model::from_text(Some("deal.toml".into()), "deal.toml", text.to_string()).unwrap()
}

fn press(m: &mut Model, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    match resolve(&m.mode, KeyEvent::new(code, mods)) {
        Some(a) => update(m, a),
        None => Vec::new(),
    }
}

fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    press(m, code, KeyModifiers::NONE)
}

fn to(m: &mut Model, lever: Lever) {
    for _ in 0..m.levers().len() {
        if m.current_lever() == lever {
            return;
        }
        key(m, KeyCode::Down);
    }
    panic!("{lever:?} is not a lever of this offer");
}

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
    let effects = key(m, KeyCode::Char('s'));
    let Some(Effect::Save { text, .. }) = effects.into_iter().next() else {
        panic!("no save: {:?}", m.toast)
    };
    update(
        m,
        Action::Saved {
            result: Ok(text.clone()),
            path: None,
        },
    );
    load::parse_str("deal.toml", &text).unwrap();
    text
}

/// The line-level diff of two texts as `git diff` shows it (a longest
/// common subsequence): `-N text` for line N of `before` that went, `+N
/// text` for line N of `after` that came.
fn diff(before: &str, after: &str) -> Vec<String> {
    let a: Vec<&str> = before.split('\n').collect();
    let b: Vec<&str> = after.split('\n').collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(format!("-{} {}", i + 1, a[i]));
            i += 1;
        } else {
            out.push(format!("+{} {}", j + 1, b[j]));
            j += 1;
        }
    }
    out
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
