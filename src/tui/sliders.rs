//! The Levers panel: one slider per lever, its range, the value in figures,
//! the reference offer's value marked `┃` on the track. The lever under the
//! cursor is reversed and bold.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::levers::{Lever, LeverValue};
use super::model::{Model, Panel};
use super::theme::Theme;
use super::widgets::{panel_block, position, track};

const LABEL_W: usize = 15;
/// The value column is at least this wide, so sliders line up.
const VALUE_W: usize = 18;

/// One lever as a line of `width` cells: label, track, value.
pub fn lever_line(
    m: &Model,
    lever: Lever,
    width: usize,
    selected: bool,
    theme: Theme,
) -> Line<'static> {
    let offer = m.offer();
    let reference = &m.reference().offer;
    let cur = &m.scenario.deal.currency;
    let headcount = m.scenario.regions.iter().map(|r| r.headcount).sum();
    let value_text = lever.display(offer, cur);
    let label = format!("{:<LABEL_W$}", lever.label());
    let value_w = (value_text.chars().count() + 1)
        .max(VALUE_W)
        .min(width.saturating_sub(LABEL_W + 6));
    let track_w = width.saturating_sub(LABEL_W + value_w).max(6);
    let mut spans = vec![Span::styled(
        label,
        if selected {
            theme.selected()
        } else {
            theme.strong()
        },
    )];
    match (lever.value(offer), lever.value(reference)) {
        (LeverValue::Number(v), r) => {
            let (lo, hi) = lever.range(offer, reference, headcount);
            let rpos = match r {
                LeverValue::Number(rv) => Some(position(rv, lo, hi, track_w)),
                _ => None,
            };
            spans.extend(track(
                Some(position(v, lo, hi, track_w)),
                rpos,
                track_w,
                theme,
            ));
        }
        (LeverValue::NoCap, r) => {
            let (lo, hi) = lever.range(offer, reference, headcount);
            let rpos = match r {
                LeverValue::Number(rv) => Some(position(rv, lo, hi, track_w)),
                _ => None,
            };
            spans.extend(track(None, rpos, track_w, theme));
        }
        (LeverValue::Choice(_) | LeverValue::Flag(_), _) => {
            let reference_text = lever.display(reference, cur);
            let text = format!("ref: {reference_text}");
            spans.push(Span::styled(format!("{text:<track_w$}"), theme.dim()));
        }
    }
    let value_style = if selected {
        theme.selected()
    } else {
        theme.strong()
    };
    spans.push(Span::styled(
        format!(" {value_text:>w$}", w = value_w - 1),
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
    let first = m.lever.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = Lever::ALL
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, l)| lever_line(m, *l, inner.width as usize, i == m.lever, theme))
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
