//! The prompts of call mode, each a one-field form: the target and
//! walk-away totals ([`crate::tui::editors::total`]: typing replaces the
//! value shown, Backspace edits it, `none` clears it, Esc leaves it as it
//! was), and a line for the negotiation log.

use chrono::Utc;
use rust_decimal::Decimal;

use super::add_log;
use crate::tui::action::Action;
use crate::tui::editors::total::{self, current, prefill};
use crate::tui::form::{self, Rule, Step};
use crate::tui::model::{Mode, Model, TargetKind};
use crate::tui::update::{change, report};
use crate::tui::widgets::money;

/// The longest log line.
const LOG: Rule = Rule::text(300);

/// `t` / `w`: the prompt for a total, pre-filled with its value now.
pub fn open_target(m: &mut Model, which: TargetKind) {
    let now = current(m, which);
    let buffer = now.map(prefill).unwrap_or_default();
    m.mode = Mode::Target {
        which,
        buffer,
        error: None,
        call: true,
        fresh: now.is_some(),
    };
}

/// Keys while the target, walk-away or a log line is typed.
pub fn prompt(m: &mut Model, action: Action) {
    match m.mode.clone() {
        Mode::Target {
            which,
            buffer,
            call,
            fresh,
            ..
        } => target_keys(m, which, buffer, call, fresh, action),
        Mode::Log {
            vendor,
            buffer,
            call,
        } => log_keys(m, vendor, buffer, call, action),
        _ => {}
    }
}

/// Where a prompt goes back to.
fn back(call: bool) -> Mode {
    if call {
        Mode::Call { form: None }
    } else {
        Mode::Normal
    }
}

fn target_keys(
    m: &mut Model,
    which: TargetKind,
    mut buffer: String,
    call: bool,
    mut fresh: bool,
    action: Action,
) {
    let mut error = None;
    match form::key_one(&mut buffer, &mut fresh, &mut error, total::RULE, &action) {
        Step::Edited => {
            m.mode = Mode::Target {
                which,
                buffer,
                error,
                call,
                fresh,
            }
        }
        Step::Cancel => m.mode = back(call),
        Step::Enter => set_target(m, which, buffer, call),
        Step::Ignored => {}
    }
}

fn log_keys(m: &mut Model, mut vendor: bool, mut buffer: String, call: bool, action: Action) {
    match form::key_one(&mut buffer, &mut false, &mut None, LOG, &action) {
        Step::Edited => {}
        Step::Cancel => {
            m.mode = back(call);
            return;
        }
        Step::Enter => {
            let line = buffer.trim();
            if !line.is_empty() {
                // A logged line is one step of the history, like any change.
                m.history.push(m.snapshot());
                m.future.clear();
                add_log(m, vendor, line.to_string(), Utc::now());
                m.toast = Some(format!("logged: {}", crate::diag::sanitize(line)));
            }
            m.mode = back(call);
            return;
        }
        Step::Ignored if matches!(action, Action::NextPanel | Action::PrevPanel) => {
            vendor = !vendor
        }
        Step::Ignored => return,
    }
    m.mode = Mode::Log {
        vendor,
        buffer,
        call,
    };
}

fn set_target(m: &mut Model, which: TargetKind, buffer: String, call: bool) {
    let submitted = form::submit_one(&total::field(m, which), &buffer, &None);
    let value = match submitted {
        Ok(v) => v,
        Err(error) => {
            m.mode = Mode::Target {
                which,
                buffer,
                error: Some(error),
                call,
                fresh: false,
            };
            return;
        }
    };
    let before = current(m, which);
    let result = change(m, |m| {
        match which {
            TargetKind::Target => m.scenario.deal.target_total = value,
            TargetKind::WalkAway => m.scenario.deal.walk_away_total = value,
        }
        Ok(())
    });
    m.mode = back(call);
    m.toast = Some(verdict(m, which, before, value));
    report(m, result);
}

/// The toast after Enter: what the total became and what it was.
fn verdict(m: &Model, which: TargetKind, before: Option<Decimal>, now: Option<Decimal>) -> String {
    let cur = m.scenario.deal.currency.as_str();
    let what = match which {
        TargetKind::Target => "our target",
        TargetKind::WalkAway => "the walk-away",
    };
    let was = before.map_or_else(|| "not set".to_string(), |b| money(cur, b));
    match now {
        _ if now == before => format!("{what} unchanged: {was}"),
        Some(v) => format!("{what} set to {} (was {was}; u undoes)", money(cur, v)),
        None => format!("{what} cleared (was {was}; u undoes)"),
    }
}
