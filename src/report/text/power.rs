//! The report's negotiation tables: what drove each offer's difference from
//! the reference (one row per lever group, one column per counter-offer)
//! and the stress table (each offer's total and true-up exposure with
//! adoption below and above plan and with a one-month spike), and with
//! `[uncertainty]` the risk table (§7).

use std::io::{self, Write};

use super::{Row, write_table};
use crate::diag::sanitize;
use crate::engine::Evaluation;
use crate::engine::drivers::Group;
use crate::engine::stress::{Case, OfferStress};
use crate::money::{format_count, format_money, plain, two_places};
use crate::report::power::Power;
use crate::report::schedule::month_date;
use crate::scenario::Scenario;
use crate::style::Style;

/// Both tables, or a line saying why they are missing.
pub(super) fn write(
    out: &mut impl Write,
    s: &Scenario,
    ev: &Evaluation,
    style: Style,
    width: usize,
) -> io::Result<()> {
    match Power::of(s, ev) {
        Ok(p) => {
            write_drivers(out, &p, style, width)?;
            write_stress(out, s, ev, &p, style, width)?;
            write_risk(out, s, ev, &p, style, width)
        }
        Err(e) => writeln!(out, "Drivers and stress not computed: {e}.\n"),
    }
}

fn write_drivers(out: &mut impl Write, p: &Power, style: Style, width: usize) -> io::Result<()> {
    let walks: Vec<_> = p.walks.iter().flatten().collect();
    let Some(first) = walks.first() else {
        return Ok(());
    };
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "What drove the difference from {} (change in total, one lever group at a time)",
            sanitize(&first.from)
        ))
    )?;
    let names: Vec<String> = walks.iter().map(|w| sanitize(&w.to)).collect();
    let cells = |f: &dyn Fn(&crate::engine::drivers::Waterfall) -> String| -> Vec<String> {
        walks.iter().map(|w| f(w)).collect()
    };
    let mut rows = vec![Row {
        label: format!("{} total", sanitize(&first.from)),
        cells: cells(&|w| format_money(w.start)),
        signed: false,
    }];
    for (i, g) in Group::ALL.iter().enumerate() {
        if !walks.iter().any(|w| w.steps[i].changed) {
            continue;
        }
        rows.push(Row {
            label: format!("{}. {}", i + 1, g.label()),
            cells: cells(&|w| {
                let st = &w.steps[i];
                if st.changed {
                    format_money(st.effect)
                } else {
                    "–".into()
                }
            }),
            signed: false,
        });
    }
    rows.push(Row {
        label: "Offer total".into(),
        cells: cells(&|w| format_money(w.end)),
        signed: false,
    });
    write_table(out, &names, &rows, style, width)?;
    writeln!(out)
}

/// The risk table (§7), when the file has `[uncertainty]`.
fn write_risk(
    out: &mut impl Write,
    s: &Scenario,
    ev: &Evaluation,
    p: &Power,
    style: Style,
    width: usize,
) -> io::Result<()> {
    let (Some(risks), Some(heading)) = (&p.risk, crate::report::power::risk_heading(s)) else {
        return Ok(());
    };
    writeln!(out, "{}", style.bold(&heading))?;
    let names: Vec<String> = ev
        .outcomes
        .iter()
        .map(|o| sanitize(&o.offer.name))
        .collect();
    let rows: Vec<Row> = crate::report::power::risk_rows(risks)
        .into_iter()
        .map(|r| Row {
            label: r.label.into(),
            cells: r
                .cells
                .iter()
                .map(|c| match c {
                    None => "–".into(),
                    Some(v) if r.money => format_money(*v),
                    Some(v) => format!("{} %", two_places(*v)),
                })
                .collect(),
            signed: false,
        })
        .collect();
    write_table(out, &names, &rows, style, width)?;
    writeln!(out)
}

fn write_stress(
    out: &mut impl Write,
    s: &Scenario,
    ev: &Evaluation,
    p: &Power,
    style: Style,
    width: usize,
) -> io::Result<()> {
    let c = &p.stress.curves;
    let (a, sp) = (plain(c.adoption_pct), plain(c.spike_pct));
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Stress: adoption {a} % below and above plan, and a {sp} % spike in {} (month {}); exposure = change from plan",
            month_date(s.deal.start, c.spike_month),
            c.spike_month
        ))
    )?;
    let names: Vec<String> = ev
        .outcomes
        .iter()
        .map(|o| sanitize(&o.offer.name))
        .collect();
    let offers = &p.stress.offers;
    let row = |label: String, signed: bool, f: &dyn Fn(&OfferStress) -> String| Row {
        label,
        cells: offers.iter().map(f).collect(),
        signed,
    };
    let mut rows = vec![row("Planned total".into(), false, &|o| {
        format_money(o.planned)
    })];
    for case in Case::ALL {
        rows.push(row(case.label(c), false, &|o| {
            format_money(o.case(case).total)
        }));
        rows.push(row("  exposure".into(), false, &|o| {
            format_money(o.case(case).exposure)
        }));
        rows.push(row("  unserved seat-months".into(), false, &|o| {
            format_count(o.case(case).unserved_seat_months)
        }));
    }
    write_table(out, &names, &rows, style, width)?;
    writeln!(out)
}
