//! `update(&mut Model, Action) -> Vec<Effect>`: the only place the
//! workbench's state changes. Pure: files are written by the loop, which
//! reports back with [`Action::Saved`]. The mode decides what an action
//! means; [`change`] records every edit of the offers for undo.

pub mod call;
mod disk;
mod offers;
mod power;
mod prompts;
mod risk;

pub use power::lowest_mean;
pub use power::suggest_export as suggested_export;
pub use prompts::{TermRow, term_rows};

use super::action::{Action, Effect};
use super::levers::{Ctx, Lever, edit, plan};
use super::model::{Mode, Model, Panel};
use crate::scenario::{Offer, OfferSpec};

/// Apply `action` to the model and return the work the loop must do.
pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let mut effects = dispatch(m, action);
    effects.extend(m.take_price_request());
    effects
}

fn dispatch(m: &mut Model, action: Action) -> Vec<Effect> {
    if let Action::Priced { generation, result } = action {
        priced(m, generation, *result);
        return Vec::new();
    }
    if let Action::RiskDone { generation, result } = action {
        risk::done(m, generation, *result);
        return Vec::new();
    }
    if m.pricing.is_some() {
        // Opening: nothing to move or show until the figures arrive.
        match action {
            Action::Quit | Action::DiscardAndQuit => m.quit = true,
            Action::DiskChanged => m.disk_changed = true,
            _ => {}
        }
        return Vec::new();
    }
    if !matches!(
        action,
        Action::Saved { .. } | Action::DiskChanged | Action::Reloaded(_) | Action::Written(_)
    ) {
        m.toast = None;
    }
    if let Some(effects) = disk::global(m, &action) {
        return effects;
    }
    if let Action::Written(result) = &action {
        m.toast = Some(match result {
            Ok(p) => format!(
                "exported {}",
                crate::diag::sanitize(&p.display().to_string())
            ),
            Err(e) => format!("not exported: {e}"),
        });
        return Vec::new();
    }
    match &m.mode {
        Mode::Normal => normal(m, action),
        Mode::Compare { .. } => {
            prompts::compare(m, action);
            Vec::new()
        }
        Mode::Call { form: None } => call::call(m, action),
        Mode::Call { form: Some(form) } => {
            call::form(m, form.clone(), action);
            Vec::new()
        }
        Mode::Target { .. } | Mode::Log { .. } => {
            call::prompt(m, action);
            Vec::new()
        }
        Mode::ConfirmQuit => match action {
            Action::SaveAndQuit => offers::save(m, true, None),
            Action::DiscardAndQuit => quit(m),
            Action::Cancel => {
                m.mode = Mode::Normal;
                Vec::new()
            }
            Action::Saved { result, path } => offers::saved(m, result, path),
            _ => Vec::new(),
        },
        Mode::Conflict { then_quit } => {
            let then_quit = *then_quit;
            disk::conflict(m, then_quit, action)
        }
        Mode::Recover { .. } => disk::recover(m, action),
        Mode::Seek { .. } => power::seek_keys(m, action),
        Mode::Drivers { .. } => {
            power::drivers_keys(m, action);
            Vec::new()
        }
        Mode::Risk => risk::keys(m, action),
        Mode::Export { buffer, .. } => match action {
            Action::Enter => {
                let typed = buffer.clone();
                power::export(m, typed).unwrap_or_else(|e| {
                    m.mode = Mode::Export {
                        buffer: String::new(),
                        error: Some(e),
                    };
                    Vec::new()
                })
            }
            action => prompts::prompt(m, action),
        },
        Mode::Help => {
            // ↑↓ a line, PgUp/PgDn ten; never past the last page of the
            // smallest screen (80×24: 78 columns, 20 lines), where the help
            // is longest.
            let lines = crate::tui::help::help_lines(78).0.len();
            let last = u16::try_from(lines.saturating_sub(20)).unwrap_or(u16::MAX);
            let by: i32 = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::Step {
                    steps,
                    coarse: true,
                } => {
                    if steps < 0 {
                        -10
                    } else {
                        10
                    }
                }
                Action::Step { .. } => 0,
                _ => return prompts::prompt(m, action),
            };
            m.help_scroll =
                u16::try_from((i32::from(m.help_scroll) + by).clamp(0, i32::from(last)))
                    .unwrap_or(0);
            Vec::new()
        }
        _ => prompts::prompt(m, action),
    }
}

/// The background pricing's result: taken when it is the generation the
/// model waits for, dropped when it is stale.
fn priced(
    m: &mut Model,
    generation: u64,
    result: Result<crate::engine::Evaluation, crate::money::Overflow>,
) {
    if m.pricing == Some(generation) {
        m.pricing = None;
        match result {
            Ok(eval) => m.eval = eval,
            Err(e) => {
                m.unpriced = Some(format!("error: {e}"));
                m.quit = true;
            }
        }
    } else if m.repricing == Some(generation) {
        m.repricing = None;
        match result {
            Ok(eval) => m.eval = eval,
            Err(e) => {
                m.toast = Some(format!(
                    "the offers based on this one could not be priced ({e}); u takes the change back"
                ))
            }
        }
    }
}

fn normal(m: &mut Model, action: Action) -> Vec<Effect> {
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
            edit::add_step(spec, o, step_index(lever))
        }),
        Action::RemoveStep => ramp(m, |spec, o, lever| {
            if let Lever::RampStep(i) = lever {
                edit::remove_step(spec, o, i);
            }
        }),
        Action::MoveStep(by) => ramp(m, |spec, o, lever| {
            if let Lever::RampStep(i) = lever {
                edit::move_step(spec, o, i, by);
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

fn report(m: &mut Model, result: Result<(), String>) {
    if let Err(e) = result {
        m.toast = Some(e);
    }
}

fn quit(m: &mut Model) -> Vec<Effect> {
    m.quit = true;
    vec![Effect::Quit]
}

/// Put the next/previous offer on the table, cursor back on the seat count.
pub(super) fn table_offer(m: &mut Model, by: isize) {
    let n = m.scenario.offers.len() as isize;
    if n > 0 {
        m.table = (m.table as isize + by).rem_euclid(n) as usize;
        m.lever = 0;
    }
}

fn cycle_panel(p: Panel, by: isize) -> Panel {
    let n = Panel::ALL.len() as isize;
    let i = Panel::ALL.iter().position(|x| *x == p).unwrap_or(0) as isize;
    Panel::ALL[(i + by).rem_euclid(n) as usize]
}

/// Apply an edit of the offers with `f`; when it changed anything, record
/// the state before it for undo and re-price. A change the engine cannot
/// carry (a figure too large) is taken back and reported.
pub(super) fn change(
    m: &mut Model,
    f: impl FnOnce(&mut Model) -> Result<(), String>,
) -> Result<(), String> {
    let before = m.snapshot();
    if let Err(e) = f(m) {
        m.scenario.offers = before.offers;
        m.table = before.table;
        return Err(e);
    }
    if m.scenario.offers == before.offers && m.targets() == before.targets {
        return Ok(());
    }
    if let Err(e) = m.recompute() {
        m.scenario.offers = before.offers;
        m.table = before.table;
        let _ = m.recompute();
        return Err(format!("not applied: {e}"));
    }
    m.history.push(before);
    m.future.clear();
    m.lever = m.lever.min(m.levers().len() - 1);
    Ok(())
}

/// Edit the offer on the table through `f`, given the offer as priced and
/// what levers read.
pub(super) fn edit_table(
    m: &mut Model,
    f: impl FnOnce(&mut OfferSpec, &Offer, Ctx<'_>) -> Result<(), String>,
) -> Result<(), String> {
    let before = m.snapshot();
    let offer = m.offer().clone();
    let mut spec = m.scenario.offers[m.table].clone();
    f(&mut spec, &offer, m.ctx())?;
    if spec == m.scenario.offers[m.table] {
        return Ok(());
    }
    m.scenario.offers[m.table] = spec;
    if let Err(e) = m.recompute_table() {
        m.scenario.offers = before.offers;
        let _ = m.recompute();
        return Err(format!("not applied: {e}"));
    }
    m.history.push(before);
    m.future.clear();
    m.lever = m.lever.min(m.levers().len() - 1);
    Ok(())
}
