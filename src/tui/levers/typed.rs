//! Typing a lever's exact value (the lever editor's field, see
//! `editors::lever`): a number with thousands separators and a currency or
//! percent sign, `none` for a cap, a choice's name, on/off. A value the
//! lever cannot hold exactly is refused with the reason, never cut to fit.

use rust_decimal::Decimal;

use super::edit::{months, set_billing};
use super::ramp::{MAX_MONTH, MAX_SEATS, set_step_seats};
use super::{Ctx, Lever, plan};
use crate::money::{format_count, parse_typed, plain};
use crate::scenario::offers::{MAX_COMMIT, MAX_PRICE};
use crate::scenario::{Billing, Offer, OfferSpec, SeatPlan, TrueUp};

impl Lever {
    /// Set the lever from typed text: a number (thousands separators and a
    /// currency or percent sign allowed), `none` for a cap, a choice's name,
    /// on/off.
    pub fn set_text(
        self,
        spec: &mut OfferSpec,
        o: &Offer,
        c: Ctx<'_>,
        text: &str,
    ) -> Result<(), String> {
        let t = text.trim().to_lowercase();
        let label = self.label(c.scenario).trim().to_string();
        let number = |max: i64| -> Result<Decimal, String> {
            let v = parse_typed(&t, &c.scenario.deal.currency)
                .map_err(|why| format!("{label}: {why}"))?;
            if v > Decimal::from(max) {
                return Err(format!(
                    "expected at most {} for {label}, found {}",
                    format_count(max),
                    plain(v)
                ));
            }
            Ok(v)
        };
        let cap = |max: i64| {
            if t == "none" || t.is_empty() {
                Ok(None)
            } else {
                number(max).map(Some)
            }
        };
        let flag = || match t.as_str() {
            "on" | "true" | "yes" | "1" => Ok(true),
            "off" | "false" | "no" | "0" => Ok(false),
            _ => Err(format!("expected on or off for {label}, found '{text}'")),
        };
        // Seats and months are whole: 1.5 is a slip to point out, not to cut.
        let whole = |max: i64| -> Result<u64, String> {
            let v = number(max)?;
            if v.fract().is_zero() {
                u64::try_from(v).map_err(|_| format!("expected a whole number for {label}"))
            } else {
                Err(format!(
                    "expected a whole number for {label}, found '{}'",
                    plain(v)
                ))
            }
        };
        match self {
            Lever::Seats => spec.seats = Some(SeatPlan::Fixed(whole(MAX_SEATS as i64)?)),
            Lever::RampStep(i) => {
                let n = whole(MAX_SEATS as i64)?;
                set_step_seats(spec, o, i, |_| n);
            }
            // Prices and commits are taken as typed: the engine is exact.
            Lever::SeatPrice => spec.seat_price = Some(number(MAX_PRICE)?),
            Lever::TeamSeats => spec.team_seats = Some(whole(MAX_SEATS as i64)?),
            Lever::TeamPrice => spec.team_price = Some(number(MAX_PRICE)?),
            Lever::Term => {
                spec.term_months = Some(months(Decimal::from(whole(i64::from(MAX_MONTH))?)).max(1))
            }
            Lever::Uplift => spec.uplift_pct = Some(number(100)?),
            Lever::UpliftCap => spec.uplift_cap_pct = cap(100)?,
            Lever::RenewalCap => spec.renewal_cap_pct = cap(100)?,
            Lever::TrueUpCap => spec.true_up_cap_pct = cap(1000)?,
            Lever::TrueUpRate => spec.true_up_rate_pct = Some(number(1000)?),
            Lever::ApiCommit => spec.api_commit = Some(number(MAX_COMMIT)?),
            Lever::ApiDiscount => spec.api_discount_pct = Some(number(100)?),
            Lever::Ratchet => spec.true_up_ratchet = Some(flag()?),
            Lever::Downsize => spec.downsize_at_anniversary = Some(flag()?),
            Lever::TrueUp => {
                let want = t.replace([' ', '-'], "_");
                let mode = TrueUp::ALL.into_iter().find(|m| m.as_str() == want);
                spec.true_up = Some(mode.ok_or_else(|| {
                    format!("expected fixed, monthly, quarterly or annual_peak, found '{text}'")
                })?);
            }
            Lever::Billing => match t.as_str() {
                "annual" => set_billing(spec, o, Billing::Annual),
                "monthly" => set_billing(spec, o, Billing::Monthly),
                _ => return Err(format!("expected annual or monthly, found '{text}'")),
            },
            Lever::Tier => {
                let tiers = &c.scenario.pricebook.tiers;
                let found = tiers.iter().find(|(id, _)| *id == t);
                let ids: Vec<&str> = tiers.iter().map(|(id, _)| id.as_str()).collect();
                spec.tier = Some(found.map(|(id, _)| id.clone()).ok_or_else(|| {
                    format!("expected one of {}, found '{text}'", ids.join(", "))
                })?);
            }
            Lever::RouteShare(i) => {
                let want = number(100)? / Decimal::ONE_HUNDRED;
                let now = plan::share_of(o, c, i);
                plan::shift_share(spec, o, c, i, want - now);
            }
            Lever::CacheHit => {
                let v = number(100)? / Decimal::ONE_HUNDRED;
                plan::edit(spec, o, c, |p, _| p.cache_hit = Some(v));
            }
            Lever::Batch => {
                let v = number(100)? / Decimal::ONE_HUNDRED;
                plan::edit(spec, o, c, |p, _| p.batch = Some(v));
            }
            Lever::Cache1h => {
                let v = number(100)? / Decimal::ONE_HUNDRED;
                plan::edit_shares(spec, o, c, |p, _| p.cache_1h = Some(v));
            }
            Lever::LongContext => {
                let v = number(100)? / Decimal::ONE_HUNDRED;
                plan::edit_shares(spec, o, c, |p, _| p.long_context = Some(v));
            }
            Lever::PlanFor | Lever::Terms => {
                return Err(format!("{label} is chosen with ←/→ or Enter, not typed"));
            }
        }
        Ok(())
    }
}
