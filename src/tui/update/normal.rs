//! The workbench's own keys: choose and move a lever, type its value,
//! reset it, shape a seat ramp, change the offer on the table and the panel
//! in focus, and open every other mode; and the same lever keys in the risk
//! view, which asks for its figures again after each.

use super::{disk, edit_table, offers, power, quit, report, risk, table_offer};
use crate::scenario::{Offer, OfferSpec};
use crate::tui::action::{Action, Effect};
use crate::tui::levers::{Lever, plan, ramp};
use crate::tui::model::{Mode, Model, Panel};

pub fn normal(m: &mut Model, action: Action) -> Vec<Effect> {
    let n = m.levers().len();
    match action {
        Action::Up => m.lever = (m.lever + n - 1) % n,
        Action::Down => m.lever = (m.lever + 1) % n,
        Action::Step { steps, coarse } => step(m, steps, coarse),
        Action::Enter => match m.current_lever() {
            Lever::Terms => {
                m.mode = Mode::Terms {
                    cursor: 0,
                    adding: None,
                }
            }
            Lever::PlanFor => {}
            _ => {
                m.mode = Mode::Edit {
                    buffer: String::new(),
                    error: None,
                }
            }
        },
        Action::Reset => {
            let lever = m.current_lever();
            let parent = m.parent();
            let result = edit_table(m, |spec, _, c| {
                lever.reset(spec, parent.as_ref(), c);
                Ok(())
            });
            report(m, result);
        }
        Action::AddStep => ramp(m, |spec, o, lever| {
            ramp::add_step(spec, o, step_index(lever))
        }),
        Action::RemoveStep => ramp(m, |spec, o, lever| {
            if let Lever::RampStep(i) = lever {
                ramp::remove_step(spec, o, i);
            }
        }),
        Action::MoveStep(by) => ramp(m, |spec, o, lever| {
            if let Lever::RampStep(i) = lever {
                ramp::move_step(spec, o, i, by);
            }
        }),
        Action::NextOffer => table_offer(m, 1),
        Action::PrevOffer => table_offer(m, -1),
        Action::NextPanel => m.focus = cycle_panel(m.focus, 1),
        Action::PrevPanel => m.focus = cycle_panel(m.focus, -1),
        Action::NewOffer => offers::new_offer(m),
        Action::Rename => offers::start_rename(m),
        Action::Delete => offers::start_delete(m),
        Action::Compare => {
            m.mode = Mode::Compare {
                col: m.table,
                row: 0,
                diff: false,
            }
        }
        Action::Call => m.mode = Mode::Call { form: None },
        Action::Log => {
            m.mode = Mode::Log {
                vendor: false,
                buffer: String::new(),
                call: false,
            }
        }
        Action::Undo => offers::undo(m),
        Action::Redo => offers::redo(m),
        Action::Help => {
            m.help_scroll = 0;
            m.mode = Mode::Help
        }
        Action::Save => return offers::save(m, false, None),
        Action::SaveAs => {
            m.mode = Mode::SaveAs {
                buffer: String::new(),
                error: None,
            }
        }
        Action::Quit => {
            if m.dirty() {
                m.mode = Mode::ConfirmQuit;
            } else {
                return quit(m);
            }
        }
        Action::Saved { result, path } => return offers::saved(m, result, path),
        Action::Reload => return disk::ask_reload(m),
        Action::Seek => return power::start_seek(m),
        Action::Risk => return risk::open(m),
        Action::Drivers => {
            let (from, to) = (m.eval.reference, m.table);
            m.drivers_back = None;
            power::open_drivers(m, from, to);
        }
        Action::Export => {
            m.mode = Mode::Export {
                buffer: String::new(),
                error: None,
            }
        }
        Action::Written(_) | Action::Priced { .. } | Action::RiskDone { .. } => {}
        Action::Reloaded(_) | Action::DiskChanged | Action::SaveBlocked { .. } => {}
        Action::Char(_)
        | Action::Backspace
        | Action::Cancel
        | Action::SaveAndQuit
        | Action::DiscardAndQuit => {}
    }
    Vec::new()
}

fn step(m: &mut Model, steps: i64, coarse: bool) {
    let lever = m.current_lever();
    if lever == Lever::PlanFor {
        let n = m.scenario.workloads.len() as i64 + 1;
        let now = m.plan.map_or(0, |i| i as i64 + 1);
        let next = (now + steps.signum()).rem_euclid(n);
        m.plan = (next > 0).then(|| (next - 1) as usize);
        return;
    }
    if matches!(lever, Lever::Seats | Lever::RampStep(_))
        && m.offer().billing == crate::scenario::Billing::Monthly
    {
        m.toast = Some(
            "monthly billing bills the seats in use each month: there is no seat count to move (Billing switches to annual)".into(),
        );
        return;
    }
    // Moving a plan field on the offer-wide plan while the workloads run
    // differently sets one value for all of them: say so, as the total may
    // jump.
    let field = match lever {
        Lever::RouteShare(_) => Some("route"),
        Lever::CacheHit => Some("cache_hit"),
        Lever::Batch => Some("batch"),
        Lever::Cache1h => Some("cache_1h"),
        Lever::LongContext => Some("long_context"),
        _ => None,
    };
    let merged = field.is_some_and(|f| plan::varies(m.offer(), m.ctx(), f));
    let result = edit_table(m, |spec, o, c| {
        lever.step(spec, o, c, steps, coarse);
        Ok(())
    });
    let ok = result.is_ok();
    report(m, result);
    if ok && merged {
        m.toast = Some(
            "the workloads differed: this now sets one value for every workload (←/→ on \"API plan for\" edits one workload's own; u undoes)".into(),
        );
    }
}

fn step_index(lever: Lever) -> Option<usize> {
    match lever {
        Lever::RampStep(i) => Some(i),
        _ => None,
    }
}

/// A seat-ramp edit on the lever under the cursor (Seats or a step).
fn ramp(m: &mut Model, f: impl FnOnce(&mut OfferSpec, &Offer, Lever)) {
    let lever = m.current_lever();
    if !matches!(lever, Lever::Seats | Lever::RampStep(_)) {
        m.toast = Some("ramp steps are edited on the Seats lever and its steps".into());
        return;
    }
    if m.offer().billing == crate::scenario::Billing::Monthly {
        m.toast = Some("monthly billing has no commit, so no seat ramp".into());
        return;
    }
    let result = edit_table(m, |spec, o, _| {
        f(spec, o, lever);
        Ok(())
    });
    report(m, result);
}

fn cycle_panel(p: Panel, by: isize) -> Panel {
    let n = Panel::ALL.len() as isize;
    let i = Panel::ALL.iter().position(|x| *x == p).unwrap_or(0) as isize;
    Panel::ALL[(i + by).rem_euclid(n) as usize]
}

/// Keys in the risk view: offers and levers move as in the workbench and
/// the figures are asked for again; Esc goes back.
pub fn risk_keys(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Cancel => {
            m.mode = Mode::Normal;
            m.risk = None;
            Vec::new()
        }
        Action::NextOffer | Action::PrevOffer | Action::Up | Action::Down | Action::Step { .. } => {
            let (offers, table) = (m.scenario.offers.clone(), m.table);
            let mut effects = normal(m, action);
            if m.scenario.offers != offers || m.table != table {
                effects.push(risk::request(m));
            }
            m.mode = Mode::Risk;
            effects
        }
        _ => Vec::new(),
    }
}
