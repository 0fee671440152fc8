//! `[deal]` and `[uncertainty]` as the TOML values a save writes, with the
//! value each key means when the table leaves it out; both are written
//! like a row ([`super::rows::update_row`]): only changed keys, in place.

use rust_decimal::Decimal;

use super::decimal;
use super::fields::text;
use super::regions::{date, terms};
use super::rows::RowFields;
use crate::scenario::model::{Deal, Uncertainty};

/// `[deal]`'s fields, in the order SPEC.md §1 writes them.
pub fn deal_fields(d: &Deal) -> RowFields {
    let values = vec![
        ("name", Some(text(&d.name))),
        ("vendor", d.vendor.as_deref().map(text)),
        ("currency", Some(text(&d.currency))),
        ("start", Some(date(d.start))),
        (
            "horizon_months",
            d.horizon_months.map(|h| decimal(Decimal::from(h))),
        ),
        ("buffer_pct", Some(decimal(d.buffer_pct))),
        ("renewal_uplift_pct", Some(decimal(d.renewal_uplift_pct))),
        ("requires", terms(&d.requires)),
        ("target_total", d.target_total.map(decimal)),
        ("walk_away_total", d.walk_away_total.map(decimal)),
    ];
    let defaults = vec![
        ("buffer_pct", Some(decimal(Decimal::from(15)))),
        ("renewal_uplift_pct", Some(decimal(Decimal::ZERO))),
    ];
    RowFields { values, defaults }
}

/// `[uncertainty]`'s fields (docs/risk.md), defaults from
/// [`Uncertainty::default`].
pub fn uncertainty_fields(u: &Uncertainty) -> RowFields {
    let list = |u: &Uncertainty| {
        vec![
            ("draws", Some(decimal(Decimal::from(u.draws)))),
            ("seed", Some(decimal(Decimal::from(u.seed)))),
            ("adoption_pct", Some(decimal(u.adoption_pct))),
            ("ramp_pct", Some(decimal(u.ramp_pct))),
            ("api_volume_pct", Some(decimal(u.api_volume_pct))),
            ("api_growth_pp", Some(decimal(u.api_growth_pp))),
        ]
    };
    RowFields {
        values: list(u),
        defaults: list(&Uncertainty::default()),
    }
}
