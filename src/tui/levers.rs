//! The counter-offer levers: which ones an offer has (ramp steps, API plan
//! rows per price-book model), what each reads from the offer on the table,
//! the range its slider spans, and how it is shown. Moving, typing and
//! resetting live in [`edit`], typing an exact value in [`typed`], the seat
//! ramp's steps in [`ramp`]; the API plan's routing in [`plan`].
//!
//! A lever writes into the offer's own fields ([`OfferSpec`]), so a moved
//! lever on an inheriting offer becomes one line in that offer when saved,
//! and `0` (reset) removes that line again.
//!
//! To add a lever: add a variant to [`Lever`], place it in [`Lever::list`],
//! and give it a label, a TOML key, a value, steps and a range below, then
//! its edits in [`edit`] and [`typed`].

pub mod edit;
pub mod plan;
pub mod ramp;
pub mod typed;

use rust_decimal::Decimal;

use crate::money::{format_count, format_money, plain};
use crate::scenario::{Offer, Scenario, SeatPlan, terms};

/// A lever a negotiator moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lever {
    Seats,
    /// One step of a seat ramp (index into the ramp).
    RampStep(usize),
    SeatPrice,
    Tier,
    TeamSeats,
    TeamPrice,
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
    /// Which API plan the rows below edit: every workload, or one.
    PlanFor,
    /// The share of one price-book model (index) in the chosen plan's route.
    RouteShare(usize),
    CacheHit,
    Batch,
    /// The chosen plan's share of cache writes with a one-hour lifetime.
    Cache1h,
    /// The chosen plan's share of volume in the 200k–1M window.
    LongContext,
    Terms,
}

/// A lever's value as the slider and the figures show it.
#[derive(Debug, Clone, PartialEq)]
pub enum LeverValue {
    /// A number (seats, money, percent, months, shares as percent).
    Number(Decimal),
    /// An optional cap that is not set.
    NoCap,
    /// A named choice, on/off, or text (no slider).
    Text(String),
}

/// What a lever needs to read an offer: the scenario and which API plan
/// (None: the offer-wide plan; Some(i): workload i's own plan) is chosen.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub scenario: &'a Scenario,
    pub plan: Option<usize>,
}

impl Lever {
    /// The levers of an offer, in cursor order; the first is the seat count.
    pub fn list(o: &Offer, s: &Scenario) -> Vec<Lever> {
        let mut out = vec![Lever::Seats];
        if let Some(SeatPlan::Ramp(steps)) = &o.seats {
            out.extend((0..steps.len()).map(Lever::RampStep));
        }
        out.extend([
            Lever::SeatPrice,
            Lever::Tier,
            Lever::TeamSeats,
            Lever::TeamPrice,
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
        ]);
        if !s.workloads.is_empty() {
            out.push(Lever::PlanFor);
            out.extend((0..s.pricebook.models.len()).map(Lever::RouteShare));
            out.extend([Lever::CacheHit, Lever::Batch]);
            if plan::uses_shares(s) {
                out.extend([Lever::Cache1h, Lever::LongContext]);
            }
        }
        out.push(Lever::Terms);
        out
    }

    /// The name on screen.
    pub fn label(self, s: &Scenario) -> String {
        let fixed = match self {
            Lever::Seats => "Seats",
            Lever::RampStep(_) => "",
            Lever::SeatPrice => "Seat price",
            Lever::Tier => "Tier",
            Lever::TeamSeats => "Team seats",
            Lever::TeamPrice => "Team price",
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
            Lever::PlanFor => "API plan for",
            Lever::RouteShare(_) => "",
            Lever::CacheHit => "  cache hit",
            Lever::Batch => "  batch share",
            Lever::Cache1h => "  1-hour cache",
            Lever::LongContext => "  long context",
            Lever::Terms => "Terms",
        };
        match self {
            Lever::RampStep(i) => format!("  step {}", i + 1),
            Lever::RouteShare(i) => format!(
                "  {}",
                s.pricebook.models.get(i).map_or("?", |(id, _)| id.as_str())
            ),
            _ => fixed.to_string(),
        }
    }

    /// The TOML key the lever writes.
    pub fn key(self) -> &'static str {
        match self {
            Lever::Seats => "seats",
            Lever::RampStep(_) => "seat_ramp",
            Lever::SeatPrice => "seat_price",
            Lever::Tier => "tier",
            Lever::TeamSeats => "team_seats",
            Lever::TeamPrice => "team_price",
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
            Lever::PlanFor
            | Lever::RouteShare(_)
            | Lever::CacheHit
            | Lever::Batch
            | Lever::Cache1h
            | Lever::LongContext => "api",
            Lever::Terms => "terms",
        }
    }

    /// (fine, coarse) steps: one seat, a cent on prices, a percent, a month,
    /// a percentage point of a share; Shift moves by the coarse step.
    pub fn steps(self) -> (Decimal, Decimal) {
        let d = |n: i64, scale: u32| Decimal::new(n, scale);
        match self {
            Lever::Seats | Lever::RampStep(_) | Lever::TeamSeats => (d(1, 0), d(25, 0)),
            Lever::SeatPrice | Lever::TeamPrice => (d(1, 2), d(1, 0)),
            Lever::Term => (d(1, 0), d(12, 0)),
            Lever::ApiCommit => (d(1000, 0), d(25000, 0)),
            Lever::TrueUpRate => (d(1, 0), d(10, 0)),
            Lever::RouteShare(_)
            | Lever::CacheHit
            | Lever::Batch
            | Lever::Cache1h
            | Lever::LongContext => (d(1, 2), d(5, 2)),
            _ => (d(1, 0), d(5, 0)),
        }
    }

    /// True for levers shown as a slider.
    pub fn is_slider(self) -> bool {
        !matches!(
            self,
            Lever::Tier
                | Lever::TrueUp
                | Lever::Ratchet
                | Lever::Downsize
                | Lever::Billing
                | Lever::PlanFor
                | Lever::Terms
        )
    }

    /// The lever's value on a resolved offer.
    pub fn value(self, o: &Offer, c: Ctx<'_>) -> LeverValue {
        let num = LeverValue::Number;
        let cap = |v: Option<Decimal>| v.map_or(LeverValue::NoCap, LeverValue::Number);
        let pct = |share: Decimal| num(share * Decimal::ONE_HUNDRED);
        match self {
            Lever::Seats => num(Decimal::from(seats_of(o))),
            Lever::RampStep(i) => num(Decimal::from(ramp_step(o, i).map_or(0, |s| s.1))),
            Lever::SeatPrice => num(o.seat_price),
            Lever::TeamSeats => num(Decimal::from(o.team_seats)),
            Lever::TeamPrice => num(o.team_price),
            Lever::Term => num(Decimal::from(o.term_months)),
            Lever::Uplift => num(o.uplift_pct),
            Lever::UpliftCap => cap(o.uplift_cap_pct),
            Lever::RenewalCap => cap(o.renewal_cap_pct),
            Lever::TrueUpRate => num(o.true_up_rate_pct),
            Lever::TrueUpCap => cap(o.true_up_cap_pct),
            Lever::ApiCommit => num(o.api_commit),
            Lever::ApiDiscount => num(o.api_discount_pct),
            Lever::RouteShare(i) => pct(plan::share_of(o, c, i)),
            Lever::CacheHit => pct(plan::parts(o, c).1),
            Lever::Batch => pct(plan::parts(o, c).2),
            Lever::Cache1h => pct(plan::shares(o, c).0),
            Lever::LongContext => pct(plan::shares(o, c).1),
            Lever::Tier => LeverValue::Text(o.tier.clone()),
            Lever::TrueUp => LeverValue::Text(o.true_up.as_str().replace('_', " ")),
            Lever::Ratchet => LeverValue::Text(on_off(o.true_up_ratchet)),
            Lever::Downsize => LeverValue::Text(on_off(o.downsize_at_anniversary)),
            Lever::Billing => LeverValue::Text(o.billing.as_str().into()),
            Lever::PlanFor => LeverValue::Text(plan::target_name(c)),
            Lever::Terms => LeverValue::Text(terms_summary(o, c.scenario)),
        }
    }

    /// The value in figures, as a negotiator reads it.
    pub fn display(self, o: &Offer, c: Ctx<'_>) -> String {
        let cur = &c.scenario.deal.currency;
        match (self, self.value(o, c)) {
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
            (Lever::RampStep(i), _) => ramp_step(o, i).map_or_else(String::new, |(m, n)| {
                format!("from m{m}: {}", format_count(n))
            }),
            (Lever::SeatPrice | Lever::TeamPrice | Lever::ApiCommit, LeverValue::Number(v)) => {
                format!("{cur} {}", format_money(v))
            }
            (Lever::TeamSeats, LeverValue::Number(v)) => {
                format_count(u64::try_from(v).unwrap_or(0))
            }
            (Lever::Term, LeverValue::Number(v)) => format!("{} months", plain(v)),
            (_, LeverValue::Number(v)) => format!("{} %", plain(v)),
            (_, LeverValue::NoCap) => "none".into(),
            (_, LeverValue::Text(t)) => t,
        }
    }

    /// The slider's span: from 0 to a ceiling with room around both the
    /// offer's and the reference's value.
    pub fn range(self, o: &Offer, reference: &Offer, c: Ctx<'_>) -> (Decimal, Decimal) {
        let n = |x: &Offer| match self.value(x, c) {
            LeverValue::Number(v) => v,
            _ => Decimal::ZERO,
        };
        let (a, b) = (n(o), n(reference));
        let twice = |floor: i64| (a.max(b) * Decimal::from(2)).max(Decimal::from(floor));
        let at_least = |floor: i64| Decimal::from(floor).max(a).max(b);
        let headcount: u64 = c.scenario.regions.iter().map(|r| r.headcount).sum();
        let top = match self {
            Lever::Seats | Lever::RampStep(_) | Lever::TeamSeats => a
                .max(b)
                .max(Decimal::from(headcount))
                .max(Decimal::from(20)),
            Lever::SeatPrice | Lever::TeamPrice => twice(10),
            Lever::Term => at_least(60),
            Lever::ApiCommit => twice(100_000),
            Lever::TrueUpRate => at_least(200),
            Lever::ApiDiscount => at_least(50),
            Lever::RouteShare(_)
            | Lever::CacheHit
            | Lever::Batch
            | Lever::Cache1h
            | Lever::LongContext => Decimal::ONE_HUNDRED,
            _ => at_least(20),
        };
        (Decimal::ZERO, top)
    }
}

fn on_off(b: bool) -> String {
    if b { "on" } else { "off" }.into()
}

/// Committed seats as one number: the count, or a ramp's last step.
pub fn seats_of(o: &Offer) -> u64 {
    match &o.seats {
        Some(SeatPlan::Fixed(n)) => *n,
        Some(SeatPlan::Ramp(steps)) => steps.last().map_or(0, |s| s.seats),
        None => 0,
    }
}

/// (month, seats) of ramp step `i`.
pub fn ramp_step(o: &Offer, i: usize) -> Option<(u32, u64)> {
    match &o.seats {
        Some(SeatPlan::Ramp(steps)) => steps.get(i).map(|s| (s.month, s.seats)),
        _ => None,
    }
}

fn terms_summary(o: &Offer, s: &Scenario) -> String {
    let missing = terms::missing(s, o).len();
    format!("{} listed, {missing} missing", o.terms.len())
}
