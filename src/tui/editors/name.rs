//! Naming an offer: a new counter-offer's name, or a rename. Enter on an
//! empty line takes the suggestion; a name is never empty, holds no control
//! characters and is no other offer's.

use crate::tui::form::{Field, Rule};
use crate::tui::model::{Model, NameFor};

/// What a name's field takes.
pub const RULE: Rule = Rule::text(200);

/// The name prompt's title.
pub fn title(purpose: &NameFor) -> &'static str {
    match purpose {
        NameFor::NewOffer { .. } => "Name the new counter-offer",
        NameFor::Rename => "Rename the offer",
    }
}

/// The name as a field: the typed name, or `suggestion` on an empty line,
/// checked against the other offers.
pub fn field<'a>(m: &'a Model, suggestion: &'a str) -> Field<'a, String> {
    let hint = format!(
        "Enter on an empty line takes '{}' · Esc cancels",
        crate::diag::sanitize(suggestion)
    );
    Field::new("Name", hint, move |name: &mut String, typed: &str| {
        let chosen = if typed.trim().is_empty() {
            suggestion.to_string()
        } else {
            typed.trim().to_string()
        };
        check(m, &chosen)?;
        *name = chosen;
        Ok(())
    })
}

/// Check a name for the offer on the table.
pub fn check(m: &Model, name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("a name cannot be empty".into());
    }
    if name.chars().any(char::is_control) {
        return Err("a name cannot hold control characters".into());
    }
    let taken = m
        .scenario
        .offers
        .iter()
        .enumerate()
        .any(|(i, o)| i != m.table && o.name == name);
    if taken {
        return Err(format!("'{name}' is already an offer's name"));
    }
    Ok(())
}
