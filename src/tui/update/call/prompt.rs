//! The prompts of call mode: the target and walk-away totals, and a line for
//! the negotiation log.
//!
//! A total's prompt starts with the value now, so the negotiator sees what
//! they are changing: typing replaces it, Backspace edits it, Enter sets
//! what is typed, `none` clears it, Esc leaves it as it was. An empty line
//! never clears a total: that is only ever said with `none`. The walk-away
//! is never below the target (a file saying so would not open again).

use chrono::Utc;
use rust_decimal::Decimal;

use super::add_log;
use crate::money::format_money;
use crate::tui::action::Action;
use crate::tui::model::{Mode, Model, TargetKind};
use crate::tui::update::{change, report};
use crate::tui::widgets::money;

/// The longest amount a total's prompt takes.
const MAX_AMOUNT: usize = 40;
/// The longest log line.
const MAX_LOG: usize = 300;

/// The total `which` sets, as it is now.
pub fn current(m: &Model, which: TargetKind) -> Option<Decimal> {
    let (target, walk_away) = m.targets();
    match which {
        TargetKind::Target => target,
        TargetKind::WalkAway => walk_away,
    }
}

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

/// A total as the prompt shows it for editing: `3,200,000`, or with its
/// cents, `3,200,000.50`.
fn prefill(d: Decimal) -> String {
    let s = format_money(d);
    s.strip_suffix(".00")
        .map_or_else(|| s.clone(), str::to_string)
}

/// What Enter would do with the typed `text` for the total `which`:
/// `Ok(Some(v))` sets it to v, `Ok(None)` clears it (only for `none`),
/// `Err` says why not.
pub fn entry(m: &Model, which: TargetKind, text: &str) -> Result<Option<Decimal>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("type an amount, or none to clear it".into());
    }
    if t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let v = crate::money::parse_amount(t, &m.scenario.deal.currency)
        .map_err(|why| format!("Total: {why}"))?;
    let cur = m.scenario.deal.currency.as_str();
    match (which, m.targets()) {
        (TargetKind::WalkAway, (Some(target), _)) if v < target => Err(format!(
            "the walk-away cannot be below our target ({}), found '{t}'",
            money(cur, target)
        )),
        (TargetKind::Target, (_, Some(walk))) if v > walk => Err(format!(
            "our target cannot be above the walk-away ({}), found '{t}'",
            money(cur, walk)
        )),
        _ => Ok(Some(v)),
    }
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
    fresh: bool,
    action: Action,
) {
    match action {
        Action::Cancel => {
            m.mode = back(call);
            return;
        }
        Action::Enter => return set_target(m, which, buffer, call),
        Action::Char(c) if !c.is_control() => {
            if fresh {
                buffer.clear();
            }
            if buffer.chars().count() < MAX_AMOUNT {
                buffer.push(c);
            }
        }
        Action::Backspace => {
            buffer.pop();
        }
        _ => return,
    }
    m.mode = Mode::Target {
        which,
        buffer,
        error: None,
        call,
        fresh: false,
    };
}

fn log_keys(m: &mut Model, mut vendor: bool, mut buffer: String, call: bool, action: Action) {
    match action {
        Action::Cancel => {
            m.mode = back(call);
            return;
        }
        Action::Enter => {
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
        Action::Char(c) if !c.is_control() && buffer.chars().count() < MAX_LOG => buffer.push(c),
        Action::Backspace => {
            buffer.pop();
        }
        Action::NextPanel | Action::PrevPanel => vendor = !vendor,
        _ => return,
    }
    m.mode = Mode::Log {
        vendor,
        buffer,
        call,
    };
}

fn set_target(m: &mut Model, which: TargetKind, buffer: String, call: bool) {
    let value = match entry(m, which, &buffer) {
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
