//! The derived workloads as a table for people and as JSON for scripts.

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::Usage;
use super::parse::stamp_text;
use crate::diag::sanitize;
use crate::money::{format_money, plain, two_places};
use crate::style::Style;

/// `d` with exactly `places` decimals.
fn fixed(d: Decimal, places: u32) -> String {
    format!("{:.*}", places as usize, d)
}

/// The JSON: `window_days`, `from`, `to` and one object per workload,
/// every figure a decimal string.
pub fn json(u: &Usage) -> Value {
    let workloads: Vec<Value> = u
        .workloads
        .iter()
        .map(|(w, cost)| {
            let route: Map<String, Value> = w
                .route
                .iter()
                .map(|(m, s)| (m.clone(), Value::from(fixed(*s, 4))))
                .collect();
            json!({
                "name": w.name,
                "group": w.key,
                "input_mtok": fixed(w.input_mtok, 3),
                "output_mtok": fixed(w.output_mtok, 3),
                "cacheable": fixed(w.cacheable, 4),
                "cache_hit": fixed(w.cache_hit, 4),
                "batch": fixed(w.batch, 4),
                "cache_1h": fixed(w.cache_1h, 4),
                "long_context": fixed(w.long_context, 4),
                "inference_geo": fixed(w.inference_geo, 4),
                "route": route,
                "growth_pct": fixed(w.growth_pct, 2),
                "list_cost_per_month": two_places(*cost),
            })
        })
        .collect();
    let mut out = json!({
        "window_days": plain(u.window.days()),
        "from": stamp_text(u.window.from),
        "to": stamp_text(u.window.to),
        "workloads": workloads,
    });
    if let (Some(c), Some(obj)) = (&u.cost, out.as_object_mut()) {
        let rows: Vec<Value> = c
            .workloads
            .iter()
            .map(|(name, x)| {
                json!({
                    "name": name,
                    "invoiced": two_places(x.invoiced),
                    "price_book": two_places(x.book),
                    "difference": two_places(x.invoiced - x.book),
                    "difference_pct": difference_pct(x),
                })
            })
            .collect();
        obj.insert(
            "cost".into(),
            json!({
                "from": stamp_text(c.from),
                "to": stamp_text(c.to),
                "workloads": rows,
                "not_token_costs": two_places(c.other),
            }),
        );
    }
    out
}

/// (invoiced − price book) / price book × 100, two decimals; null when the
/// price book says 0.
fn difference_pct(x: &super::cost::Compared) -> Value {
    if x.book.is_zero() {
        return Value::Null;
    }
    Value::from(two_places(
        (x.invoiced - x.book) / x.book * Decimal::ONE_HUNDRED,
    ))
}

pub fn write_json(out: &mut impl Write, u: &Usage) -> io::Result<()> {
    crate::report::json::write_value(out, &json(u))
}

/// The table: one line per workload, then the window and the totals.
pub fn write_text(out: &mut impl Write, u: &Usage, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}  {} … {} ({} days, {} bucket{})",
        style.bold("API usage"),
        stamp_text(u.window.from),
        stamp_text(u.window.to),
        plain(u.window.days()),
        u.window.buckets.len(),
        if u.window.buckets.len() == 1 { "" } else { "s" }
    )?;
    writeln!(out, "  per average month (30.4375 days); shares of tokens")?;
    writeln!(out)?;
    let headers = [
        "workload",
        "in Mtok",
        "out Mtok",
        "cacheable",
        "cache hit",
        "batch",
        "1h cache",
        "long ctx",
        "growth",
        "list/month",
        "route",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (w, cost) in &u.workloads {
        let route: Vec<String> = w
            .route
            .iter()
            .map(|(m, s)| format!("{} {}", sanitize(m), plain(*s)))
            .collect();
        rows.push(vec![
            sanitize(&w.name),
            fixed(w.input_mtok, 3),
            fixed(w.output_mtok, 3),
            fixed(w.cacheable, 4),
            fixed(w.cache_hit, 4),
            fixed(w.batch, 4),
            fixed(w.cache_1h, 4),
            fixed(w.long_context, 4),
            format!("{} %", fixed(w.growth_pct, 2)),
            format_money(*cost),
            route.join(", "),
        ]);
    }
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([headers[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<String>| {
        let mut s = String::from(" ");
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.chars().count());
            // Names and the route read left to right; figures line up right.
            if i == 0 || i == headers.len() - 1 {
                s.push_str(&format!(" {c}{}", " ".repeat(pad)));
            } else {
                s.push_str(&format!(" {}{c}", " ".repeat(pad)));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(
        out,
        "{}",
        style.dim(&line(headers.iter().map(|h| h.to_string()).collect()))
    )?;
    for r in rows {
        writeln!(out, "{}", line(r))?;
    }
    if let Some(c) = &u.cost {
        write_cost(out, c, style)?;
    }
    Ok(())
}

fn write_cost(out: &mut impl Write, c: &super::CostView, style: Style) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{}  {} … {}",
        style.bold("Invoiced against the price book"),
        stamp_text(c.from),
        stamp_text(c.to)
    )?;
    let name_w = c
        .workloads
        .iter()
        .map(|(n, _)| sanitize(n).chars().count())
        .chain([8])
        .max()
        .unwrap_or(8);
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "  {:<name_w$} {:>14} {:>14} {:>14} {:>9}",
            "workload", "invoiced", "price book", "difference", "%"
        ))
    )?;
    for (name, x) in &c.workloads {
        let pct = match difference_pct(x) {
            Value::String(s) => format!("{s} %"),
            _ => "—".into(),
        };
        writeln!(
            out,
            "  {:<name_w$} {:>14} {:>14} {:>14} {:>9}",
            sanitize(name),
            format_money(x.invoiced),
            format_money(x.book),
            format_money(x.invoiced - x.book),
            pct
        )?;
    }
    if !c.other.is_zero() {
        writeln!(
            out,
            "  {} not token costs (web search, code execution), left out",
            format_money(c.other)
        )?;
    }
    writeln!(
        out,
        "{}",
        style.dim("  a price book that says less than the invoice is stale or misses a premium; more, the invoice carries a discount")
    )
}
