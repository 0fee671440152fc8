//! The Term & uplift panel: term and billing, uplift and its cap, renewal,
//! the true-up clauses, and the price and commit of each contract year.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{kv, line_text, money, panel_block, render_wrapped, wrapped_height};
use crate::money::{format_count, plain};
use crate::scenario::Billing;

/// The Term & uplift panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = panel_block(m, Panel::Term, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    render_wrapped(lines(m, theme), false, inner, buf);
}

/// Rows the panel wants at `width` columns, borders included.
pub fn height(m: &Model, width: u16) -> u16 {
    lines(m, Theme { color: false })
        .iter()
        .map(|l| wrapped_height(&line_text(l), width.saturating_sub(2)))
        .sum::<u16>()
        + 2
}

fn lines(m: &Model, theme: Theme) -> Vec<Line<'static>> {
    let o = m.outcome();
    let of = &o.offer;
    let cur = &m.scenario.deal.currency;
    let pct = |p: rust_decimal::Decimal| format!("{} %", plain(p));
    let cap = |c: Option<rust_decimal::Decimal>| c.map_or_else(|| "none".to_string(), pct);
    let renews = of.term_months < m.eval.horizon;
    let renewal = if renews {
        format!(
            "m{}: +{} (cap {}), re-sized to usage",
            of.term_months,
            pct(m.scenario.deal.renewal_uplift_pct),
            cap(of.renewal_cap_pct)
        )
    } else {
        format!("after the horizon (cap {})", cap(of.renewal_cap_pct))
    };
    let mut lines = vec![
        kv(
            "Term",
            format!(
                "{} months, {}, {}",
                of.term_months,
                of.billing.as_str(),
                of.tier
            ),
            11,
            theme,
        ),
        kv(
            "Uplift",
            format!(
                "{}/yr, cap {} → {}",
                pct(of.uplift_pct),
                cap(of.uplift_cap_pct),
                pct(of.effective_uplift_pct())
            ),
            11,
            theme,
        ),
        kv("Renewal", renewal, 11, theme),
    ];
    if of.billing == Billing::Annual {
        lines.push(kv(
            "True-up",
            format!(
                "{} at {} of rate, cap {}",
                of.true_up.as_str().replace('_', " "),
                pct(of.true_up_rate_pct),
                cap(of.true_up_cap_pct)
            ),
            11,
            theme,
        ));
        lines.push(kv(
            "Clauses",
            format!(
                "ratchet {} · downsize right {}",
                if of.true_up_ratchet { "ON" } else { "off" },
                if of.downsize_at_anniversary {
                    "yes"
                } else {
                    "no"
                }
            ),
            11,
            theme,
        ));
    } else {
        lines.push(kv(
            "True-up",
            "none: monthly billing has no commit".into(),
            11,
            theme,
        ));
    }
    if of.team_seats > 0 {
        lines.push(kv(
            "Team seats",
            format!(
                "{} at {} a seat-month",
                format_count(of.team_seats),
                money(cur, of.team_price)
            ),
            13,
            theme,
        ));
    }
    lines.push(Line::from(Span::styled(
        "Year    Seat price      Commit     Seat cost",
        theme.dim(),
    )));
    for (y, months) in o.years.iter().zip(o.months.chunks(12)) {
        // The commit through the year: one figure, or first → last when a
        // ramp, a true-up ratchet or a re-size moves it.
        let first = months.first().map_or(0, |mo| mo.seats.commit);
        let last = months.last().map_or(0, |mo| mo.seats.commit);
        let commit = if first == last {
            format_count(first)
        } else {
            format!("{}→{}", format_count(first), format_count(last))
        };
        let part = if y.months < 12 {
            format!(" ({}m)", y.months)
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{:<8}", format!("Y{}{part}", y.year))),
            Span::styled(format!("{:>10}", money(cur, y.price)), theme.strong()),
            Span::raw(format!(" {:>11}", commit)),
            Span::raw(format!(" {:>13}", money(cur, y.seat_cost))),
        ]));
    }
    lines
}
