//! The Levers panel: one row per lever — a slider over its range with the
//! reference offer's value marked `┃`, or the choice and the reference's
//! choice — and the value in figures. A value the offer sets itself is
//! marked `•`; one it inherits through `based_on` is shown plain (`0`
//! resets to it). The lever under the cursor is reversed and bold.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::levers::{Lever, LeverValue, plan};
use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{panel_block, position, render_plain, track};
use crate::scenario::OfferSpec;

const LABEL_W: usize = 16;
/// The value column is at least this wide, so sliders line up.
const VALUE_W: usize = 19;

/// True when the offer on the table sets this lever itself.
fn own(spec: &OfferSpec, lever: Lever) -> bool {
    match lever {
        Lever::Seats | Lever::RampStep(_) => spec.seats.is_some(),
        Lever::SeatPrice => spec.seat_price.is_some(),
        Lever::Tier => spec.tier.is_some(),
        Lever::TeamSeats => spec.team_seats.is_some(),
        Lever::TeamPrice => spec.team_price.is_some(),
        Lever::Term => spec.term_months.is_some(),
        Lever::Uplift => spec.uplift_pct.is_some(),
        Lever::UpliftCap => spec.uplift_cap_pct.is_some(),
        Lever::RenewalCap => spec.renewal_cap_pct.is_some(),
        Lever::TrueUp => spec.true_up.is_some(),
        Lever::Ratchet => spec.true_up_ratchet.is_some(),
        Lever::TrueUpRate => spec.true_up_rate_pct.is_some(),
        Lever::TrueUpCap => spec.true_up_cap_pct.is_some(),
        Lever::Downsize => spec.downsize_at_anniversary.is_some(),
        Lever::Billing => spec.billing.is_some(),
        Lever::ApiCommit => spec.api_commit.is_some(),
        Lever::ApiDiscount => spec.api_discount_pct.is_some(),
        Lever::Terms => spec.terms.is_some(),
        Lever::PlanFor
        | Lever::RouteShare(_)
        | Lever::CacheHit
        | Lever::Batch
        | Lever::Cache1h
        | Lever::LongContext => spec.api.is_some(),
    }
}

/// One lever as a line of `width` cells: label, slider or choice, value.
pub fn lever_line(
    m: &Model,
    lever: Lever,
    width: usize,
    selected: bool,
    theme: Theme,
) -> Line<'static> {
    let offer = m.offer();
    let reference = &m.reference().offer;
    let c = m.ctx();
    let varies = match lever {
        Lever::RouteShare(_) => plan::varies(offer, c, "route"),
        Lever::CacheHit => plan::varies(offer, c, "cache_hit"),
        Lever::Batch => plan::varies(offer, c, "batch"),
        Lever::Cache1h => plan::varies(offer, c, "cache_1h"),
        Lever::LongContext => plan::varies(offer, c, "long_context"),
        _ => false,
    };
    let mut value_text = lever.display(offer, c);
    if varies {
        value_text = format!("{value_text} (workload 1; they differ)");
    }
    let mark = if own(&m.scenario.offers[m.table], lever) {
        "•"
    } else {
        " "
    };
    let label = format!("{:<w$}", lever.label(&m.scenario), w = LABEL_W - 1);
    let value_w = (value_text.chars().count() + 1)
        .max(VALUE_W)
        .min(width.saturating_sub(LABEL_W + 6))
        .max(1);
    let track_w = width.saturating_sub(LABEL_W + value_w).max(6);
    let label_style = if selected {
        theme.selected()
    } else {
        theme.strong()
    };
    let mut spans = vec![
        Span::styled(label, label_style),
        Span::styled(mark, theme.marker()),
    ];
    if lever.is_slider() {
        let (lo, hi) = lever.range(offer, reference, c);
        let at = |v: LeverValue| match v {
            LeverValue::Number(x) => Some(position(x, lo, hi, track_w)),
            _ => None,
        };
        spans.extend(track(
            at(lever.value(offer, c)),
            at(lever.value(reference, c)),
            track_w,
            theme,
        ));
    } else {
        let text = match lever {
            Lever::PlanFor => "←/→ chooses the plan the rows below edit".to_string(),
            Lever::Terms => "Enter edits the list".to_string(),
            _ => format!("ref: {}", lever.display(reference, c)),
        };
        let text: String = text.chars().take(track_w).collect();
        spans.push(Span::styled(format!("{text:<track_w$}"), theme.dim()));
    }
    let value_style = if selected {
        theme.selected()
    } else {
        theme.strong()
    };
    spans.push(Span::styled(
        format!(" {value_text:>w$}", w = value_w.saturating_sub(1)),
        value_style,
    ));
    Line::from(spans)
}

/// The Levers panel.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = panel_block(m, Panel::Levers, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = inner.height as usize;
    let levers = m.levers();
    let first = m.lever.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = levers
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, l)| lever_line(m, *l, inner.width as usize, i == m.lever, theme))
        .collect();
    render_plain(lines, inner, buf);
}
