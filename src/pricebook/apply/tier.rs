//! A `[pricebook.tier.<id>]` table: a seat tier's list prices and its
//! volume discounts.

use rust_decimal::Decimal;

use crate::pricebook::{MAX_PRICE, PriceBook, Tier, VolumeTier};
use crate::reader::Fields;

/// The fields of a `[pricebook.tier.ID]` (docs/format.md#pricebook-tier).
pub const TIER: &[&str] = &[
    "name",
    "seat_price",
    "monthly_premium_pct",
    "min_seats",
    "illustrative",
    "volume",
];
const VOLUME: &[&str] = &["min_seats", "discount_pct"];

impl PriceBook {
    pub(super) fn apply_tier(&mut self, id: &str, f: &Fields<'_, '_>) -> Vec<&'static str> {
        let mut changed = Vec::new();
        let pos = match self.tiers.iter().position(|(t, _)| t == id) {
            Some(p) => p,
            None => {
                if !f.has("seat_price") {
                    f.missing("seat_price", "the list price per seat-month of a new tier");
                }
                self.tiers.push((
                    id.to_string(),
                    Tier {
                        name: None,
                        seat_price: Decimal::ZERO,
                        monthly_premium_pct: Decimal::ZERO,
                        min_seats: 0,
                        illustrative: false,
                        volume: Vec::new(),
                    },
                ));
                self.tiers.len() - 1
            }
        };
        let tier = &mut self.tiers[pos].1;
        if let Some(s) = f.string("name") {
            tier.name = Some(s.value);
        }
        if let Some(v) = f.decimal(
            "seat_price",
            Decimal::ZERO,
            Decimal::from(MAX_PRICE),
            "a price per seat-month",
        ) {
            tier.seat_price = v.value;
            tier.illustrative = false;
            changed.push("seat_price");
        }
        if let Some(v) = f.decimal(
            "monthly_premium_pct",
            Decimal::ZERO,
            Decimal::from(1000),
            "a number of percent",
        ) {
            tier.monthly_premium_pct = v.value;
            changed.push("monthly_premium_pct");
        }
        if let Some(v) = f.whole("min_seats", 0, 10_000_000, "seats") {
            tier.min_seats = v.value;
            changed.push("min_seats");
        }
        if let Some(v) = f.boolean("illustrative") {
            tier.illustrative = v.value;
        }
        if f.has("volume") {
            tier.volume = read_volume(f);
            changed.push("volume");
        }
        changed
    }
}

fn read_volume(f: &Fields<'_, '_>) -> Vec<VolumeTier> {
    let mut out: Vec<VolumeTier> = Vec::new();
    for (span, t) in f.tables("volume") {
        let vf = Fields::new(
            f.ctx(),
            t,
            &format!("{} volume tier", f.what()),
            VOLUME,
            span,
        );
        let min = vf.whole("min_seats", 0, 10_000_000, "seats");
        let disc = vf.decimal(
            "discount_pct",
            Decimal::ZERO,
            Decimal::ONE_HUNDRED,
            "a number of percent",
        );
        if !vf.has("min_seats") {
            vf.missing("min_seats", "the seat count the discount starts at");
        }
        if !vf.has("discount_pct") {
            vf.missing("discount_pct", "the discount off list in percent");
        }
        if let (Some(min), Some(disc)) = (min, disc) {
            if out.last().is_some_and(|p| p.min_seats >= min.value) {
                vf.error("min_seats", format!("volume tiers must rise in `min_seats`, found '{}' after a tier at or above it", min.value));
            }
            out.push(VolumeTier {
                min_seats: min.value,
                discount_pct: disc.value,
            });
        }
    }
    out
}
