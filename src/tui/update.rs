//! `update(&mut Model, Action) -> Vec<Effect>`: the only place the
//! workbench's state changes. Pure: files are written by the loop, which
//! reports back with [`Action::Saved`]. The mode decides what an action
//! means; [`change`] records every edit of the offers for undo.

pub mod call;
mod compare;
mod disk;
mod normal;
mod offers;
mod power;
mod prompts;
mod risk;
mod terms;

use super::action::{Action, Effect};
use super::levers::Ctx;
use super::model::{Mode, Model};
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
        Mode::Normal => normal::normal(m, action),
        Mode::Compare { .. } => {
            compare::compare(m, action);
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
        Mode::Risk => normal::risk_keys(m, action),
        Mode::Help => {
            // ↑↓ a line, PgUp/PgDn ten; never past the last page of the
            // smallest screen (80×24: 78 columns, 20 lines), where the help
            // is longest.
            let lines = crate::tui::keymap::help_lines(78).0.len();
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

pub(super) fn report(m: &mut Model, result: Result<(), String>) {
    if let Err(e) = result {
        m.toast = Some(e);
    }
}

pub(super) fn quit(m: &mut Model) -> Vec<Effect> {
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
