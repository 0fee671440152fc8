//! The lever editor (Enter on a lever): one field, the lever's exact value,
//! set into the offer's own fields by
//! [`Lever::set_text`](crate::tui::levers::Lever::set_text).

use crate::scenario::OfferSpec;
use crate::tui::form::{Field, Rule};
use crate::tui::model::Model;

/// What the lever's field takes.
pub const RULE: Rule = Rule::text(200);

/// The lever under the cursor as a field: its label, what it is now, and
/// its text set into the offer on the table's own fields.
pub fn field(m: &Model) -> Field<'_, OfferSpec> {
    let lever = m.current_lever();
    let hint = format!(
        "now {} · Enter applies, Esc cancels",
        lever.display(m.offer(), m.ctx())
    );
    Field::new(
        lever.label(&m.scenario).trim(),
        hint,
        move |spec: &mut OfferSpec, text: &str| lever.set_text(spec, m.offer(), m.ctx(), text),
    )
}
