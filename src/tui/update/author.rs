//! The scenario editor's keys (`a`): ←/→ a section, PgUp/PgDn a row, the
//! form's keys for the fields ([`form::key`]), Ctrl+n / Ctrl+d to add and
//! remove a row, Ctrl+z / Ctrl+r to undo and redo. Every key that changes
//! a text has the loader judge the section as typed, so the reason shows
//! before Enter (files up to [`LIVE_CHECK_BYTES`]; larger ones on Enter); Enter applies it as one step of the undo history and
//! re-prices every figure; Esc closes.

use crate::scenario::edit::{self, Edit, Edited};
use crate::tui::action::{Action, Effect};
use crate::tui::editors::author::{RULE, check, filled, judge, rows};
use crate::tui::form::{self, Step, Typing};
use crate::tui::model::{AuthorForm, Mode, Model, Panel, Section};

/// Files up to this size are checked by the loader at every key typed (a
/// few milliseconds on a 50-region file, docs/performance.md); larger ones
/// only on Enter, so typing never waits on a whole large file's load.
pub const LIVE_CHECK_BYTES: usize = 512 * 1024;

/// `a`: open the editor on the section of the panel in focus — Regions
/// and the seat funnel on the regions, the API bundle on the workloads —
/// else on the deal.
pub fn open(m: &mut Model) {
    let section = match m.focus {
        Panel::Regions | Panel::Funnel => Section::Regions,
        Panel::Api => Section::Workloads,
        _ => Section::Deal,
    };
    let row = match section {
        Section::Workloads => m.plan.unwrap_or(0),
        _ => 0,
    };
    m.mode = Mode::Author(form_for(m, section, row, 0));
}

/// The form of `section`'s row `row`, filled with the values now.
fn form_for(m: &Model, section: Section, row: usize, focus: usize) -> AuthorForm {
    let row = row.min(rows(m, section).saturating_sub(1));
    let texts = filled(m, section, row);
    AuthorForm {
        section,
        row,
        focus: focus.min(texts.len().saturating_sub(1)),
        texts,
        fresh: true,
        error: None,
    }
}

fn typing(f: &mut AuthorForm) -> Typing<'_> {
    Typing {
        texts: &mut f.texts,
        focus: &mut f.focus,
        fresh: &mut f.fresh,
        error: &mut f.error,
    }
}

/// A key in the editor.
pub fn keys(m: &mut Model, action: Action) -> Vec<Effect> {
    let Mode::Author(f) = &m.mode else {
        return Vec::new();
    };
    let mut f = f.clone();
    match action {
        Action::Step {
            steps,
            coarse: false,
        } => f = form_for(m, f.section.step(steps), 0, 0),
        Action::Step {
            steps,
            coarse: true,
        } => {
            let n = rows(m, f.section).max(1) as i64;
            let row = (f.row as i64 + steps).rem_euclid(n) as usize;
            f = form_for(m, f.section, row, f.focus);
        }
        Action::Undo | Action::Redo => {
            if action == Action::Undo {
                super::offers::undo(m);
            } else {
                super::offers::redo(m);
            }
            f = form_for(m, f.section, f.row, f.focus);
        }
        Action::AddRow => f = add(m, f),
        Action::RemoveRow => f = remove(m, f),
        other => match form::key(typing(&mut f), RULE, &other) {
            Step::Edited if m.source.len() <= LIVE_CHECK_BYTES => {
                f.error = check(m, f.section, f.row, &f.texts).err()
            }
            Step::Edited => {}
            Step::Enter => match check(m, f.section, f.row, &f.texts) {
                Ok(edited) => match commit(m, edited) {
                    Ok(()) => f = form_for(m, f.section, f.row, f.focus),
                    Err(e) => f.error = Some(e),
                },
                Err(e) => typing(&mut f).refuse(e),
            },
            Step::Cancel => {
                m.mode = Mode::Normal;
                return Vec::new();
            }
            Step::Ignored => {}
        },
    }
    m.mode = Mode::Author(f);
    Vec::new()
}

/// Ctrl+n: a new region or workload (shown at once), or `[uncertainty]`.
fn add(m: &mut Model, f: AuthorForm) -> AuthorForm {
    let e = match f.section {
        Section::Regions => Edit::AddRegion,
        Section::Workloads => Edit::AddWorkload,
        Section::Uncertainty => Edit::AddUncertainty,
        Section::Deal | Section::Fx => {
            let why = match f.section {
                Section::Fx => "a currency is added in the last field: CODE rate, e.g. GBP 0.79",
                _ => "the deal is one table: nothing to add",
            };
            return AuthorForm {
                error: Some(why.into()),
                ..f
            };
        }
    };
    match apply(m, &e) {
        Ok(()) => form_for(m, f.section, usize::MAX, 0),
        Err(why) => AuthorForm {
            error: Some(why),
            ..f
        },
    }
}

/// Ctrl+d: remove the region or workload shown, the FX rate in focus, or
/// `[uncertainty]`; the loader refuses what the file cannot lose (the
/// last region, a rate a region's currency needs).
fn remove(m: &mut Model, f: AuthorForm) -> AuthorForm {
    let e = match f.section {
        Section::Regions => Some(Edit::RemoveRegion(f.row)),
        Section::Workloads => Some(Edit::RemoveWorkload(f.row)),
        Section::Uncertainty => m
            .scenario
            .uncertainty
            .as_ref()
            .map(|_| Edit::RemoveUncertainty),
        Section::Fx => m
            .scenario
            .fx
            .get(f.focus)
            .map(|(code, _)| Edit::RemoveFx(code.clone())),
        Section::Deal => None,
    };
    let Some(e) = e else {
        return AuthorForm {
            error: Some("nothing here to remove".into()),
            ..f
        };
    };
    match apply(m, &e) {
        Ok(()) => form_for(m, f.section, f.row, f.focus),
        Err(why) => AuthorForm {
            error: Some(why),
            ..f
        },
    }
}

/// One edit judged by the loader and committed.
fn apply(m: &mut Model, e: &Edit) -> Result<(), String> {
    let candidate = edit::apply(&m.scenario, &m.rows, e)?;
    let edited = judge(m, candidate)?;
    commit(m, edited)
}

/// Take an edited scenario as one step of the history and re-price every
/// offer; a scenario the engine cannot carry (a figure too large) is taken
/// back and said.
pub fn commit(m: &mut Model, edited: Edited) -> Result<(), String> {
    if edited.scenario == m.scenario && edited.rows == m.rows {
        return Ok(());
    }
    let before = m.snapshot();
    let (scenario, rows) = (m.scenario.clone(), m.rows.clone());
    m.scenario = edited.scenario;
    m.rows = edited.rows;
    if let Err(e) = m.recompute() {
        m.scenario = scenario;
        m.rows = rows;
        let _ = m.recompute();
        return Err(format!("not applied: {e}"));
    }
    m.history.push(before);
    m.future.clear();
    if m.plan.is_some_and(|p| p >= m.scenario.workloads.len()) {
        m.plan = None;
    }
    m.lever = m.lever.min(m.levers().len().saturating_sub(1));
    Ok(())
}
