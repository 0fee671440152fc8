//! The form's keys, one table: each binding with the words the footer
//! shows, and [`resolve`], the pure lookup from a key to a [`FormAction`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::FormAction;

/// A key of the form and what the footer calls it.
pub struct Binding {
    pub keys: &'static str,
    pub short: &'static str,
    pub action: FormAction,
}

const fn b(keys: &'static str, short: &'static str, action: FormAction) -> Binding {
    Binding {
        keys,
        short,
        action,
    }
}

/// Every binding besides typing, in footer order.
pub const BINDINGS: &[Binding] = &[
    b("Enter", "next", FormAction::Next),
    b("Shift+Tab", "back", FormAction::Prev),
    b("Ctrl+N", "add region", FormAction::AddRegion),
    b("Ctrl+D", "remove region", FormAction::RemoveRegion),
    b("Ctrl+S", "create", FormAction::Submit),
    b("Esc", "leave", FormAction::Cancel),
];

/// The action of `key`; printable characters type into the field.
pub fn resolve(key: KeyEvent) -> Option<FormAction> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let action = match key.code {
        KeyCode::Enter | KeyCode::Tab | KeyCode::Down => FormAction::Next,
        KeyCode::BackTab | KeyCode::Up => FormAction::Prev,
        KeyCode::Esc => FormAction::Cancel,
        KeyCode::Backspace => FormAction::Backspace,
        KeyCode::F(10) => FormAction::Submit,
        KeyCode::Char('n') if ctrl => FormAction::AddRegion,
        KeyCode::Char('d') if ctrl => FormAction::RemoveRegion,
        KeyCode::Char('s') if ctrl => FormAction::Submit,
        KeyCode::Char('u') if ctrl => FormAction::Clear,
        KeyCode::Char('c') if ctrl => FormAction::Cancel,
        KeyCode::Char(c) if !ctrl && !c.is_control() => FormAction::Type(c),
        _ => return None,
    };
    Some(action)
}

/// The footer's hints, from [`BINDINGS`].
pub fn footer() -> Vec<String> {
    BINDINGS
        .iter()
        .map(|b| format!("{} {}", b.keys, b.short))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binding_resolves_to_its_action() {
        for binding in BINDINGS {
            let key = match binding.keys {
                "Enter" => KeyEvent::from(KeyCode::Enter),
                "Shift+Tab" => KeyEvent::from(KeyCode::BackTab),
                "Esc" => KeyEvent::from(KeyCode::Esc),
                k => {
                    let c = k.trim_start_matches("Ctrl+").to_ascii_lowercase();
                    let c = c.chars().next().unwrap_or(' ');
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
                }
            };
            assert_eq!(resolve(key), Some(binding.action), "{}", binding.keys);
        }
    }
}
