//! The annual API commit (SPEC.md §3): a contract year pays the commit (a
//! part-year its share) or the discounted use, whichever is more.

use rust_decimal::Decimal;

use crate::money::{Exact, Overflow, pct, round_cents};

/// What one contract year of API use costs under the commit.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiYear {
    /// The plan at list price.
    pub list: Decimal,
    /// What is paid: the commit or the discounted use, whichever is more.
    pub paid: Decimal,
    /// Commit paid beyond the discounted use.
    pub unused: Decimal,
}

/// The list cost less the commit's discount, in cents: what the use
/// itself costs under the commit (SPEC.md §3).
pub fn discounted_use(list: Decimal, discount_pct: Decimal) -> Result<Decimal, Overflow> {
    Ok(round_cents(list.mul_x(
        Decimal::ONE - pct(discount_pct),
        "discounted API use",
    )?))
}

/// The year's API bill from its list cost and month count (SPEC.md §3).
pub fn api_year(
    list: Decimal,
    months: u32,
    commit: Decimal,
    discount_pct: Decimal,
) -> Result<ApiYear, Overflow> {
    if commit <= Decimal::ZERO {
        return Ok(ApiYear {
            list,
            paid: list,
            unused: Decimal::ZERO,
        });
    }
    let commit_y = if months >= 12 {
        commit
    } else {
        round_cents(commit.mul_x(Decimal::from(months), "a part-year commit")? / Decimal::from(12))
    };
    let used = discounted_use(list, discount_pct)?;
    let paid = commit_y.max(used);
    Ok(ApiYear {
        list,
        paid,
        unused: paid - used,
    })
}
