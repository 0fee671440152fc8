//! What drove the difference between two offers (SPEC.md §6, Drivers).
//!
//! The walk starts at offer A and copies B's levers onto it one group at a
//! time, in the spec's nine-group order (seat count, seat price, term,
//! uplift and caps, true-up clauses, Team mix and tier, billing, API plan,
//! API commit and discount). Each intermediate is a resolved offer priced in
//! full, and each step's effect is the change in total it causes, so the
//! steps telescope: they sum exactly to total(B) − total(A). The order
//! matters (a lower price is worth more on more seats); it is the spec's, so
//! every waterfall reads the same way.
//!
//! Decisions the spec leaves open:
//! * `seats` and `seat_ramp` are one lever (a [`SeatPlan`]): copying the
//!   group copies whichever B has, dropping the other.
//! * When B bills monthly it commits no seats; A's commit stays through the
//!   seat-count step and leaves with the billing step, which is where the
//!   change of structure belongs. Coming from a monthly A, B's commit is
//!   copied at once but only bites when the billing step makes it annual.
//! * Prices are the resolved ones: an offer without `seat_price` or
//!   `team_price` carries its tier's list price, so a move from the
//!   Enterprise to the Team list shows in the seat price step.
//! * `terms` and `regional_price` move no money and are not walked.

use rust_decimal::Decimal;

use super::Evaluation;
use super::Shared;
use super::pricer::Pricer;
use crate::money::{Exact, Overflow, format_count, format_money, plain};
use crate::scenario::{ApiPlan, Offer, Scenario, SeatPlan};

/// A lever group of SPEC.md §6, in walking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    SeatCount,
    SeatPrice,
    Term,
    Uplift,
    TrueUp,
    TeamMix,
    Billing,
    ApiPlan,
    ApiCommit,
}

impl Group {
    /// Every group in the order the walk takes them.
    pub const ALL: [Group; 9] = [
        Group::SeatCount,
        Group::SeatPrice,
        Group::Term,
        Group::Uplift,
        Group::TrueUp,
        Group::TeamMix,
        Group::Billing,
        Group::ApiPlan,
        Group::ApiCommit,
    ];

    /// A stable identifier for JSON.
    pub fn key(self) -> &'static str {
        match self {
            Group::SeatCount => "seat_count",
            Group::SeatPrice => "seat_price",
            Group::Term => "term",
            Group::Uplift => "uplift",
            Group::TrueUp => "true_up",
            Group::TeamMix => "team_mix",
            Group::Billing => "billing",
            Group::ApiPlan => "api_plan",
            Group::ApiCommit => "api_commit",
        }
    }

    /// The group as a negotiator names it.
    pub fn label(self) -> &'static str {
        match self {
            Group::SeatCount => "Seat count",
            Group::SeatPrice => "Seat price",
            Group::Term => "Term",
            Group::Uplift => "Uplift and caps",
            Group::TrueUp => "True-up clauses",
            Group::TeamMix => "Team mix and tier",
            Group::Billing => "Billing",
            Group::ApiPlan => "API plan",
            Group::ApiCommit => "API commit and discount",
        }
    }

    /// Copy this group's levers from `b` onto `x`.
    fn copy(self, x: &mut Offer, b: &Offer) {
        match self {
            Group::SeatCount => {
                if b.seats.is_some() {
                    x.seats = b.seats.clone();
                }
            }
            Group::SeatPrice => {
                x.seat_price = b.seat_price;
                x.seat_price_is_list = b.seat_price_is_list;
            }
            Group::Term => x.term_months = b.term_months,
            Group::Uplift => {
                x.uplift_pct = b.uplift_pct;
                x.uplift_cap_pct = b.uplift_cap_pct;
                x.renewal_cap_pct = b.renewal_cap_pct;
            }
            Group::TrueUp => {
                x.true_up = b.true_up;
                x.true_up_ratchet = b.true_up_ratchet;
                x.true_up_rate_pct = b.true_up_rate_pct;
                x.true_up_cap_pct = b.true_up_cap_pct;
                x.downsize_at_anniversary = b.downsize_at_anniversary;
            }
            Group::TeamMix => {
                x.tier = b.tier.clone();
                x.team_seats = b.team_seats;
                x.team_price = b.team_price;
            }
            Group::Billing => {
                x.billing = b.billing;
                x.seats = b.seats.clone();
            }
            Group::ApiPlan => x.api = b.api.clone(),
            Group::ApiCommit => {
                x.api_commit = b.api_commit;
                x.api_discount_pct = b.api_discount_pct;
            }
        }
    }

    /// The group's levers on `o`, in figures (money without currency).
    pub fn describe(self, o: &Offer) -> String {
        match self {
            Group::SeatCount => describe_seats(o.seats.as_ref()),
            Group::SeatPrice => format_money(o.seat_price),
            Group::Term => format!("{} months", o.term_months),
            Group::Uplift => describe_uplift(o),
            Group::TrueUp => describe_true_up(o),
            Group::TeamMix if o.team_seats == 0 => o.tier.clone(),
            Group::TeamMix => format!(
                "{} + {} Team at {}",
                o.tier,
                format_count(o.team_seats),
                format_money(o.team_price)
            ),
            Group::Billing => o.billing.as_str().to_string(),
            Group::ApiPlan => describe_plan(&o.api),
            Group::ApiCommit => describe_commit(o),
        }
    }
}

/// One step of the walk.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub group: Group,
    /// False when A and B agree on every lever of the group.
    pub changed: bool,
    /// The group's levers before and after the step, in figures.
    pub from: String,
    pub to: String,
    /// The change in total this step causes.
    pub effect: Decimal,
    /// The running total after the step.
    pub total: Decimal,
}

/// The walk from A to B: `start` + Σ effects = `end`, exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Waterfall {
    pub from: String,
    pub to: String,
    /// total(A) and total(B).
    pub start: Decimal,
    pub end: Decimal,
    /// One step per group, all nine, in order.
    pub steps: Vec<Step>,
}

/// Attribute total(B) − total(A) to the nine lever groups.
pub fn attribute(s: &Scenario, a: &Offer, b: &Offer) -> Result<Waterfall, Overflow> {
    let shared = Shared::of(s)?;
    walk(&mut Pricer::new(s, &shared), a, b)
}

/// [`attribute`] with a pricer over the scenario already made (it keeps
/// the API cost of every plan it has seen, for the next walk).
pub fn walk(p: &mut Pricer<'_>, a: &Offer, b: &Offer) -> Result<Waterfall, Overflow> {
    let start = p.price(a)?.total;
    let mut x = a.clone();
    let mut total = start;
    let mut steps = Vec::with_capacity(Group::ALL.len());
    for group in Group::ALL {
        let mut next = x.clone();
        group.copy(&mut next, b);
        let changed = next != x;
        let next_total = if changed {
            p.price(&next)?.total
        } else {
            total
        };
        steps.push(Step {
            group,
            changed,
            from: group.describe(&x),
            to: group.describe(&next),
            effect: next_total.sub_x(total, "a driver's effect")?,
            total: next_total,
        });
        x = next;
        total = next_total;
    }
    Ok(Waterfall {
        from: a.name.clone(),
        to: b.name.clone(),
        start,
        end: total,
        steps,
    })
}

/// Every offer's walk from the reference offer, in file order (None for
/// the reference itself): what the report's drivers table shows.
pub fn against_reference(
    s: &Scenario,
    ev: &Evaluation,
) -> Result<Vec<Option<Waterfall>>, Overflow> {
    let shared = Shared::of(s)?;
    let mut p = Pricer::new(s, &shared);
    let Some(reference) = ev.outcomes.get(ev.reference) else {
        return Ok(Vec::new());
    };
    ev.outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (i != ev.reference)
                .then(|| walk(&mut p, &reference.offer, &o.offer))
                .transpose()
        })
        .collect()
}

fn describe_seats(plan: Option<&SeatPlan>) -> String {
    match plan {
        None => "no commit".into(),
        Some(SeatPlan::Fixed(n)) => format!("{} seats", format_count(*n)),
        Some(SeatPlan::Ramp(steps)) => {
            let parts: Vec<String> = steps
                .iter()
                .map(|s| format!("{} from month {}", format_count(s.seats), s.month))
                .collect();
            format!("ramp {}", parts.join(", "))
        }
    }
}

fn describe_uplift(o: &Offer) -> String {
    let cap =
        |c: Option<Decimal>| c.map_or("uncapped".to_string(), |c| format!("cap {} %", plain(c)));
    format!(
        "{} % ({}), renewal {}",
        plain(o.uplift_pct),
        cap(o.uplift_cap_pct),
        cap(o.renewal_cap_pct)
    )
}

fn describe_true_up(o: &Offer) -> String {
    let mut parts = vec![o.true_up.as_str().replace('_', " ")];
    if o.true_up_ratchet {
        parts.push("ratchet".into());
    }
    if o.true_up_rate_pct != Decimal::ONE_HUNDRED {
        parts.push(format!("at {} %", plain(o.true_up_rate_pct)));
    }
    if let Some(c) = o.true_up_cap_pct {
        parts.push(format!("cap {} %", plain(c)));
    }
    if o.downsize_at_anniversary {
        parts.push("downsize right".into());
    }
    parts.join(", ")
}

fn describe_commit(o: &Offer) -> String {
    let off = if o.api_discount_pct.is_zero() {
        String::new()
    } else {
        format!(", {} % off", plain(o.api_discount_pct))
    };
    if o.api_commit.is_zero() {
        format!("no commit{off}")
    } else {
        format!("{} a year{off}", format_money(o.api_commit))
    }
}

fn describe_plan(p: &ApiPlan) -> String {
    if *p == ApiPlan::default() {
        return "each workload as today".into();
    }
    let share = |x: Decimal| format!("{} %", plain(x * Decimal::ONE_HUNDRED));
    let mut parts = Vec::new();
    if let Some(route) = &p.all.route {
        let r: Vec<String> = route
            .iter()
            .map(|(m, x)| format!("{m} {}", share(*x)))
            .collect();
        parts.push(r.join(", "));
    }
    if let Some(h) = p.all.cache_hit {
        parts.push(format!("cache hit {}", share(h)));
    }
    if let Some(b) = p.all.batch {
        parts.push(format!("batch {}", share(b)));
    }
    match p.workloads.len() {
        0 => {}
        1 => parts.push("1 workload override".into()),
        n => parts.push(format!("{n} workload overrides")),
    }
    parts.join("; ")
}
