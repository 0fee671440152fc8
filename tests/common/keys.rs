//! Driving the workbench's `update` from keys, as the event loop does: a
//! key is resolved by the keymap, then applied. Shared by the transition
//! tests.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealbench::tui::action::{Action, Effect};
use dealbench::tui::keymap::resolve;
use dealbench::tui::levers::Lever;
use dealbench::tui::model::Model;
use dealbench::tui::update::update;
use rust_decimal::Decimal;

/// The scenario `text` opened as `deal.toml`.
pub fn open(text: &str) -> Model {
    Model::from_text(Some("deal.toml".into()), "deal.toml", text.to_string()).unwrap()
}

/// Press a key with modifiers; a key the mode does not bind does nothing.
pub fn press(m: &mut Model, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    match resolve(&m.mode, KeyEvent::new(code, mods)) {
        Some(a) => update(m, a),
        None => Vec::new(),
    }
}

/// Press a key.
pub fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    press(m, code, KeyModifiers::NONE)
}

/// Type `text` one character at a time.
pub fn typed(m: &mut Model, text: &str) {
    for c in text.chars() {
        key(m, KeyCode::Char(c));
    }
}

/// Press ↓ until `lever` is under the cursor.
pub fn to(m: &mut Model, lever: Lever) {
    for _ in 0..m.levers().len() {
        if m.current_lever() == lever {
            return;
        }
        key(m, KeyCode::Down);
    }
    panic!("{lever:?} is not a lever of this offer");
}

pub fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Save with `s` and acknowledge it as the loop would; the text written.
pub fn save(m: &mut Model) -> String {
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
    text
}
