//! The power tools in the workbench: goal seek on the lever under the
//! cursor (applied with Enter), what drove the difference between two
//! offers with every offer's stress exposure, and exports with one key.

use super::edit_table;
use rust_decimal::Decimal;

use crate::engine::seek::{self, SeekResult, Target};
use crate::engine::{drivers, stress};
use crate::money::parse_amount;
use crate::scenario::Offer;
use crate::tui::action::{Action, Effect};
use crate::tui::levers::Lever;
use crate::tui::model::queries::lowest_mean;
use crate::tui::model::{Mode, Model, PowerView, SeekGoal};

/// The goal-seek lever behind a workbench lever, if any.
pub fn seek_lever(l: Lever) -> Option<seek::Lever> {
    match l {
        Lever::SeatPrice => Some(seek::Lever::SeatPrice),
        Lever::Seats => Some(seek::Lever::Seats),
        Lever::Uplift => Some(seek::Lever::Uplift),
        Lever::ApiCommit => Some(seek::Lever::ApiCommit),
        Lever::ApiDiscount => Some(seek::Lever::ApiDiscount),
        _ => None,
    }
}

/// The goals a seek can aim at here, in Tab order: every other offer's
/// total (the reference first), our target, the walk-away, the lowest mean
/// (for seats or the API commit, with `[uncertainty]`), a typed total.
fn goals(m: &Model, lever: &str) -> Vec<SeekGoal> {
    let reference = m.eval.reference;
    let others = std::iter::once(reference)
        .chain((0..m.eval.outcomes.len()).filter(|&i| i != reference))
        .filter(|&i| i != m.table);
    let mut out: Vec<SeekGoal> = others.map(SeekGoal::Offer).collect();
    if m.scenario.deal.target_total.is_some() {
        out.push(SeekGoal::OurTarget);
    }
    if m.scenario.deal.walk_away_total.is_some() {
        out.push(SeekGoal::WalkAway);
    }
    if m.scenario.uncertainty.is_some()
        && matches!(
            seek::Lever::parse(lever),
            Some(seek::Lever::Seats | seek::Lever::ApiCommit)
        )
    {
        out.push(SeekGoal::LowestMean);
    }
    out.push(SeekGoal::Typed(String::new()));
    out
}

/// `g`: goal seek on the lever under the cursor.
pub fn start_seek(m: &mut Model) -> Vec<Effect> {
    let Some(lever) = seek_lever(m.current_lever()) else {
        m.toast = Some("goal seek moves the seat price, seats, uplift, API commit or API discount: put the cursor on one".into());
        return Vec::new();
    };
    // Risk figures of an earlier state are not this seek's.
    m.risk = None;
    let goal = goals(m, lever.key()).remove(0);
    m.mode = Mode::Seek {
        lever: lever.key(),
        goal,
    };
    solve(m)
}

/// The seek's answer for the goal chosen, kept for the view; the lowest
/// mean asks for the risk figures in the background.
fn solve(m: &mut Model) -> Vec<Effect> {
    let Mode::Seek { lever, goal } = &m.mode else {
        return Vec::new();
    };
    let Some(lever) = seek::Lever::parse(lever) else {
        return Vec::new();
    };
    if *goal == SeekGoal::LowestMean {
        m.seek = None;
        // Asked for once a seek: nothing moves while the seek is shown.
        return if m.risk.is_some() {
            Vec::new()
        } else {
            vec![super::risk::request(m)]
        };
    }
    let target: Option<Result<Target, String>> = match goal {
        SeekGoal::Offer(i) => Some(Ok(Target::Match(*i))),
        SeekGoal::OurTarget => m.scenario.deal.target_total.map(|t| Ok(Target::Total(t))),
        SeekGoal::WalkAway => m
            .scenario
            .deal
            .walk_away_total
            .map(|t| Ok(Target::Total(t))),
        // Nothing typed yet: no answer, and no complaint either.
        SeekGoal::Typed(t) if t.trim().is_empty() => None,
        SeekGoal::Typed(t) => Some(parse_amount(t, &m.scenario.deal.currency).map(Target::Total)),
        SeekGoal::LowestMean => None,
    };
    m.seek = target.map(|t| {
        t.and_then(|t| seek::solve(&m.scenario, m.table, lever, t).map_err(|e| e.to_string()))
    });
    Vec::new()
}

/// Keys while the seek is shown.
pub fn seek_keys(m: &mut Model, action: Action) -> Vec<Effect> {
    let Mode::Seek { lever, goal } = m.mode.clone() else {
        return Vec::new();
    };
    match action {
        Action::NextPanel | Action::PrevPanel | Action::Step { .. } => {
            let back = matches!(action, Action::PrevPanel)
                || matches!(action, Action::Step { steps, .. } if steps < 0);
            let all = goals(m, lever);
            let i = all
                .iter()
                .position(|g| match (g, &goal) {
                    (SeekGoal::Typed(_), SeekGoal::Typed(_)) => true,
                    _ => *g == goal,
                })
                .unwrap_or(0);
            let next = if back { i + all.len() - 1 } else { i + 1 } % all.len();
            m.mode = Mode::Seek {
                lever,
                goal: all[next].clone(),
            };
        }
        Action::Char(c) if c.is_ascii_digit() || matches!(c, '.' | ',') => {
            let typed = match goal {
                SeekGoal::Typed(mut t) => {
                    t.push(c);
                    t
                }
                _ => c.to_string(),
            };
            m.mode = Mode::Seek {
                lever,
                goal: SeekGoal::Typed(typed),
            };
        }
        Action::Backspace => {
            if let SeekGoal::Typed(mut t) = goal {
                t.pop();
                m.mode = Mode::Seek {
                    lever,
                    goal: SeekGoal::Typed(t),
                };
            }
        }
        Action::Enter => {
            apply(m);
            if m.mode == Mode::Normal {
                m.risk = None;
            }
            return Vec::new();
        }
        Action::Cancel => {
            m.mode = Mode::Normal;
            m.seek = None;
            m.risk = None;
            return Vec::new();
        }
        _ => return Vec::new(),
    }
    solve(m)
}

fn apply(m: &mut Model) {
    if matches!(
        &m.mode,
        Mode::Seek {
            goal: SeekGoal::LowestMean,
            ..
        }
    ) {
        return apply_lowest(m);
    }
    let Some(Ok(result)) = m.seek.take() else {
        return;
    };
    let result: SeekResult = result;
    set_lever(m, result.lever, &result.moved, result.value, "");
}

/// Enter on the lowest mean: the lever takes the minimising value.
fn apply_lowest(m: &mut Model) {
    let Some(Ok(best)) = lowest_mean(m) else {
        return;
    };
    let best = best.clone();
    set_lever(
        m,
        best.lever,
        &best.moved,
        best.value,
        ": the lowest mean over the draws",
    );
}

/// Set `lever` of the offer on the table as `moved` has it (`value`), say
/// so (with `why`) and leave the seek.
fn set_lever(m: &mut Model, lever: seek::Lever, moved: &Offer, value: Decimal, why: &str) {
    let applied = edit_table(m, |spec, _, _| {
        lever.copy(moved, spec);
        Ok(())
    });
    m.toast = Some(match applied {
        Ok(()) => format!(
            "{} set to {}{why}",
            lever.label(),
            lever.format_with_unit(value)
        ),
        Err(e) => e,
    });
    m.mode = Mode::Normal;
}

/// `D`: what drove the difference from offer `from` to offer `to`, with
/// every offer's stress exposure.
pub fn open_drivers(m: &mut Model, from: usize, to: usize) {
    let oc = &m.eval.outcomes;
    let (Some(a), Some(b)) = (oc.get(from), oc.get(to)) else {
        return;
    };
    let waterfall = drivers::attribute(&m.scenario, &a.offer, &b.offer);
    let stress = stress::run(&m.scenario);
    match (waterfall, stress) {
        (Ok(waterfall), Ok(stress)) => {
            m.power = Some(PowerView { waterfall, stress });
            m.mode = Mode::Drivers { from, to };
        }
        (Err(e), _) | (_, Err(e)) => m.toast = Some(format!("cannot attribute: {e}")),
    }
}

/// Keys in the drivers view: `[`/`]` change the offer walked to.
pub fn drivers_keys(m: &mut Model, action: Action) {
    let Mode::Drivers { from, to } = m.mode else {
        return;
    };
    let n = m.eval.outcomes.len();
    match action {
        Action::NextOffer | Action::Step { steps: 1, .. } => open_drivers(m, from, (to + 1) % n),
        Action::PrevOffer | Action::Step { steps: -1, .. } => {
            open_drivers(m, from, (to + n - 1) % n)
        }
        Action::Cancel => {
            m.mode = m.drivers_back.take().map_or(Mode::Normal, |b| *b);
            m.power = None;
        }
        _ => {}
    }
}
