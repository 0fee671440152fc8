//! Regions as a negotiator argues them (SPEC.md §6): one consolidated
//! agreement against each region signing alone when the price book carries
//! volume tiers, and a region's own quote checked against the central rate
//! converted at the scenario's rate.
//!
//! [`consolidation`] gives, per region ([`AloneRow`]), its seats, the volume
//! discount and price it would get signing alone, its yearly cost alone,
//! its share of the one agreement and what it saves by joining; and the
//! same in total ([`Consolidation`]). Every figure is at the tier's list
//! price, a year of twelve months, in the deal currency.
//!
//! Volume tiers never change the §3 totals: they feed this comparison only.

use rust_decimal::Decimal;

use super::demand::Demand;
use super::seats::usage_sized;
use crate::money::{Exact, Overflow, pct, round_cents};
use crate::pricebook::Tier;
use crate::scenario::{Offer, Scenario};

/// One region in the consolidation comparison: what it would pay a year
/// signing alone, against its share of one consolidated agreement, in the
/// deal currency at the tier's list price (not any offer's quoted price).
#[derive(Debug, Clone, PartialEq)]
pub struct AloneRow {
    /// The region's id, as in the file.
    pub region: String,
    /// The seats the region would commit: its usage-sized commit,
    /// ⌈peak planned demand × (1 + buffer)⌉, the peak taken over the
    /// horizon (go-live and ramps included).
    pub seats: u64,
    /// The volume discount (%) the region's own seats reach, signing alone.
    pub alone_discount_pct: Decimal,
    /// Its price per seat-month signing alone: list × (1 − discount),
    /// rounded to cents.
    pub alone_price: Decimal,
    /// Its yearly cost signing alone: seats × alone price × 12.
    pub alone_per_year: Decimal,
    /// Its share of the one agreement: its seats × the consolidated price
    /// ([`Consolidation::price`]) × 12.
    pub consolidated_per_year: Decimal,
    /// What the region saves a year by joining the one agreement:
    /// `alone_per_year − consolidated_per_year`.
    pub saving_per_year: Decimal,
}

/// Every region alone against one consolidated agreement on one tier.
#[derive(Debug, Clone, PartialEq)]
pub struct Consolidation {
    /// The price-book tier compared (a tier some offer uses).
    pub tier: String,
    /// The tier's list price per seat-month, before volume discounts.
    pub list_price: Decimal,
    /// The one agreement's seats: the sum of the regions' seats.
    pub seats: u64,
    /// The volume discount (%) those seats reach together.
    pub discount_pct: Decimal,
    /// The consolidated price per seat-month, rounded to cents.
    pub price: Decimal,
    /// Each region, in file order.
    pub rows: Vec<AloneRow>,
    /// Σ the regions' yearly costs signing alone.
    pub alone_per_year: Decimal,
    /// The one agreement's yearly cost: seats × price × 12 (= Σ the
    /// regions' shares).
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
    let regions = region_seats(s, demand)?;
    let seats = regions.iter().try_fold(0u64, |a, (_, n)| {
        a.checked_add(*n).ok_or(Overflow("the consolidated seats"))
    })?;
    let discount_pct = volume_discount(tier, seats);
    let price = volume_price(tier, discount_pct)?;
    let rows = regions
        .into_iter()
        .map(|(region, n)| alone_row(tier, region, n, price))
        .collect::<Result<Vec<_>, _>>()?;
    let alone_per_year = rows
        .iter()
        .try_fold(Decimal::ZERO, |a, r| a.add_x(r.alone_per_year, "a total"))?;
    let consolidated_per_year = per_year(seats, price)?;
    Ok(Some(Consolidation {
        tier: tier_id.to_string(),
        list_price: tier.seat_price,
        seats,
        discount_pct,
        price,
        rows,
        saving_per_year: alone_per_year.sub_x(consolidated_per_year, "a saving")?,
        alone_per_year,
        consolidated_per_year,
    }))
}

/// Each region's id and usage-sized commit at its own peak planned demand.
fn region_seats(s: &Scenario, demand: &Demand) -> Result<Vec<(String, u64)>, Overflow> {
    s.regions
        .iter()
        .zip(&demand.per_region)
        .map(|(r, d)| {
            let peak = d.iter().copied().max().unwrap_or(0);
            Ok((r.id.clone(), usage_sized(peak, s.deal.buffer_pct)?))
        })
        .collect()
}

/// The tier's list price less `discount_pct`, rounded to cents.
fn volume_price(tier: &Tier, discount_pct: Decimal) -> Result<Decimal, Overflow> {
    Ok(round_cents(tier.seat_price.mul_x(
        Decimal::ONE - pct(discount_pct),
        "a volume price",
    )?))
}

/// `seats` at `price` a seat-month for twelve months.
fn per_year(seats: u64, price: Decimal) -> Result<Decimal, Overflow> {
    Decimal::from(seats)
        .mul_x(price, "a year's cost")?
        .mul_x(Decimal::from(12), "a year's cost")
}

/// One region signing alone against its share at the consolidated `price`.
fn alone_row(
    tier: &Tier,
    region: String,
    seats: u64,
    price: Decimal,
) -> Result<AloneRow, Overflow> {
    let alone_discount_pct = volume_discount(tier, seats);
    let alone_price = volume_price(tier, alone_discount_pct)?;
    let alone_per_year = per_year(seats, alone_price)?;
    let consolidated_per_year = per_year(seats, price)?;
    Ok(AloneRow {
        region,
        seats,
        alone_discount_pct,
        alone_price,
        alone_per_year,
        consolidated_per_year,
        saving_per_year: alone_per_year.sub_x(consolidated_per_year, "a saving")?,
    })
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
