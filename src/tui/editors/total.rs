//! Our target and the walk-away total, typed in call mode (`t`, `w`).
//!
//! The prompt starts with the value now, so the negotiator sees what they
//! are changing: typing replaces it, Backspace edits it, Enter sets what is
//! typed, `none` clears it. An empty line never clears a total: that is only
//! ever said with `none`. The walk-away is never below the target (a file
//! saying so would not open again).

use rust_decimal::Decimal;

use crate::money::format_money;
use crate::tui::form::{Field, Rule};
use crate::tui::model::{Model, TargetKind};
use crate::tui::widgets::money;

/// The longest amount a total's prompt takes.
pub const RULE: Rule = Rule::text(40);

/// The total `which` sets, as it is now.
pub fn current(m: &Model, which: TargetKind) -> Option<Decimal> {
    let (target, walk_away) = m.targets();
    match which {
        TargetKind::Target => target,
        TargetKind::WalkAway => walk_away,
    }
}

/// A total as the prompt shows it for editing: `3,200,000`, or with its
/// cents, `3,200,000.50`.
pub fn prefill(d: Decimal) -> String {
    let s = format_money(d);
    s.strip_suffix(".00")
        .map_or_else(|| s.clone(), str::to_string)
}

/// The hint while the prompt still shows the value now.
pub const FRESH_HINT: &str =
    "typing replaces it · Backspace edits it · none clears it · Esc cancels";
/// The hint once the value is being edited.
pub const HINT: &str = "Enter applies · none clears it · Esc cancels";

/// What the prompt for `which` is called.
pub fn label(which: TargetKind) -> &'static str {
    match which {
        TargetKind::Target => "Our target total",
        TargetKind::WalkAway => "The walk-away total",
    }
}

/// The total as a field: `Some(v)` sets it to v, `None` clears it (only
/// for `none`).
pub fn field(m: &Model, which: TargetKind) -> Field<'_, Option<Decimal>> {
    Field::new(
        label(which),
        HINT,
        move |out: &mut Option<Decimal>, text: &str| {
            *out = entry(m, which, text)?;
            Ok(())
        },
    )
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
