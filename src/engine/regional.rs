//! Regions as a negotiator argues them (SPEC.md §6): one consolidated
//! agreement against each region signing alone when the price book carries
//! volume tiers, and a region's own quote checked against the central rate
//! converted at the scenario's rate.
//!
//! Volume tiers never change the §3 totals: they feed this comparison only.

use rust_decimal::Decimal;

use super::demand::Demand;
use super::seats::usage_sized;
use crate::money::{Exact, Overflow, pct, round_cents};
use crate::pricebook::Tier;
use crate::scenario::{Offer, Scenario};

/// One region in the consolidation comparison, per year, in the deal
/// currency.
#[derive(Debug, Clone, PartialEq)]
pub struct AloneRow {
    pub region: String,
    /// The region's usage-sized commit at its peak planned demand.
    pub seats: u64,
    /// The volume discount the region would get on its own.
    pub alone_discount_pct: Decimal,
    pub alone_price: Decimal,
    pub alone_per_year: Decimal,
    /// Its seats at the consolidated price.
    pub consolidated_per_year: Decimal,
}

/// Every region alone against one consolidated agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Consolidation {
    pub tier: String,
    pub list_price: Decimal,
    pub seats: u64,
    pub discount_pct: Decimal,
    pub price: Decimal,
    pub rows: Vec<AloneRow>,
    pub alone_per_year: Decimal,
    pub consolidated_per_year: Decimal,
    /// What one agreement saves a year against regions signing alone.
    pub saving_per_year: Decimal,
}

/// A region's own quote against the central rate.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteCheck {
    pub region: String,
    pub currency: String,
    /// The region's quote per seat-month, in its currency.
    pub quoted: Decimal,
    /// The offer's year-1 seat price converted at the scenario's rate.
    pub central: Decimal,
    /// quoted − central, in the region's currency.
    pub difference: Decimal,
    /// The difference as % of the central rate, two decimals.
    pub difference_pct: Decimal,
}

/// The discount a tier's volume steps give `seats`.
pub fn volume_discount(tier: &Tier, seats: u64) -> Decimal {
    tier.volume
        .iter()
        .filter(|v| seats >= v.min_seats)
        .map(|v| v.discount_pct)
        .next_back()
        .unwrap_or(Decimal::ZERO)
}

/// The consolidation comparison for `tier`, or None when it has no volume
/// tiers.
pub fn consolidation(
    s: &Scenario,
    tier_id: &str,
    demand: &Demand,
) -> Result<Option<Consolidation>, Overflow> {
    let Some(tier) = s.pricebook.tier(tier_id).filter(|t| !t.volume.is_empty()) else {
        return Ok(None);
    };
    let list = tier.seat_price;
    let price_at = |discount: Decimal| -> Result<Decimal, Overflow> {
        Ok(round_cents(
            list.mul_x(Decimal::ONE - pct(discount), "a volume price")?,
        ))
    };
    let mut regions: Vec<(String, u64)> = Vec::new();
    for (r, d) in s.regions.iter().zip(&demand.per_region) {
        let peak = d.iter().copied().max().unwrap_or(0);
        regions.push((r.id.clone(), usage_sized(peak, s.deal.buffer_pct)?));
    }
    let seats: u64 = regions.iter().map(|(_, n)| n).sum();
    let discount_pct = volume_discount(tier, seats);
    let price = price_at(discount_pct)?;
    let year = |n: u64, p: Decimal| {
        Decimal::from(n)
            .mul_x(p, "a year's cost")?
            .mul_x(Decimal::from(12), "a year's cost")
    };
    let mut rows = Vec::new();
    for (region, n) in regions {
        let alone_discount_pct = volume_discount(tier, n);
        let alone_price = price_at(alone_discount_pct)?;
        rows.push(AloneRow {
            alone_per_year: year(n, alone_price)?,
            consolidated_per_year: year(n, price)?,
            region,
            seats: n,
            alone_discount_pct,
            alone_price,
        });
    }
    let alone_per_year = rows
        .iter()
        .try_fold(Decimal::ZERO, |a, r| a.add_x(r.alone_per_year, "a total"))?;
    let consolidated_per_year = year(seats, price)?;
    Ok(Some(Consolidation {
        tier: tier_id.to_string(),
        list_price: list,
        seats,
        discount_pct,
        price,
        rows,
        saving_per_year: alone_per_year.sub_x(consolidated_per_year, "a saving")?,
        alone_per_year,
        consolidated_per_year,
    }))
}

/// Each `regional_price` of the offer against its year-1 seat price
/// converted at the scenario's rate.
pub fn quote_checks(
    s: &Scenario,
    o: &Offer,
    year1_price: Decimal,
) -> Result<Vec<QuoteCheck>, Overflow> {
    let mut out = Vec::new();
    for (id, quoted) in &o.regional_price {
        let Some(r) = s.regions.iter().find(|r| r.id == *id) else {
            continue;
        };
        let fx = s.fx_rate(&r.currency).unwrap_or(Decimal::ONE);
        let central = round_cents(year1_price.mul_x(fx, "a converted rate")?);
        let difference = quoted.sub_x(central, "a regional difference")?;
        out.push(QuoteCheck {
            region: id.clone(),
            currency: r.currency.clone(),
            quoted: *quoted,
            central,
            difference,
            difference_pct: super::percent_of(difference, central)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricebook::VolumeTier;

    #[test]
    fn the_highest_step_reached_applies() {
        let tier = Tier {
            name: None,
            seat_price: Decimal::from(60),
            monthly_premium_pct: Decimal::ZERO,
            min_seats: 20,
            illustrative: false,
            volume: vec![
                VolumeTier {
                    min_seats: 500,
                    discount_pct: Decimal::from(8),
                },
                VolumeTier {
                    min_seats: 1000,
                    discount_pct: Decimal::from(12),
                },
            ],
        };
        assert_eq!(volume_discount(&tier, 499), Decimal::ZERO);
        assert_eq!(volume_discount(&tier, 500), Decimal::from(8));
        assert_eq!(volume_discount(&tier, 5000), Decimal::from(12));
    }
}
