//! The goal-seek box (`g`): what the lever is aimed at (another offer's
//! total, our target, the walk-away, a typed total, the lowest mean over the
//! draws), and the value that reaches it with the total it gives.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::frame::{boxed, centered};
use crate::diag::sanitize;
use crate::tui::model::Model;
use crate::tui::model::queries::lowest_mean;
use crate::tui::theme::Theme;

/// Goal seek on the lever under the cursor: the goal aimed at, and the
/// answer (or why there is none).
pub fn render(
    m: &Model,
    goal: &crate::tui::model::SeekGoal,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    use crate::tui::model::SeekGoal;
    let cur = m.scenario.deal.currency.as_str();
    let aim = match goal {
        SeekGoal::Offer(i) => {
            let o = &m.eval.outcomes[*i];
            let which = if *i == m.eval.reference {
                "the reference"
            } else {
                "the total of"
            };
            format!(
                "{which} '{}' ({})",
                sanitize(&o.offer.name),
                crate::tui::widgets::money(cur, o.total)
            )
        }
        SeekGoal::OurTarget => "our target".to_string(),
        SeekGoal::WalkAway => "the walk-away total".to_string(),
        SeekGoal::Typed(t) => format!("a total of {cur} {}▏", sanitize(t)),
        SeekGoal::LowestMean => "the lowest mean total over the draws".to_string(),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("Aim at ", theme.dim()),
        Span::styled(aim, theme.strong()),
        Span::styled(
            if m.scenario.uncertainty.is_some() {
                "  (Tab: another offer, our target, the walk-away, the lowest mean, or type an amount)"
            } else {
                "  (Tab: another offer, our target, the walk-away, or type an amount)"
            },
            theme.dim(),
        ),
    ])];
    let lowest = matches!(goal, SeekGoal::LowestMean).then(|| lowest_mean(m));
    match (&m.seek, lowest) {
        (_, Some(None)) => lines.push(Line::from(Span::styled(
            "computing… (every draw of [uncertainty], in the background)",
            theme.dim(),
        ))),
        (_, Some(Some(Err(e)))) => lines.push(Line::from(Span::styled(sanitize(&e), theme.bad()))),
        (_, Some(Some(Ok(b)))) => {
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", b.lever.label()), theme.dim()),
                Span::styled(
                    b.lever.format_with_unit(b.value),
                    theme.good().patch(theme.strong()),
                ),
                Span::styled(
                    format!(" (now {})", b.lever.format_with_unit(b.current_value)),
                    theme.dim(),
                ),
            ]));
            lines.push(Line::from(vec![
                Span::styled("mean ", theme.dim()),
                Span::styled(crate::tui::widgets::money(cur, b.at.mean), theme.strong()),
                Span::styled(
                    format!(
                        " (now {}, saves {}) · P90 {} · Enter applies, Esc cancels",
                        crate::tui::widgets::money(cur, b.current.mean),
                        crate::tui::widgets::money(cur, b.saving()),
                        crate::tui::widgets::money(cur, b.at.p90),
                    ),
                    theme.dim(),
                ),
            ]));
        }
        (None, None) => lines.push(Line::from(Span::styled(
            "type the total to aim at",
            theme.dim(),
        ))),
        (Some(Err(e)), None) => lines.push(Line::from(Span::styled(sanitize(e), theme.bad()))),
        (Some(Ok(r)), None) => {
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", r.lever.label()), theme.dim()),
                Span::styled(
                    r.lever.format_with_unit(r.value),
                    theme.good().patch(theme.strong()),
                ),
                Span::styled(
                    format!(" (now {})", r.lever.format_with_unit(r.current_value)),
                    theme.dim(),
                ),
            ]));
            lines.push(Line::from(vec![
                Span::styled("total ", theme.dim()),
                Span::styled(crate::tui::widgets::money(cur, r.total), theme.strong()),
                Span::styled(
                    format!(
                        " ≤ {} · Enter applies, Esc cancels",
                        crate::tui::widgets::money(cur, r.target)
                    ),
                    theme.dim(),
                ),
            ]));
        }
    }
    let title = format!("Goal seek on '{}'", sanitize(&m.offer().name));
    let width = 96.min(area.width);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    boxed(
        centered(area, width, rows as u16 + 2),
        buf,
        &title,
        lines,
        theme,
    );
}
