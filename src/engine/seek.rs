//! Goal seek (SPEC.md §6): the value of one lever at which an offer's total
//! comes as close as possible to a target without exceeding it.
//!
//! "The vendor's 1,000 seats cost the same as our 650 only at $39.00 a
//! seat" is [`solve`] on the vendor's offer, the [`Lever::SeatPrice`] lever
//! and [`Target::Match`] our offer. Levers move on an integer grid — prices
//! and commits in cents, seats whole, percentages in hundredths — between 0
//! and the largest value a scenario file may hold.
//!
//! The total rises with every lever but the API discount, where it falls
//! (see [`Lever::rises`]). The answer is the *largest* value whose total
//! stays within the target for a rising lever and the *smallest* for a
//! falling one: the most a negotiator can concede (price, seats, uplift,
//! commit) or the least they must win (discount) and still land on target.
//! Where the total is flat — an API commit below the use it covers, an
//! uplift above its cap — the answer is the end of the flat stretch that
//! concedes the most, and [`SeekResult::same_total`] gives the whole stretch.
//!
//! The search is bisection, so a seek prices the offer a few dozen times
//! (with the scenario's demand and API growth computed once). Bisection needs
//! a total that only moves one way; it does for price, uplift, commit and
//! discount. For seats it does as long as a true-up seat costs no more than a
//! committed one; with a dearer true-up rate, committing more seats below
//! demand is *cheaper*, so the total first falls and then rises. The seat
//! lever therefore also prices the seat counts where a month's demand meets
//! the commit (where that slope changes) and bisects from the largest of
//! them that meets the target.

use rust_decimal::Decimal;

use super::Shared;
use super::pricer::price_offer;
use crate::money::{Overflow, format_count, format_money, two_places};
use crate::scenario::{Billing, Offer, OfferSpec, RampStep, Scenario, SeatPlan, offers};

mod probe;

use probe::Probe;

/// A lever goal seek can move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lever {
    /// `seat_price`, in cents.
    SeatPrice,
    /// `seats`, whole; on a `seat_ramp` the value is the final step and
    /// every step moves by the same number of seats (see [`shift_ramp`]).
    Seats,
    /// `uplift_pct`, in hundredths of a percent.
    Uplift,
    /// `api_commit` per contract year, in cents.
    ApiCommit,
    /// `api_discount_pct`, in hundredths of a percent.
    ApiDiscount,
}

impl Lever {
    pub const ALL: [Lever; 5] = [
        Lever::SeatPrice,
        Lever::Seats,
        Lever::Uplift,
        Lever::ApiCommit,
        Lever::ApiDiscount,
    ];

    /// The name on the command line (`--lever seat-price`).
    pub fn name(self) -> &'static str {
        match self {
            Lever::SeatPrice => "seat-price",
            Lever::Seats => "seats",
            Lever::Uplift => "uplift",
            Lever::ApiCommit => "api-commit",
            Lever::ApiDiscount => "api-discount",
        }
    }

    /// The scenario file key the lever writes.
    pub fn key(self) -> &'static str {
        match self {
            Lever::SeatPrice => "seat_price",
            Lever::Seats => "seats",
            Lever::Uplift => "uplift_pct",
            Lever::ApiCommit => "api_commit",
            Lever::ApiDiscount => "api_discount_pct",
        }
    }

    /// The lever in words.
    pub fn label(self) -> &'static str {
        match self {
            Lever::SeatPrice => "seat price",
            Lever::Seats => "seat count",
            Lever::Uplift => "uplift",
            Lever::ApiCommit => "API commit",
            Lever::ApiDiscount => "API discount",
        }
    }

    /// A lever from its command-line name or its file key (`seat-price`,
    /// `seat_price`, `uplift`, `uplift_pct`, …), ignoring case.
    pub fn parse(text: &str) -> Option<Lever> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-");
        Lever::ALL
            .into_iter()
            .find(|l| l.name() == t || l.key().replace('_', "-") == t)
    }

    /// True when the offer's total rises (or stays) as the lever goes up;
    /// only the API discount lowers it.
    pub fn rises(self) -> bool {
        self != Lever::ApiDiscount
    }

    /// Decimal places of the grid: cents and hundredths, or whole seats.
    fn scale(self) -> u32 {
        if self == Lever::Seats { 0 } else { 2 }
    }

    /// The top of the grid, in grid units: the file's own limits.
    fn max_units(self) -> i64 {
        match self {
            Lever::SeatPrice => 1_000_000 * 100,
            Lever::Seats => crate::scenario::limits::MAX_COUNT as i64,
            Lever::Uplift | Lever::ApiDiscount => 100 * 100,
            Lever::ApiCommit => 1_000_000_000_000 * 100,
        }
    }

    /// The lever's range: 0 to the largest value a scenario file may hold.
    pub fn range(self) -> (Decimal, Decimal) {
        (
            Decimal::new(0, self.scale()),
            Decimal::new(self.max_units(), self.scale()),
        )
    }

    /// The lever's value on an offer (a ramp's final step for seats; None
    /// when the offer commits no seats).
    pub fn value(self, o: &Offer) -> Option<Decimal> {
        match self {
            Lever::SeatPrice => Some(o.seat_price),
            Lever::Seats => match &o.seats {
                Some(SeatPlan::Fixed(n)) => Some(Decimal::from(*n)),
                Some(SeatPlan::Ramp(steps)) => steps.last().map(|s| Decimal::from(s.seats)),
                None => None,
            },
            Lever::Uplift => Some(o.uplift_pct),
            Lever::ApiCommit => Some(o.api_commit),
            Lever::ApiDiscount => Some(o.api_discount_pct),
        }
    }

    /// A value as a negotiator reads it, without currency: `39.00`, `650`,
    /// `3.50 %`.
    pub fn format(self, v: Decimal) -> String {
        match self {
            Lever::SeatPrice | Lever::ApiCommit => format_money(v),
            Lever::Seats => format_count(i128::try_from(v.trunc()).unwrap_or(0)),
            Lever::Uplift | Lever::ApiDiscount => format!("{} %", two_places(v)),
        }
    }

    /// A value with its unit: `39.00 a seat`, `650 seats`, `3.00 %`,
    /// `300,000.00 a year`.
    pub fn format_with_unit(self, v: Decimal) -> String {
        let n = self.format(v);
        match self {
            Lever::SeatPrice => format!("{n} a seat"),
            Lever::Seats => format!("{n} seats"),
            Lever::ApiCommit => format!("{n} a year"),
            Lever::Uplift | Lever::ApiDiscount => n,
        }
    }

    /// Write this lever of `moved` (an offer with the lever set) into the
    /// file's `spec` of that offer.
    pub fn copy(self, moved: &Offer, spec: &mut OfferSpec) {
        match self {
            Lever::SeatPrice => spec.seat_price = Some(moved.seat_price),
            Lever::Seats => spec.seats = moved.seats.clone(),
            Lever::Uplift => spec.uplift_pct = Some(moved.uplift_pct),
            Lever::ApiCommit => spec.api_commit = Some(moved.api_commit),
            Lever::ApiDiscount => spec.api_discount_pct = Some(moved.api_discount_pct),
        }
    }

    /// The offer with the lever set to `v`.
    pub fn set(self, o: &Offer, v: Decimal) -> Offer {
        let mut out = o.clone();
        match self {
            Lever::SeatPrice => {
                out.seat_price = v;
                out.seat_price_is_list = false;
            }
            Lever::Seats => out.seats = o.seats.as_ref().map(|p| seats_at(p, v)),
            Lever::Uplift => out.uplift_pct = v,
            Lever::ApiCommit => out.api_commit = v,
            Lever::ApiDiscount => out.api_discount_pct = v,
        }
        out
    }
}

/// The plan with its final commit at `v` seats.
fn seats_at(plan: &SeatPlan, v: Decimal) -> SeatPlan {
    let n = u64::try_from(v.trunc()).unwrap_or(0);
    match plan {
        SeatPlan::Fixed(_) => SeatPlan::Fixed(n),
        SeatPlan::Ramp(steps) => SeatPlan::Ramp(shift_ramp(steps, n)),
    }
}

/// A seat ramp moved so that its final step commits `top` seats: every step
/// moves by the same number of seats (none below 0), so the ramp keeps its
/// months and its increments — the shape the buyer negotiated — and only
/// its level changes.
pub fn shift_ramp(steps: &[RampStep], top: u64) -> Vec<RampStep> {
    let last = steps.last().map_or(0, |s| i128::from(s.seats));
    let delta = i128::from(top) - last;
    steps
        .iter()
        .map(|s| RampStep {
            month: s.month,
            seats: u64::try_from((i128::from(s.seats) + delta).max(0)).unwrap_or(0),
        })
        .collect()
}

/// What the offer's total must come to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// An amount over the horizon, in the deal currency.
    Total(Decimal),
    /// The total of another offer (index in file order) as the file has it.
    Match(usize),
}

/// The answer to a seek.
#[derive(Debug, Clone, PartialEq)]
pub struct SeekResult {
    /// Index of the moved offer (file order) and its name.
    pub offer: usize,
    pub offer_name: String,
    pub lever: Lever,
    /// The total aimed at, and the offer it came from for `--match`.
    pub target: Decimal,
    pub target_offer: Option<String>,
    /// The lever's value at the answer (on the lever's grid).
    pub value: Decimal,
    /// The offer's total with the lever at `value`: ≤ `target`.
    pub total: Decimal,
    /// The lever's value and the total as the file has them.
    pub current_value: Decimal,
    pub current_total: Decimal,
    /// Every lever value from `.0` to `.1` gives the same `total`; `value`
    /// is the end that concedes the most.
    pub same_total: (Decimal, Decimal),
    /// The offer with the lever at `value`, ready to price or show.
    pub moved: Offer,
}

impl SeekResult {
    /// Write the answer into the offer's own fields (what the workbench does
    /// when the negotiator accepts it): one field, or the whole shifted ramp.
    pub fn apply(&self, spec: &mut OfferSpec) {
        self.lever.copy(&self.moved, spec);
    }
}

/// Why a seek has no answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeekError {
    #[error("the scenario has no offer number {0}")]
    UnknownOffer(usize),
    #[error("the {} of '{offer}' cannot be sought: {reason}", lever.label())]
    NotApplicable {
        offer: String,
        lever: Lever,
        reason: String,
    },
    #[error("{}", no_solution_message(.0))]
    NoSolution(Box<NoSolution>),
    #[error(transparent)]
    Overflow(#[from] Overflow),
}

/// The closest a lever gets when nothing meets the target.
#[derive(Debug, Clone, PartialEq)]
pub struct NoSolution {
    pub offer: String,
    pub lever: Lever,
    pub target: Decimal,
    /// The lowest total the lever reaches, and the value that reaches it.
    pub lowest_total: Decimal,
    pub lowest_at: Decimal,
    /// Why the lever cannot do more, when a clause explains it.
    pub reason: Option<String>,
}

fn no_solution_message(n: &NoSolution) -> String {
    let top = n.lever.range().1;
    format!(
        "no {} up to {} brings '{}' to {} or less: the lowest total it reaches is {} (at {}){}",
        n.lever.label(),
        n.lever.format_with_unit(top),
        n.offer,
        format_money(n.target),
        format_money(n.lowest_total),
        n.lever.format_with_unit(n.lowest_at),
        n.reason
            .as_deref()
            .map(|r| format!("; {r}"))
            .unwrap_or_default()
    )
}

/// Seek the value of `lever` on offer `offer` (file order) at which its
/// total comes closest to `target` without exceeding it.
pub fn solve(
    s: &Scenario,
    offer: usize,
    lever: Lever,
    target: Target,
) -> Result<SeekResult, SeekError> {
    let shared = Shared::of(s)?;
    let base = resolve_index(s, offer)?;
    let current_value = applicable(&base, lever)?;
    let (target_total, target_offer) = match target {
        Target::Total(t) => (t, None),
        Target::Match(i) => {
            let other = resolve_index(s, i)?;
            (price_offer(s, &other, &shared)?.total, Some(other.name))
        }
    };
    let mut probe = Probe::new(s, &shared, &base, lever);
    let Some(found) = probe.search(target_total) else {
        let (lowest_total, lowest_at) = probe.lowest()?;
        return Err(SeekError::NoSolution(Box::new(NoSolution {
            offer: base.name.clone(),
            lever,
            target: target_total,
            lowest_total,
            lowest_at,
            reason: probe.stuck_reason(),
        })));
    };
    let moved = lever.set(&base, found.at);
    Ok(SeekResult {
        offer,
        offer_name: base.name.clone(),
        lever,
        target: target_total,
        target_offer,
        value: found.at,
        total: price_offer(s, &moved, &shared)?.total,
        current_value,
        current_total: price_offer(s, &base, &shared)?.total,
        same_total: found.same_total,
        moved,
    })
}

pub(crate) fn resolve_index(s: &Scenario, i: usize) -> Result<Offer, SeekError> {
    let spec = s.offers.get(i).ok_or(SeekError::UnknownOffer(i))?;
    offers::resolve(s, &spec.name).map_err(|_| SeekError::UnknownOffer(i))
}

/// The lever's current value, or why it cannot move on this offer.
pub(crate) fn applicable(o: &Offer, lever: Lever) -> Result<Decimal, SeekError> {
    let refuse = |reason: &str| SeekError::NotApplicable {
        offer: o.name.clone(),
        lever,
        reason: reason.to_string(),
    };
    if lever == Lever::Seats && o.billing == Billing::Monthly {
        return Err(refuse(
            "it bills monthly and commits no seats (each month bills the seats in use)",
        ));
    }
    lever.value(o).ok_or_else(|| refuse("it commits no seats"))
}
