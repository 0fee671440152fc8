//! The seat ramp's steps: adding one (`+`, which turns a fixed count into a
//! ramp), removing one (`-`), moving one a month (`<` `>`), and the seats of
//! every step or of one.

use rust_decimal::Decimal;

use crate::scenario::{Offer, OfferSpec, RampStep, SeatPlan};

/// The most seats a lever sets: the most the file may hold.
pub const MAX_SEATS: u64 = crate::scenario::limits::MAX_COUNT;
/// The latest month a step may start.
pub const MAX_MONTH: u32 = crate::scenario::limits::MAX_MONTHS;

/// `+`: add a ramp step after step `at` (or turn a fixed count into a ramp
/// of two steps, the second a year on); the new step starts with the same
/// seats, half way to the next step or six months later.
pub fn add_step(spec: &mut OfferSpec, o: &Offer, at: Option<usize>) {
    let mut steps = match &o.seats {
        Some(SeatPlan::Ramp(s)) => s.clone(),
        Some(SeatPlan::Fixed(n)) => vec![RampStep {
            month: 0,
            seats: *n,
        }],
        None => vec![RampStep { month: 0, seats: 0 }],
    };
    let i = at.unwrap_or(steps.len() - 1).min(steps.len() - 1);
    let month = match steps.get(i + 1) {
        Some(next) if next.month - steps[i].month >= 2 => {
            steps[i].month + (next.month - steps[i].month) / 2
        }
        Some(_) => return,
        None if matches!(o.seats, Some(SeatPlan::Fixed(_)) | None) => steps[i].month + 12,
        None => (steps[i].month + 6).min(MAX_MONTH),
    };
    if month <= steps[i].month {
        return;
    }
    steps.insert(
        i + 1,
        RampStep {
            month,
            seats: steps[i].seats,
        },
    );
    spec.seats = Some(SeatPlan::Ramp(steps));
}

/// `-`: remove ramp step `i`; a ramp of one step becomes a fixed count.
pub fn remove_step(spec: &mut OfferSpec, o: &Offer, i: usize) {
    let Some(SeatPlan::Ramp(steps)) = &o.seats else {
        return;
    };
    let mut steps = steps.clone();
    if i < steps.len() {
        steps.remove(i);
    }
    spec.seats = Some(match steps.as_slice() {
        [] => SeatPlan::Fixed(0),
        [only] => SeatPlan::Fixed(only.seats),
        _ => SeatPlan::Ramp(steps),
    });
}

/// `<` / `>`: move ramp step `i` a month earlier or later, staying strictly
/// between its neighbours (the first step may reach month 0).
pub fn move_step(spec: &mut OfferSpec, o: &Offer, i: usize, by: i64) {
    let Some(SeatPlan::Ramp(steps)) = &o.seats else {
        return;
    };
    let mut steps = steps.clone();
    let lo = if i == 0 {
        0
    } else {
        i64::from(steps[i - 1].month) + 1
    };
    let hi = steps
        .get(i + 1)
        .map_or(i64::from(MAX_MONTH), |n| i64::from(n.month) - 1);
    if let Some(step) = steps.get_mut(i) {
        step.month = u32::try_from((i64::from(step.month) + by).clamp(lo, hi.max(lo))).unwrap_or(0);
    }
    spec.seats = Some(SeatPlan::Ramp(steps));
}

pub(super) fn set_step_seats(
    spec: &mut OfferSpec,
    o: &Offer,
    i: usize,
    f: impl FnOnce(u64) -> u64,
) {
    if let Some(SeatPlan::Ramp(steps)) = &o.seats {
        let mut steps = steps.clone();
        if let Some(s) = steps.get_mut(i) {
            s.seats = f(s.seats).min(MAX_SEATS);
        }
        spec.seats = Some(SeatPlan::Ramp(steps));
    }
}

pub(super) fn add(n: u64, delta: Decimal) -> u64 {
    u64::try_from((Decimal::from(n) + delta).max(Decimal::ZERO))
        .unwrap_or(0)
        .min(MAX_SEATS)
}

/// Seats move by `delta`; on a ramp every step moves together, keeping its
/// shape (each step also has a lever of its own).
pub(super) fn shift_seats(spec: &mut OfferSpec, o: &Offer, delta: Decimal) {
    spec.seats = Some(match &o.seats {
        Some(SeatPlan::Ramp(steps)) => SeatPlan::Ramp(
            steps
                .iter()
                .map(|s| RampStep {
                    month: s.month,
                    seats: add(s.seats, delta),
                })
                .collect(),
        ),
        Some(SeatPlan::Fixed(n)) => SeatPlan::Fixed(add(*n, delta)),
        None => SeatPlan::Fixed(add(0, delta)),
    });
}
