//! The counter-offer levers: what each one reads from the offer on the table,
//! how it moves (fine and coarse steps fitted to the lever), the range its
//! slider spans, and how a typed value is parsed. A lever writes into the
//! offer's own fields ([`OfferSpec`]), so a moved lever on an inheriting offer
//! becomes one line in that offer when saved.
//!
//! To add a lever: add a variant to [`Lever`], list it in [`Lever::ALL`], and
//! give it a label, a key, a kind, steps and a range below.

use rust_decimal::Decimal;

use crate::money::{format_count, format_money, plain};
use crate::scenario::{Billing, Offer, OfferSpec, RampStep, SeatPlan, TrueUp};

/// A lever a negotiator moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lever {
    Seats,
    SeatPrice,
    Term,
    Uplift,
    UpliftCap,
    RenewalCap,
    TrueUp,
    Ratchet,
    TrueUpRate,
    TrueUpCap,
    Downsize,
    Billing,
    ApiCommit,
    ApiDiscount,
}

/// A lever's value as the slider and the figures show it.
#[derive(Debug, Clone, PartialEq)]
pub enum LeverValue {
    /// A number (seats, money, percent, months).
    Number(Decimal),
    /// An optional cap that is not set.
    NoCap,
    /// A choice among named options.
    Choice(&'static str),
    /// On or off.
    Flag(bool),
}

const MAX_SEATS: u64 = 10_000_000;

impl Lever {
    /// Every lever in cursor order; the first is the seat count.
    pub const ALL: [Lever; 14] = [
        Lever::Seats,
        Lever::SeatPrice,
        Lever::Term,
        Lever::Uplift,
        Lever::UpliftCap,
        Lever::RenewalCap,
        Lever::TrueUp,
        Lever::Ratchet,
        Lever::TrueUpRate,
        Lever::TrueUpCap,
        Lever::Downsize,
        Lever::Billing,
        Lever::ApiCommit,
        Lever::ApiDiscount,
    ];

    /// The name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Lever::Seats => "Seats",
            Lever::SeatPrice => "Seat price",
            Lever::Term => "Term",
            Lever::Uplift => "Uplift",
            Lever::UpliftCap => "Uplift cap",
            Lever::RenewalCap => "Renewal cap",
            Lever::TrueUp => "True-up",
            Lever::Ratchet => "Ratchet",
            Lever::TrueUpRate => "True-up rate",
            Lever::TrueUpCap => "True-up cap",
            Lever::Downsize => "Downsize right",
            Lever::Billing => "Billing",
            Lever::ApiCommit => "API commit",
            Lever::ApiDiscount => "API discount",
        }
    }

    /// The TOML key the lever writes.
    pub fn key(self) -> &'static str {
        match self {
            Lever::Seats => "seats",
            Lever::SeatPrice => "seat_price",
            Lever::Term => "term_months",
            Lever::Uplift => "uplift_pct",
            Lever::UpliftCap => "uplift_cap_pct",
            Lever::RenewalCap => "renewal_cap_pct",
            Lever::TrueUp => "true_up",
            Lever::Ratchet => "true_up_ratchet",
            Lever::TrueUpRate => "true_up_rate_pct",
            Lever::TrueUpCap => "true_up_cap_pct",
            Lever::Downsize => "downsize_at_anniversary",
            Lever::Billing => "billing",
            Lever::ApiCommit => "api_commit",
            Lever::ApiDiscount => "api_discount_pct",
        }
    }

    /// (fine, coarse) steps: one seat, a cent on the seat price, a percent, a
    /// month; Shift moves by the coarse step.
    pub fn steps(self) -> (Decimal, Decimal) {
        let d = |n: i64, scale: u32| Decimal::new(n, scale);
        match self {
            Lever::Seats => (d(1, 0), d(25, 0)),
            Lever::SeatPrice => (d(1, 2), d(1, 0)),
            Lever::Term => (d(1, 0), d(12, 0)),
            Lever::ApiCommit => (d(1000, 0), d(25000, 0)),
            Lever::TrueUpRate => (d(1, 0), d(10, 0)),
            _ => (d(1, 0), d(5, 0)),
        }
    }

    /// The lever's value on a resolved offer.
    pub fn value(self, o: &Offer) -> LeverValue {
        let num = LeverValue::Number;
        let cap = |c: Option<Decimal>| c.map_or(LeverValue::NoCap, LeverValue::Number);
        match self {
            Lever::Seats => num(Decimal::from(seats_of(o))),
            Lever::SeatPrice => num(o.seat_price),
            Lever::Term => num(Decimal::from(o.term_months)),
            Lever::Uplift => num(o.uplift_pct),
            Lever::UpliftCap => cap(o.uplift_cap_pct),
            Lever::RenewalCap => cap(o.renewal_cap_pct),
            Lever::TrueUp => LeverValue::Choice(o.true_up.as_str()),
            Lever::Ratchet => LeverValue::Flag(o.true_up_ratchet),
            Lever::TrueUpRate => num(o.true_up_rate_pct),
            Lever::TrueUpCap => cap(o.true_up_cap_pct),
            Lever::Downsize => LeverValue::Flag(o.downsize_at_anniversary),
            Lever::Billing => LeverValue::Choice(o.billing.as_str()),
            Lever::ApiCommit => num(o.api_commit),
            Lever::ApiDiscount => num(o.api_discount_pct),
        }
    }

    /// The value in figures, as a negotiator reads it.
    pub fn display(self, o: &Offer, currency: &str) -> String {
        match (self, self.value(o)) {
            (Lever::Seats, _) => match &o.seats {
                Some(SeatPlan::Ramp(steps)) => format!(
                    "ramp {}",
                    steps
                        .iter()
                        .map(|s| format_count(s.seats))
                        .collect::<Vec<_>>()
                        .join("→")
                ),
                Some(SeatPlan::Fixed(n)) => format_count(*n),
                None => "none (monthly)".into(),
            },
            (Lever::SeatPrice | Lever::ApiCommit, LeverValue::Number(v)) => {
                format!("{currency} {}", format_money(v))
            }
            (Lever::Term, LeverValue::Number(v)) => format!("{} months", plain(v)),
            (_, LeverValue::Number(v)) => format!("{} %", plain(v)),
            (_, LeverValue::NoCap) => "none".into(),
            (_, LeverValue::Choice(c)) => c.replace('_', " "),
            (_, LeverValue::Flag(b)) => if b { "on" } else { "off" }.into(),
        }
    }

    /// The slider's span for this lever: from 0 to a ceiling that leaves room
    /// around both the offer's and the reference's value.
    pub fn range(self, o: &Offer, reference: &Offer, headcount: u64) -> (Decimal, Decimal) {
        let hi = |a: Decimal, b: Decimal, floor: i64| {
            (a.max(b) * Decimal::from(2)).max(Decimal::from(floor))
        };
        let n = |l: Lever, x: &Offer| match l.value(x) {
            LeverValue::Number(v) => v,
            _ => Decimal::ZERO,
        };
        let (a, b) = (n(self, o), n(self, reference));
        let top = match self {
            Lever::Seats => a
                .max(b)
                .max(Decimal::from(headcount))
                .max(Decimal::from(20)),
            Lever::SeatPrice => hi(a, b, 10),
            Lever::Term => Decimal::from(60).max(a).max(b),
            Lever::ApiCommit => hi(a, b, 100_000),
            Lever::TrueUpRate => Decimal::from(200).max(a).max(b),
            Lever::ApiDiscount => Decimal::from(50).max(a).max(b),
            _ => Decimal::from(20).max(a).max(b),
        };
        (Decimal::ZERO, top)
    }

    /// Move the lever by `steps` (negative moves down); `coarse` for Shift.
    pub fn step(self, spec: &mut OfferSpec, o: &Offer, steps: i64, coarse: bool) {
        let (fine, big) = self.steps();
        let delta = if coarse { big } else { fine } * Decimal::from(steps);
        let up = steps > 0;
        match self {
            Lever::Seats => shift_seats(spec, o, delta),
            Lever::SeatPrice => spec.seat_price = Some(clamp(o.seat_price + delta, 1_000_000)),
            Lever::Term => spec.term_months = Some(months(Decimal::from(o.term_months) + delta)),
            Lever::Uplift => spec.uplift_pct = Some(clamp(o.uplift_pct + delta, 100)),
            Lever::UpliftCap => spec.uplift_cap_pct = step_cap(o.uplift_cap_pct, delta, 100),
            Lever::RenewalCap => spec.renewal_cap_pct = step_cap(o.renewal_cap_pct, delta, 100),
            Lever::TrueUpCap => spec.true_up_cap_pct = step_cap(o.true_up_cap_pct, delta, 1000),
            Lever::TrueUpRate => {
                spec.true_up_rate_pct = Some(clamp(o.true_up_rate_pct + delta, 1000))
            }
            Lever::ApiCommit => {
                spec.api_commit = Some(clamp(o.api_commit + delta, 1_000_000_000_000))
            }
            Lever::ApiDiscount => {
                spec.api_discount_pct = Some(clamp(o.api_discount_pct + delta, 100))
            }
            Lever::TrueUp => {
                let i = TrueUp::ALL
                    .iter()
                    .position(|t| *t == o.true_up)
                    .unwrap_or(0) as i64;
                let n = TrueUp::ALL.len() as i64;
                spec.true_up = Some(TrueUp::ALL[(i + steps.signum()).rem_euclid(n) as usize]);
            }
            Lever::Ratchet => spec.true_up_ratchet = Some(up),
            Lever::Downsize => spec.downsize_at_anniversary = Some(up),
            Lever::Billing => set_billing(
                spec,
                o,
                if up {
                    Billing::Monthly
                } else {
                    Billing::Annual
                },
            ),
        }
    }

    /// Set the lever from typed text: a number (thousands separators and a
    /// currency sign allowed), `none` for a cap, a choice's name, on/off.
    pub fn set_text(self, spec: &mut OfferSpec, o: &Offer, text: &str) -> Result<(), String> {
        let t = text.trim().to_lowercase();
        let number = || -> Result<Decimal, String> {
            let cleaned: String = t
                .chars()
                .filter(|c| !matches!(c, ',' | '$' | '%' | ' ' | '_'))
                .collect();
            cleaned
                .parse::<Decimal>()
                .ok()
                .filter(|d| !d.is_sign_negative())
                .ok_or_else(|| format!("expected a number for {}, found '{text}'", self.label()))
        };
        let cap = |max: i64| -> Result<Option<Decimal>, String> {
            if t == "none" || t.is_empty() {
                Ok(None)
            } else {
                within(number()?, max).map(Some)
            }
        };
        let flag = || match t.as_str() {
            "on" | "true" | "yes" | "1" => Ok(true),
            "off" | "false" | "no" | "0" => Ok(false),
            _ => Err(format!(
                "expected on or off for {}, found '{text}'",
                self.label()
            )),
        };
        match self {
            Lever::Seats => {
                let n = within(number()?, MAX_SEATS as i64)?;
                let n = u64::try_from(n.trunc()).unwrap_or(0);
                spec.seats = Some(SeatPlan::Fixed(n));
            }
            Lever::SeatPrice => spec.seat_price = Some(within(number()?, 1_000_000)?.round_dp(2)),
            Lever::Term => spec.term_months = Some(months(within(number()?, 600)?)),
            Lever::Uplift => spec.uplift_pct = Some(within(number()?, 100)?),
            Lever::UpliftCap => spec.uplift_cap_pct = cap(100)?,
            Lever::RenewalCap => spec.renewal_cap_pct = cap(100)?,
            Lever::TrueUpCap => spec.true_up_cap_pct = cap(1000)?,
            Lever::TrueUpRate => spec.true_up_rate_pct = Some(within(number()?, 1000)?),
            Lever::ApiCommit => {
                spec.api_commit = Some(within(number()?, 1_000_000_000_000)?.round_dp(2))
            }
            Lever::ApiDiscount => spec.api_discount_pct = Some(within(number()?, 100)?),
            Lever::TrueUp => {
                let want = t.replace([' ', '-'], "_");
                spec.true_up = Some(
                    TrueUp::ALL
                        .into_iter()
                        .find(|m| m.as_str() == want)
                        .ok_or_else(|| {
                            format!(
                                "expected fixed, monthly, quarterly or annual_peak, found '{text}'"
                            )
                        })?,
                );
            }
            Lever::Ratchet => spec.true_up_ratchet = Some(flag()?),
            Lever::Downsize => spec.downsize_at_anniversary = Some(flag()?),
            Lever::Billing => match t.as_str() {
                "annual" => set_billing(spec, o, Billing::Annual),
                "monthly" => set_billing(spec, o, Billing::Monthly),
                _ => return Err(format!("expected annual or monthly, found '{text}'")),
            },
        }
        Ok(())
    }
}

fn seats_of(o: &Offer) -> u64 {
    match &o.seats {
        Some(SeatPlan::Fixed(n)) => *n,
        Some(SeatPlan::Ramp(steps)) => steps.last().map_or(0, |s| s.seats),
        None => 0,
    }
}

/// Seats move by `delta`; on a ramp every step moves together, keeping its
/// shape (steps are edited one by one elsewhere).
fn shift_seats(spec: &mut OfferSpec, o: &Offer, delta: Decimal) {
    let add = |n: u64| -> u64 {
        let v = Decimal::from(n) + delta;
        u64::try_from(v.max(Decimal::ZERO))
            .unwrap_or(0)
            .min(MAX_SEATS)
    };
    spec.seats = Some(match &o.seats {
        Some(SeatPlan::Ramp(steps)) => SeatPlan::Ramp(
            steps
                .iter()
                .map(|s| RampStep {
                    month: s.month,
                    seats: add(s.seats),
                })
                .collect(),
        ),
        Some(SeatPlan::Fixed(n)) => SeatPlan::Fixed(add(*n)),
        None => SeatPlan::Fixed(add(0)),
    });
}

fn set_billing(spec: &mut OfferSpec, o: &Offer, to: Billing) {
    spec.billing = Some(to);
    if to == Billing::Annual && o.seats.is_none() {
        spec.seats = Some(SeatPlan::Fixed(0));
    }
}

fn clamp(v: Decimal, max: i64) -> Decimal {
    v.max(Decimal::ZERO).min(Decimal::from(max))
}

fn months(v: Decimal) -> u32 {
    u32::try_from(v.trunc()).unwrap_or(1).clamp(1, 600)
}

/// A cap steps below 0 into "no cap", and up from "no cap" to 0.
fn step_cap(cur: Option<Decimal>, delta: Decimal, max: i64) -> Option<Decimal> {
    match cur {
        None if delta > Decimal::ZERO => Some(Decimal::ZERO),
        None => None,
        Some(c) if c + delta < Decimal::ZERO => None,
        Some(c) => Some(clamp(c + delta, max)),
    }
}

fn within(v: Decimal, max: i64) -> Result<Decimal, String> {
    if v > Decimal::from(max) {
        Err(format!(
            "expected at most {}, found {}",
            format_count(max),
            plain(v)
        ))
    } else {
        Ok(v)
    }
}
