//! The prompts opened from call mode — the target, the walk-away, a log
//! line — drawn in the quick form's place, so the figures and the log stay
//! in view while the negotiator types. A total's prompt says what Enter
//! will do with what is typed before it is pressed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use rust_decimal::Decimal;

use super::log::{wrap_chars, wrap_words};
use crate::diag::sanitize;
use crate::tui::editors::total::{self, entry as target_entry};
use crate::tui::form::view;
use crate::tui::model::{Mode, Model, TargetKind};
use crate::tui::theme::Theme;
use crate::tui::widgets::money;

/// The prompt's box: its title and its rows, wrapped to the inner width.
struct Content {
    title: String,
    rows: Vec<Line<'static>>,
}

/// The rows the prompt takes at `width`, borders included.
pub fn height(m: &Model, width: u16) -> u16 {
    let rows = content(m, width, Theme { color: false }).map_or(0, |c| c.rows.len());
    u16::try_from(rows + 2).unwrap_or(u16::MAX)
}

/// Draw the prompt of the current mode into `area`.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(c) = content(m, area.width, theme) else {
        return;
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(c.title, theme.title()));
    Paragraph::new(c.rows).block(block).render(area, buf);
}

fn content(m: &Model, width: u16, theme: Theme) -> Option<Content> {
    let inner = usize::from(width.saturating_sub(2));
    match &m.mode {
        Mode::Target {
            which,
            buffer,
            error,
            fresh,
            ..
        } => {
            let typed = Typed {
                buffer,
                error: error.as_deref(),
                fresh: *fresh,
            };
            Some(target(m, *which, typed, inner, theme))
        }
        Mode::Log { vendor, buffer, .. } => Some(log_line(*vendor, buffer, inner, theme)),
        _ => None,
    }
}

/// `text` wrapped by `wrap` into rows of `style`.
fn styled(rows: Vec<String>, style: Style) -> impl Iterator<Item = Line<'static>> {
    rows.into_iter().map(move |r| Line::styled(r, style))
}

/// What is typed into a total's prompt.
struct Typed<'a> {
    buffer: &'a str,
    error: Option<&'a str>,
    fresh: bool,
}

fn target(m: &Model, which: TargetKind, typed: Typed, inner: usize, theme: Theme) -> Content {
    let cur = m.scenario.deal.currency.as_str();
    let (target, walk_away) = m.targets();
    let what = total::label(which);
    let (the, now) = match which {
        TargetKind::Target => ("our target", target),
        TargetKind::WalkAway => ("the walk-away", walk_away),
    };
    let was = now.map_or_else(|| "not set".to_string(), |v| money(cur, v));
    let input = if typed.fresh {
        theme.selected()
    } else {
        theme.strong()
    };
    let mut rows: Vec<Line> =
        styled(wrap_chars(&view::with_cursor(typed.buffer), inner), input).collect();
    let (says, style) = enter_says(m, (which, the), &typed, now, theme);
    rows.extend(styled(wrap_words(&says, inner), style));
    let hint = if typed.fresh {
        total::FRESH_HINT
    } else {
        total::HINT
    };
    rows.extend(styled(wrap_words(hint, inner), theme.dim()));
    Content {
        title: format!(" {what} over the horizon — now {was} "),
        rows,
    }
}

/// What Enter will do with what is typed, and how to show it.
fn enter_says(
    m: &Model,
    (which, the): (TargetKind, &str),
    typed: &Typed,
    now: Option<Decimal>,
    theme: Theme,
) -> (String, Style) {
    let cur = m.scenario.deal.currency.as_str();
    if let Some(e) = typed.error {
        return (sanitize(e), theme.bad());
    }
    match (target_entry(m, which, typed.buffer), now) {
        (Err(e), _) => (format!("Enter: {}", sanitize(&e)), theme.warn()),
        (Ok(None), None) => ("Enter leaves it not set".to_string(), theme.dim()),
        (Ok(None), Some(was)) => (
            format!("Enter clears {the} (now {})", money(cur, was)),
            theme.warn(),
        ),
        (Ok(Some(v)), Some(was)) if v == was => {
            (format!("Enter keeps {}", money(cur, v)), theme.dim())
        }
        (Ok(Some(v)), _) => {
            let d = m.outcome().total - v;
            let side = match d.cmp(&Decimal::ZERO) {
                std::cmp::Ordering::Greater => format!("{} above it", money(cur, d)),
                std::cmp::Ordering::Less => format!("{} below it", money(cur, -d)),
                std::cmp::Ordering::Equal => "exactly at it".to_string(),
            };
            let says = format!(
                "Enter sets {the} to {}: the offer on the table is {side}",
                money(cur, v)
            );
            (says, theme.strong())
        }
    }
}

fn log_line(vendor: bool, buffer: &str, inner: usize, theme: Theme) -> Content {
    let who = if vendor { "the vendor" } else { "us" };
    let mut rows: Vec<Line> = styled(
        wrap_chars(&view::with_cursor(buffer), inner),
        theme.strong(),
    )
    .collect();
    rows.extend(styled(
        wrap_words(
            "stamped with the time now · Enter adds it · Esc cancels",
            inner,
        ),
        theme.dim(),
    ));
    Content {
        title: format!(" A line for the log, said by {who} (Tab switches) "),
        rows,
    }
}
