//! Call mode: the live view for a vendor call. The quick form turns the
//! vendor's new numbers into a new vendor offer in seconds, pricing them as
//! they are typed; the target and walk-away totals are set here (see
//! [`prompt`]); the negotiation log takes a line with one key. `u` and
//! Ctrl+r undo and redo the offers and totals as in the workbench.

use chrono::{SecondsFormat, Utc};
use rust_decimal::Decimal;

use super::{change, report, table_offer};
use crate::engine;
use crate::money::{format_money, plain};
use crate::scenario::limits::MAX_MONTHS;
use crate::scenario::{LogEntry, Offer, OfferSpec, Party, Scenario, SeatPlan, offers as resolve};
use crate::tui::action::{Action, Effect};
use crate::tui::editors::call::{self as editor, Numbers};
use crate::tui::form::{self, Step, Typing};
use crate::tui::levers::seats_of;
use crate::tui::model::{CallForm, Mode, Model, Preview, TargetKind};

mod prompt;

pub use prompt::prompt;

/// Keys in call mode (the form closed).
pub fn call(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Char('v') => open_form(m),
        Action::Char('t') => prompt::open_target(m, TargetKind::Target),
        Action::Char('w') => prompt::open_target(m, TargetKind::WalkAway),
        Action::Log => {
            m.mode = Mode::Log {
                vendor: true,
                buffer: String::new(),
                call: true,
            }
        }
        Action::NextOffer => table_offer(m, 1),
        Action::PrevOffer => table_offer(m, -1),
        Action::Undo => super::offers::undo(m),
        Action::Redo => super::offers::redo(m),
        Action::Save => return super::offers::save_from_call(m),
        Action::Saved { result, path } => {
            super::offers::saved(m, result, path);
        }
        Action::Cancel => m.mode = Mode::Normal,
        _ => {}
    }
    Vec::new()
}

/// The offer the vendor's new numbers start from: their latest offer in
/// file order, else the reference.
fn latest_vendor(m: &Model) -> usize {
    m.eval
        .outcomes
        .iter()
        .rposition(|o| o.offer.by == Party::Vendor)
        .unwrap_or(m.eval.reference)
}

fn open_form(m: &mut Model) {
    let base = &m.eval.outcomes[latest_vendor(m)].offer;
    let fields = [
        seats_of(base).to_string(),
        plain(base.seat_price),
        base.term_months.to_string(),
        plain(base.uplift_pct),
        plain(base.api_commit),
        plain(base.api_discount_pct),
    ];
    let mut form = CallForm {
        fields,
        focus: 0,
        fresh: true,
        base: base.name.clone(),
        preview: None,
        error: None,
    };
    refresh(m, &mut form);
    m.mode = Mode::Call { form: Some(form) };
}

/// Keys while the quick form is open: typing is the form component's,
/// every edit re-prices the numbers, Enter adds them as an offer.
pub fn form(m: &mut Model, mut form: CallForm, action: Action) {
    let typing = Typing {
        texts: &mut form.fields,
        focus: &mut form.focus,
        fresh: &mut form.fresh,
        error: &mut form.error,
    };
    match form::key(typing, editor::RULE, &action) {
        Step::Edited => {}
        Step::Cancel => {
            m.mode = Mode::Call { form: None };
            return;
        }
        Step::Enter => return add_offer(m, form),
        Step::Ignored => return,
    }
    refresh(m, &mut form);
    m.mode = Mode::Call { form: Some(form) };
}

/// The new vendor offer the form describes: based on `form.base`, setting
/// only the figures that differ from it.
fn spec_of(m: &Model, form: &CallForm, name: String) -> Result<OfferSpec, String> {
    let base = m
        .eval
        .outcomes
        .iter()
        .map(|o| &o.offer)
        .find(|o| o.name == form.base)
        .ok_or("the base offer is gone")?;
    let v: Numbers = form::submit(&editor::fields(m), &form.fields, &[Decimal::ZERO; 6])?;
    let whole = |v: Decimal, field: &str| {
        (v.fract().is_zero())
            .then(|| u64::try_from(v).ok())
            .flatten()
            .ok_or_else(|| format!("{field}: expected a whole number, found '{}'", plain(v)))
    };
    let seats = whole(v[0], "Seats")?;
    let term = u32::try_from(whole(v[2], "Term")?)
        .ok()
        .filter(|t| (1..=MAX_MONTHS).contains(t))
        .ok_or_else(|| format!("Term: expected 1 to {MAX_MONTHS} months"))?;
    for (i, field) in [(3, "Uplift %"), (5, "API discount %")] {
        if v[i] > Decimal::ONE_HUNDRED {
            return Err(format!(
                "{field}: expected 0 to 100, found '{}'",
                plain(v[i])
            ));
        }
    }
    let differs = |a: Decimal, b: Decimal| (a != b).then_some(a);
    Ok(OfferSpec {
        id: m.next_id,
        name,
        by: Some(Party::Vendor),
        based_on: Some(base.name.clone()),
        seats: (seats != seats_of(base) || !matches!(base.seats, Some(SeatPlan::Fixed(_))))
            .then_some(SeatPlan::Fixed(seats)),
        seat_price: differs(v[1], base.seat_price),
        term_months: (term != base.term_months).then_some(term),
        uplift_pct: differs(v[3], base.uplift_pct),
        api_commit: differs(v[4], base.api_commit),
        api_discount_pct: differs(v[5], base.api_discount_pct),
        ..Default::default()
    })
}

/// Price the typed numbers: their total and the break-even seat price.
fn refresh(m: &Model, form: &mut CallForm) {
    form.preview = None;
    form.error = None;
    let priced = spec_of(m, form, "\u{1}preview".into()).and_then(|spec| {
        let mut s: Scenario = m.scenario.clone();
        s.offers.push(spec);
        let offer: Offer =
            resolve::resolve(&s, "\u{1}preview").map_err(|_| "cannot resolve".to_string())?;
        let shared = engine::Shared::of(&s).map_err(|e| e.to_string())?;
        let total = engine::evaluate_offer(&s, &offer, &shared)
            .map_err(|e| e.to_string())?
            .total;
        Ok(Preview {
            total,
            break_even: break_even(&s, s.offers.len() - 1),
        })
    });
    match priced {
        Ok(p) => form.preview = Some(p),
        Err(e) => form.error = Some(e),
    }
}

/// The seat price at which offer `i` reaches our target, when one is set.
fn break_even(s: &Scenario, i: usize) -> Option<Decimal> {
    let target = s.deal.target_total?;
    engine::seek::solve(
        s,
        i,
        engine::seek::Lever::SeatPrice,
        engine::seek::Target::Total(target),
    )
    .ok()
    .map(|r| r.value)
}

fn add_offer(m: &mut Model, form: CallForm) {
    let stamp = Utc::now();
    let name = (1..)
        .map(|k| {
            let base = format!("Vendor, call {}", stamp.format("%Y-%m-%d %H:%M"));
            if k == 1 {
                base
            } else {
                format!("{base} ({k})")
            }
        })
        .find(|n| !m.scenario.offers.iter().any(|o| o.name == *n))
        .unwrap_or_default();
    let spec = match spec_of(m, &form, name.clone()) {
        Ok(spec) => spec,
        Err(e) => {
            m.mode = Mode::Call {
                form: Some(CallForm {
                    error: Some(e),
                    ..form
                }),
            };
            return;
        }
    };
    let result = change(m, |m| {
        m.scenario.offers.push(spec);
        m.next_id += 1;
        m.table = m.scenario.offers.len() - 1;
        m.lever = 0;
        Ok(())
    });
    if result.is_ok() {
        let total = m.outcome().total;
        let f = &form.fields;
        let text = format!(
            "new numbers '{name}': {} seats at {} {}, {} months, uplift {} %, API commit {} at {} % — total {}",
            f[0],
            m.scenario.deal.currency,
            f[1],
            f[2],
            f[3],
            f[4],
            f[5],
            format_money(total)
        );
        add_log(m, true, text, stamp);
    }
    report(m, result);
    m.mode = Mode::Call { form: None };
}

fn add_log(m: &mut Model, vendor: bool, text: String, at: chrono::DateTime<Utc>) {
    m.scenario.log.push(LogEntry {
        at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        who: if vendor { "vendor" } else { "us" }.into(),
        text,
    });
}
