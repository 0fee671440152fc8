//! The funnel for people and for programs: a table per region and in
//! total with the one number to walk in with, and the SPEC.md §5 JSON.
//!
//! Figures an export cannot tell are `—` in the table and `null` in the
//! JSON. Writers take `impl Write`, so tests print into a `Vec<u8>`.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::dates::{Day, to_date};
use super::funnel::{Counts, Funnel, MONTHLY_DAYS_BACK, Source, WINDOW_DAYS};
use crate::diag::sanitize;
use crate::money::format_count;
use crate::style::Style;

/// `n` and the noun for it: `1 row`, `2 rows`, `10,000 rows`.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", format_count(n), if n == 1 { one } else { many })
}

/// A day as `YYYY-MM-DD`.
pub fn date_text(day: Day) -> String {
    to_date(day).map_or_else(|| day.to_string(), |d| d.to_string())
}

fn counts_json(c: &Counts) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("provisioned".into(), json!(c.provisioned));
    m.insert("mau".into(), json!(c.mau));
    m.insert("wau".into(), json!(c.wau));
    m.insert("dau".into(), json!(c.dau));
    m.insert("dormant".into(), json!(c.dormant));
    m.insert("mean_daily_active".into(), json!(c.mean_daily_active()));
    m.insert("active_last_7_days".into(), json!(c.active_last_7_days));
    m.insert("active_last_30_days".into(), json!(c.active_last_30_days));
    m
}

/// The §5 JSON object.
pub fn json(f: &Funnel) -> Value {
    let regions: Vec<Value> = f
        .regions
        .iter()
        .map(|r| {
            let mut m = serde_json::Map::new();
            m.insert("region".into(), json!(r.region));
            m.extend(counts_json(&r.counts));
            Value::Object(m)
        })
        .collect();
    json!({
        "as_of": date_text(f.as_of),
        "unknown_users": f.unknown_users,
        "skipped_rows": f.skipped_rows,
        "regions": regions,
        "total": Value::Object(counts_json(&f.total)),
    })
}

/// Print the §5 JSON, pretty, with a final newline.
pub fn write_json(out: &mut impl Write, f: &Funnel) -> io::Result<()> {
    crate::report::json::write_value(out, &json(f))
}

fn count(n: Option<u64>) -> String {
    n.map_or_else(|| "—".to_string(), format_count)
}

fn cells(name: &str, c: &Counts) -> Vec<String> {
    vec![
        sanitize(name),
        format_count(c.provisioned),
        format_count(c.mau),
        count(c.wau),
        count(c.dau),
        format_count(c.dormant),
        c.mean_daily_active_hundredths().map_or_else(
            || "—".to_string(),
            |h| format!("{}.{:02}", format_count(h / 100), h % 100),
        ),
        count(c.active_last_7_days),
        format_count(c.active_last_30_days),
    ]
}

const HEAD: [&str; 9] = [
    "Region",
    "Provisioned",
    "Monthly",
    "Weekly",
    "Daily",
    "Dormant",
    "Mean daily",
    "Last 7 d",
    "Last 30 d",
];

/// `part` as a whole percentage of `whole`, rounded half up.
fn percent(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        return 0;
    }
    let (p, w) = (u128::from(part), u128::from(whole));
    u64::try_from((p * 200 + w) / (2 * w)).unwrap_or(u64::MAX)
}

/// The readable funnel: heading, table, and what it means for the deal.
pub fn write_text(out: &mut impl Write, f: &Funnel, from: &str, style: Style) -> io::Result<()> {
    let window_start = date_text(f.as_of - (WINDOW_DAYS as Day - 1));
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Seat funnel on {} from {}",
            date_text(f.as_of),
            sanitize(from)
        ))
    )?;
    let monthly_since = date_text(f.as_of - MONTHLY_DAYS_BACK);
    let window = match f.source {
        Source::Events => format!(
            "Window {window_start} … {}; monthly = active since {monthly_since}.",
            date_text(f.as_of)
        ),
        Source::LastActivity => format!("Monthly = active since {monthly_since}."),
    };
    writeln!(out, "{}", style.dim(&window))?;
    writeln!(out)?;
    write_table(out, f, style)?;
    writeln!(out)?;
    write_meaning(out, f, style)
}

fn write_table(out: &mut impl Write, f: &Funnel, style: Style) -> io::Result<()> {
    let mut lines: Vec<Vec<String>> = vec![HEAD.iter().map(|h| h.to_string()).collect()];
    lines.extend(f.regions.iter().map(|r| cells(&r.region, &r.counts)));
    let with_total = f.regions.len() != 1;
    if with_total {
        lines.push(cells("Total", &f.total));
    }
    let widths: Vec<usize> = (0..HEAD.len())
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let last = lines.len() - 1;
    for (i, l) in lines.iter().enumerate() {
        let mut text = format!("{:<w$}", l[0], w = widths[0]);
        for (c, cell) in l.iter().enumerate().skip(1) {
            text.push_str(&format!("  {:>w$}", cell, w = widths[c]));
        }
        let text = match i {
            0 => style.dim(&text),
            _ if i == last && with_total => style.bold(&text),
            _ => text,
        };
        writeln!(out, "{text}")?;
    }
    Ok(())
}

fn write_meaning(out: &mut impl Write, f: &Funnel, style: Style) -> io::Result<()> {
    let t = &f.total;
    let seats = counted(t.provisioned, "seat", "seats");
    match t.wau {
        Some(wau) => writeln!(
            out,
            "{} {} of {seats} ({} %) — the working population, the number to walk in with.",
            style.bold("Weekly active:"),
            style.bold(&format_count(wau)),
            percent(wau, t.provisioned)
        )?,
        None => writeln!(
            out,
            "{} a last-activity export cannot tell weekly or daily activity; they are shown as '—'.\n\
             Monthly active is {} of {seats}: an upper bound of the working population.",
            style.warn("Weekly active unknown:"),
            format_count(t.mau)
        )?,
    }
    writeln!(
        out,
        "Dormant: {} of {seats} ({} %) with no activity in 30 days — money for nothing.",
        format_count(t.dormant),
        percent(t.dormant, t.provisioned)
    )?;
    if f.unknown_users > 0 {
        writeln!(
            out,
            "{} {} in the log {} not on the roster (not counted).",
            style.warn("Note:"),
            counted(f.unknown_users, "user", "users"),
            if f.unknown_users == 1 { "is" } else { "are" }
        )?;
    }
    if f.source == Source::LastActivity {
        writeln!(
            out,
            "{}",
            style
                .dim("Source: per-user last-activity dates; use an event log for the full funnel.")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_others_plural() {
        assert_eq!(counted(1, "row", "rows"), "1 row");
        assert_eq!(counted(0, "row", "rows"), "0 rows");
        assert_eq!(counted(12_345, "seat", "seats"), "12,345 seats");
    }
}
