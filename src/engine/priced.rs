//! An offer priced to its totals alone ([`Priced`]): what the fast engine
//! and the reference engine both return for a variant of an offer, and what
//! goal seek, drivers and stress compare ([`super::pricer`]).

use rust_decimal::Decimal;

/// What an offer costs over the horizon, without the report's extras.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub seat_cost: Decimal,
    pub api_cost: Decimal,
    /// Seat cost + API cost: the figure every comparison uses.
    pub total: Decimal,
    pub billed_seat_months: u64,
    pub demand_seat_months: u64,
    pub idle_seat_months: u64,
    pub unserved_seat_months: u64,
}
