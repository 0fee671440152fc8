//! The risk view (`x`, SPEC.md §7): each offer's P10–P90 band with its P50
//! as a horizontal range chart on one scale, a histogram of the offer on the
//! table's draw totals, its probabilities, and the seat count and API commit
//! that minimise its mean total with what they save against its own.
//!
//! The figures are computed away from the loop
//! ([`compute`](super::model::risk::compute), through `Effect::Risk`);
//! until the generation asked for last arrives the view says
//! "computing…", so a figure from before a lever moved never shows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use rust_decimal::Decimal;

use super::model::risk::RiskFigures;
use super::model::{Mode, Model};
use super::theme::Theme;
use super::widgets::{money, position};
use crate::diag::sanitize;
use crate::engine::risk::Risk;
use crate::engine::risk::minimise::Minimum;
use crate::engine::seek::Lever;
use crate::money::two_places;

/// Draw the risk view over `area`.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (Mode::Risk, Some(state)) = (&m.mode, &m.risk) else {
        return;
    };
    Clear.render(area, buf);
    let title = match (&m.scenario.uncertainty, area.width >= 120) {
        (Some(_), true) => crate::report::power::risk_heading(&m.scenario)
            .map(|h| format!(" {} ", h.split(';').next().unwrap_or(&h)))
            .unwrap_or_default(),
        (Some(u), false) => format!(" Risk over {} draws (seed {}) ", u.draws, u.seed),
        (None, _) => " Risk ".into(),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(sanitize(&title), theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = match &state.figures {
        None => vec![Line::from(Span::styled(
            " computing… (every offer on the same draws)",
            theme.dim(),
        ))],
        Some(Err(e)) => vec![Line::from(Span::styled(
            format!(" cannot compute the risk: {}", sanitize(e)),
            theme.warn(),
        ))],
        Some(Ok(f)) => figure_lines(m, f, inner, theme),
    };
    Paragraph::new(lines).render(inner, buf);
}

fn figure_lines(m: &Model, f: &RiskFigures, inner: Rect, theme: Theme) -> Vec<Line<'static>> {
    let cur = m.scenario.deal.currency.clone();
    let names: Vec<String> = m
        .eval
        .outcomes
        .iter()
        .map(|o| sanitize(&o.offer.name))
        .collect();
    let width = inner.width as usize;
    let name_w = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, if width >= 120 { 28 } else { 18 });
    let wide = width >= 120;
    let amount = |d: Decimal| if wide { money(&cur, d) } else { short(&cur, d) };
    let figs_w = if wide { 60 } else { 16 };
    let chart_w = width.saturating_sub(name_w + figs_w + 4).max(10);
    let lo = f.risks.iter().map(|r| r.p10).min().unwrap_or_default();
    let hi = f.risks.iter().map(|r| r.p90).max().unwrap_or_default();
    let mut lines = vec![Line::from(Span::styled(
        format!(
            " {:name_w$}  P10 ─ P50 ● ─ P90 on one scale, {} … {}",
            "",
            amount(lo),
            amount(hi)
        ),
        theme.dim(),
    ))];
    for (i, r) in f.risks.iter().enumerate() {
        let name: String = names.get(i).cloned().unwrap_or_default();
        let name: String = name.chars().take(name_w).collect();
        let mark = if i == f.table { "▶" } else { " " };
        let figs = if width >= 120 {
            format!(
                "P10 {}  P50 {}  P90 {}",
                money(&cur, r.p10),
                money(&cur, r.p50),
                money(&cur, r.p90)
            )
        } else {
            format!("P50 {}", short(&cur, r.p50))
        };
        let style = if i == f.table {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark}{name:name_w$} "), style),
            Span::raw(band(r, lo, hi, chart_w)),
            Span::raw(format!("  {figs}")),
        ]));
    }
    let Some(r) = f.risks.get(f.table) else {
        return lines;
    };
    let table_name = names.get(f.table).cloned().unwrap_or_default();
    lines.push(Line::from(""));
    let fixed = lines.len() + 1 + 1 + 4 + 2;
    let hist_h = (inner.height as usize).saturating_sub(fixed).clamp(2, 12);
    lines.push(Line::from(Span::styled(
        format!(
            " {table_name}: {} draw totals, {} … {}",
            crate::money::format_count(r.totals.len() as u64),
            money(&cur, r.totals.first().copied().unwrap_or_default()),
            money(&cur, r.totals.last().copied().unwrap_or_default())
        ),
        theme.title(),
    )));
    for row in histogram(&r.totals, width.saturating_sub(2).min(100), hist_h) {
        lines.push(Line::from(format!(" {row}")));
    }
    lines.push(Line::from(""));
    lines.extend(probabilities(&cur, r, wide).into_iter().map(Line::from));
    lines.extend(best_line(&cur, "Seats", f.seats.as_ref(), wide, theme));
    lines.extend(best_line(
        &cur,
        "API commit",
        f.commit.as_ref(),
        wide,
        theme,
    ));
    lines
}

/// A compact amount for narrow screens: `$4.42M`, `$880k`.
fn short(cur: &str, d: Decimal) -> String {
    let (v, unit) = if d.abs() >= Decimal::from(1_000_000) {
        (d / Decimal::from(1_000_000), "M")
    } else if d.abs() >= Decimal::from(1_000) {
        (d / Decimal::from(1_000), "k")
    } else {
        (d, "")
    };
    let sign = if cur == "USD" { "$" } else { "" };
    let code = if cur == "USD" {
        String::new()
    } else {
        format!(" {cur}")
    };
    format!("{sign}{}{unit}{code}", two_places(v))
}

/// One offer's band: `─` from P10 to P90, `●` at P50, `│` at the ends.
fn band(r: &Risk, lo: Decimal, hi: Decimal, w: usize) -> String {
    let (a, m, b) = (
        position(r.p10, lo, hi, w),
        position(r.p50, lo, hi, w),
        position(r.p90, lo, hi, w),
    );
    (0..w)
        .map(|i| match i {
            _ if i == m => '●',
            _ if i == a || i == b => '│',
            _ if i > a && i < b => '─',
            _ => ' ',
        })
        .collect()
}

/// The sorted totals as `h` rows of `w` columns of bars.
fn histogram(totals: &[Decimal], w: usize, h: usize) -> Vec<String> {
    let (Some(&lo), Some(&hi)) = (totals.first(), totals.last()) else {
        return Vec::new();
    };
    let w = w.max(1);
    let mut counts = vec![0usize; w];
    for t in totals {
        counts[position(*t, lo, hi, w)] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1);
    const EIGHTHS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    (0..h)
        .map(|row| {
            let floor = (h - 1 - row) * 8;
            counts
                .iter()
                .map(|&c| {
                    let eighths = (c * h * 8).div_ceil(top);
                    EIGHTHS[eighths.saturating_sub(floor).min(8)]
                })
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// The offer's probabilities and expected costs, on two lines.
fn probabilities(cur: &str, r: &Risk, wide: bool) -> [String; 2] {
    let amount = |d: Decimal| if wide { money(cur, d) } else { short(cur, d) };
    let cheapest = if wide { "cheapest in" } else { "cheapest" };
    let of_draws = if wide { " of draws" } else { "" };
    let mut first = format!(
        " mean {} · {cheapest} {} %{of_draws} · idle seats {}",
        amount(r.mean),
        two_places(r.prob_cheapest),
        amount(r.expected_idle_cost),
    );
    if let Some(w) = r.prob_over_walk_away {
        first.push_str(&format!(" · over walk-away {} %", two_places(w)));
    }
    let second = format!(
        " true-up {} % (exp. {}) · unused API commit {} % (exp. {})",
        two_places(r.prob_true_up),
        amount(r.expected_true_up_cost),
        two_places(r.prob_unused_api_commit),
        amount(r.expected_unused_api_commit),
    );
    [first, second]
}

/// The cost-minimising value of one lever and what it saves on the mean.
fn best_line(
    cur: &str,
    label: &str,
    best: Option<&Minimum>,
    wide: bool,
    theme: Theme,
) -> Vec<Line<'static>> {
    let Some(b) = best else {
        return Vec::new();
    };
    let value = |v: Decimal| match b.lever {
        Lever::Seats => format!("{} seats", b.lever.format(v)),
        _ if wide => format!("{} a year", money(cur, v)),
        _ => format!("{}/yr", short(cur, v)),
    };
    let amount = |d: Decimal| if wide { money(cur, d) } else { short(cur, d) };
    vec![Line::from(vec![
        Span::styled(
            format!(" {label}{}: ", if wide { " to sign" } else { "" }),
            theme.title(),
        ),
        Span::raw(format!(
            "{} (now {}), saves {} · mean {}",
            value(b.value),
            value(b.current_value),
            amount(b.saving()),
            amount(b.at.mean),
        )),
    ])]
}
