//! Call mode's quick form: the vendor's new numbers, six fields typed as
//! plain numbers. Each field is read exactly here; what the numbers must be
//! together (whole seats, a term of 1 to 600 months, percentages up to 100)
//! and the offer they make are `update::call`'s.

use rust_decimal::Decimal;

use crate::money::parse_typed;
use crate::tui::form::{Field, Rule};
use crate::tui::model::Model;

/// The form's fields, in order.
pub const FIELDS: [&str; 6] = [
    "Seats",
    "Seat price",
    "Term (months)",
    "Uplift %",
    "API commit / yr",
    "API discount %",
];

/// What each field takes: digits and the decimal and thousands marks.
pub const RULE: Rule = Rule::number(16);

/// The numbers as typed, in field order.
pub type Numbers = [Decimal; 6];

/// The form's fields: each reads its number into its place.
pub fn fields(m: &Model) -> Vec<Field<'_, Numbers>> {
    FIELDS
        .iter()
        .enumerate()
        .map(|(i, label)| {
            Field::new(*label, "", move |v: &mut Numbers, text: &str| {
                v[i] = parse_typed(text, &m.scenario.deal.currency)
                    .map_err(|why| format!("{label}: {why}"))?;
                Ok(())
            })
        })
        .collect()
}
