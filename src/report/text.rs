//! The readable report: the deal, the funnel, each region signing alone
//! against one consolidated agreement when the price book has volume tiers
//! ([`regions`]), the offers side by side
//! (totals, each year, savings, idle seats, API, regional bills), then each
//! offer's missing terms and warnings. Wide comparisons wrap into groups of
//! columns that fit the width. After the offers come what drove each
//! difference from the reference and the stress table ([`power`]).

mod power;
mod regions;

use std::io::{self, Write};

use crate::diag::sanitize;
use crate::engine::{Evaluation, Outcome};
use crate::money::{format_count, format_money, plain, two_places};
use crate::scenario::Scenario;
use crate::style::Style;

/// One table row: a label and one cell per offer.
struct Row {
    label: String,
    cells: Vec<String>,
    /// Savings rows are coloured by sign.
    signed: bool,
}

fn row(label: impl Into<String>, outcomes: &[Outcome], f: impl Fn(&Outcome) -> String) -> Row {
    Row {
        label: label.into(),
        cells: outcomes.iter().map(f).collect(),
        signed: false,
    }
}

/// Write the text report; `width` bounds the table's width.
pub fn write(
    out: &mut impl Write,
    s: &Scenario,
    ev: &Evaluation,
    style: Style,
    width: usize,
) -> io::Result<()> {
    let cur = &s.deal.currency;
    writeln!(out, "{}", style.bold(&sanitize(&s.deal.name)))?;
    let vendor = s
        .deal
        .vendor
        .as_deref()
        .map(|v| format!(" with {}", sanitize(v)))
        .unwrap_or_default();
    writeln!(
        out,
        "{cur} deal{vendor}, starting {}, compared over {} months. Reference: {}.",
        s.deal.start,
        ev.horizon,
        sanitize(
            &ev.outcomes
                .get(ev.reference)
                .map(|o| o.offer.name.clone())
                .unwrap_or_default()
        )
    )?;
    if let Some(d) = s.pricebook.as_of {
        writeln!(out, "{}", style.dim(&format!("Price book as of {d}.")))?;
    }
    if let Some(note) = crate::pricebook::edition::newer_note(&s.pricebook.edition) {
        writeln!(out, "{}", style.dim(&format!("Note: {note}.")))?;
    }
    writeln!(out)?;
    write_funnel(out, s, ev, style)?;
    writeln!(out)?;
    regions::write(out, s, ev, style)?;
    let rows = offer_rows(s, ev);
    let names: Vec<String> = ev
        .outcomes
        .iter()
        .map(|o| sanitize(&o.offer.name))
        .collect();
    write_table(out, &names, &rows, style, width)?;
    writeln!(out)?;
    power::write(out, s, ev, style, width)?;
    for o in &ev.outcomes {
        write_notes(out, o, cur, style)?;
    }
    Ok(())
}

fn write_funnel(
    out: &mut impl Write,
    s: &Scenario,
    ev: &Evaluation,
    style: Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Seat funnel (usage-sized commit = weekly active + {} % buffer)",
            plain(s.deal.buffer_pct)
        ))
    )?;
    let head = [
        "Region",
        "Headcount",
        "Provisioned",
        "Monthly",
        "Weekly",
        "Daily",
        "Dormant",
        "Usage-sized",
    ];
    let mut lines: Vec<Vec<String>> = vec![head.iter().map(|h| h.to_string()).collect()];
    let mut rows: Vec<&crate::engine::funnel::FunnelRow> = ev.funnel.regions.iter().collect();
    if rows.len() > 1 {
        rows.push(&ev.funnel.total);
    }
    for r in rows {
        lines.push(vec![
            sanitize(&r.name),
            format_count(r.headcount),
            format_count(r.provisioned),
            format_count(r.mau),
            format_count(r.wau),
            format_count(r.dau),
            format_count(r.dormant),
            format_count(r.usage_sized_commit),
        ]);
    }
    write_grid(out, &lines, style)
}

/// Aligned lines: the first is the dimmed header; the first column is
/// left-aligned, the figures after it right-aligned.
pub(crate) fn write_grid(
    out: &mut impl Write,
    lines: &[Vec<String>],
    style: Style,
) -> io::Result<()> {
    let cols = lines.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            lines
                .iter()
                .filter_map(|l| l.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (i, l) in lines.iter().enumerate() {
        let mut text = String::new();
        for (c, (cell, w)) in l.iter().zip(&widths).enumerate() {
            if c == 0 {
                text.push_str(&format!("{cell:<w$}"));
            } else {
                text.push_str(&format!("  {cell:>w$}"));
            }
        }
        let text = text.trim_end().to_string();
        writeln!(out, "{}", if i == 0 { style.dim(&text) } else { text })?;
    }
    Ok(())
}

fn offer_rows(s: &Scenario, ev: &Evaluation) -> Vec<Row> {
    let oc = &ev.outcomes;
    let money = format_money;
    let mut rows = vec![
        row("Proposed by", oc, |o| o.offer.by.as_str().to_string()),
        row("Seat cost", oc, |o| money(o.seat_cost)),
        row("API cost", oc, |o| money(o.api_cost)),
        row("Total", oc, |o| money(o.total)),
        Row {
            signed: true,
            ..row("Savings vs reference", oc, |o| money(o.savings))
        },
        Row {
            signed: true,
            ..row("Savings %", oc, |o| {
                format!("{} %", two_places(o.savings_pct))
            })
        },
    ];
    let years = oc.iter().map(|o| o.years.len()).max().unwrap_or(0);
    for y in 0..years {
        let label = |what: &str| {
            let months = oc
                .first()
                .and_then(|o| o.years.get(y))
                .map_or(12, |y| y.months);
            let part = if months < 12 {
                format!(" ({months} mo)")
            } else {
                String::new()
            };
            format!("Year {}{part} {what}", y + 1)
        };
        rows.push(row(label("total"), oc, |o| {
            o.years.get(y).map_or_else(String::new, |y| money(y.total))
        }));
        rows.push(row(label("seat price"), oc, |o| {
            o.years.get(y).map_or_else(String::new, |y| money(y.price))
        }));
    }
    rows.extend([
        row("Billed seat-months", oc, |o| {
            format_count(o.billed_seat_months)
        }),
        row("Demand seat-months", oc, |o| {
            format_count(o.demand_seat_months)
        }),
        row("Idle seat-months", oc, |o| format_count(o.idle_seat_months)),
        row("Idle seat cost", oc, |o| money(o.idle_cost)),
        row("Unserved seat-months", oc, |o| {
            format_count(o.unserved_seat_months)
        }),
    ]);
    if !s.workloads.is_empty() {
        rows.extend([
            row("API baseline (all Opus)", oc, |o| money(o.api_baseline)),
            row("API plan at list", oc, |o| money(o.api_list)),
            row("API commit / year", oc, |o| money(o.offer.api_commit)),
            row("API unused commit", oc, |o| money(o.api_unused_commit)),
            row("API savings vs baseline", oc, |o| {
                format!("{} %", two_places(o.api_savings_pct))
            }),
        ]);
        rows.extend(share_rows(s, ev));
    }
    if s.regions.len() > 1 || s.regions.iter().any(|r| r.currency != s.deal.currency) {
        for (i, r) in s.regions.iter().enumerate() {
            let label = format!("Seat bill {} ({})", sanitize(&r.id), r.currency);
            rows.push(row(label, oc, |o| {
                o.regions
                    .get(i)
                    .map_or_else(String::new, |b| money(b.local))
            }));
        }
    }
    rows.push(row("Missing terms", oc, |o| {
        o.missing_terms.len().to_string()
    }));
    rows.push(row("Warnings", oc, |o| o.warnings.len().to_string()));
    rows
}

/// Per workload, the one-hour cache and long-context shares (§8) each
/// offer's plan runs it with — only when some offer has either.
fn share_rows(s: &Scenario, ev: &Evaluation) -> Vec<Row> {
    let oc = &ev.outcomes;
    let zero = (rust_decimal::Decimal::ZERO, rust_decimal::Decimal::ZERO);
    let any = oc.iter().any(|o| {
        s.workloads
            .iter()
            .any(|w| o.offer.api.shares_for(w) != zero)
    });
    if !any {
        return Vec::new();
    }
    let pct = |x: rust_decimal::Decimal| {
        crate::money::plain(x * rust_decimal::Decimal::ONE_HUNDRED) + " %"
    };
    s.workloads
        .iter()
        .map(|w| {
            let label = format!("API {} 1h cache / long ctx", sanitize(&w.name));
            row(label, oc, |o| {
                let (one_hour, long) = o.offer.api.shares_for(w);
                format!("{} / {}", pct(one_hour), pct(long))
            })
        })
        .collect()
}

fn write_table(
    out: &mut impl Write,
    names: &[String],
    rows: &[Row],
    style: Style,
    width: usize,
) -> io::Result<()> {
    let label_w = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    let col_w: Vec<usize> = (0..names.len())
        .map(|c| {
            rows.iter()
                .map(|r| r.cells[c].chars().count())
                .chain(std::iter::once(names[c].chars().count().min(28)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut start = 0;
    while start < names.len() {
        let mut end = start;
        let mut used = label_w;
        while end < names.len() && (end == start || used + 2 + col_w[end] <= width) {
            used += 2 + col_w[end];
            end += 1;
        }
        // Long names wrap over several header lines, never cut: two
        // variants that share a long prefix must stay tellable apart.
        let heads: Vec<Vec<String>> = (start..end).map(|c| wrap(&names[c], col_w[c])).collect();
        let lines = heads.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..lines {
            let mut head = format!("{:<label_w$}", "");
            for (h, c) in heads.iter().zip(start..end) {
                // Bottom-aligned, so every name ends on the line above the figures.
                let text = (l + h.len())
                    .checked_sub(lines)
                    .and_then(|i| h.get(i))
                    .map_or("", String::as_str);
                head.push_str(&format!("  {:>w$}", text, w = col_w[c]));
            }
            writeln!(out, "{}", style.bold(head.trim_end()))?;
        }
        for r in rows {
            let mut line = format!("{:<label_w$}", r.label);
            for (text, w) in r.cells[start..end].iter().zip(&col_w[start..end]) {
                let cell = format!("{text:>w$}", w = *w);
                let cell = match (r.signed, text.starts_with('-')) {
                    (true, true) => style.bad(&cell),
                    (true, false) if text.trim_end_matches([' ', '%']) != "0.00" => {
                        style.good(&cell)
                    }
                    _ => cell,
                };
                line.push_str("  ");
                line.push_str(&cell);
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        start = end;
        if start < names.len() {
            writeln!(out)?;
        }
    }
    Ok(())
}

/// `s` broken at spaces into lines of at most `w` characters (a word longer
/// than `w` is split).
fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > w {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..w).collect());
        }
        let word: String = word.into_iter().collect();
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > w {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn write_notes(out: &mut impl Write, o: &Outcome, _cur: &str, style: Style) -> io::Result<()> {
    if o.missing_terms.is_empty() && o.warnings.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", style.bold(&sanitize(&o.offer.name)))?;
    if !o.missing_terms.is_empty() {
        let list: Vec<String> = o.missing_terms.iter().map(|t| sanitize(t)).collect();
        writeln!(out, "  missing terms: {}", list.join(", "))?;
    }
    for w in &o.warnings {
        writeln!(out, "  {} {}", style.warn("warning:"), sanitize(w))?;
    }
    Ok(())
}
