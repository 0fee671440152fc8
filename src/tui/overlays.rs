//! Boxes drawn over the workbench: typing a value, naming an offer, saving
//! to another file, the delete and quit questions, the terms list, the help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::model::{Mode, Model, NameFor, TargetKind};
use super::theme::Theme;
use super::update::term_rows;
use super::widgets::{line_text, wrapped_height};
use crate::diag::sanitize;
use crate::scenario::terms;

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A question box `w` wide, as tall as its lines need once wrapped, so the
/// keys that answer it are never cut off a narrow screen.
fn dialog(
    area: Rect,
    w: u16,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'static>>,
    theme: Theme,
) {
    let inner = w.min(area.width).saturating_sub(2);
    let h: u16 = lines
        .iter()
        .map(|l| wrapped_height(&line_text(l), inner))
        .sum::<u16>()
        + 2;
    boxed(centered(area, w, h), buf, title, lines, theme);
}

pub(super) fn boxed(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'static>>,
    theme: Theme,
) {
    Clear.render(area, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {title} "), theme.title()));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(area, buf);
}

fn key(k: &str, theme: Theme) -> Span<'static> {
    Span::styled(format!(" {k} "), theme.selected())
}

/// A one-line text prompt: what is typed, a hint, an error.
struct Prompt<'a> {
    title: &'a str,
    label: &'a str,
    buffer: &'a str,
    hint: String,
    error: &'a Option<String>,
}

impl Prompt<'_> {
    fn render(self, area: Rect, buf: &mut Buffer, theme: Theme) {
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{}: ", self.label), theme.strong()),
                Span::styled(format!("{}▏", sanitize(self.buffer)), theme.selected()),
            ]),
            Line::from(Span::styled(self.hint, theme.dim())),
        ];
        if let Some(e) = self.error {
            lines.push(Line::from(Span::styled(sanitize(e), theme.bad())));
        }
        let h = 5 + u16::from(self.error.is_some());
        boxed(centered(area, 72, h), buf, self.title, lines, theme);
    }
}

/// Draw the overlay of the current mode, if any. Call mode draws its own
/// prompts in its view (`call::render`), so the figures stay in sight.
pub fn render(m: &Model, area: Rect, buf: &mut Buffer, theme: Theme) {
    match &m.mode {
        Mode::Normal
        | Mode::Compare { .. }
        | Mode::Call { .. }
        | Mode::Drivers { .. }
        | Mode::Risk => {}
        Mode::Export { buffer, error } => {
            let hint = format!(
                "Enter on an empty line writes '{}' · .md brief, .csv months, .json report, .xlsx workbook",
                sanitize(&crate::tui::update::suggested_export(m))
            );
            Prompt {
                title: "Export what is on screen",
                label: "Path",
                buffer,
                hint,
                error,
            }
            .render(area, buf, theme);
        }
        Mode::Seek { goal, .. } => seek_box(m, goal, area, buf, theme),
        Mode::Conflict { .. } => {
            let lines = vec![
                Line::from(Span::styled(
                    "The file changed on disk since you opened or saved it.",
                    theme.warn(),
                )),
                Line::raw(
                    "Saving now would overwrite those changes (a colleague's edit, a git pull).",
                ),
                Line::from(vec![
                    key("R", theme),
                    Span::raw(" reload   "),
                    key("O", theme),
                    Span::raw(" overwrite   "),
                    key("A", theme),
                    Span::raw(" save as   "),
                    key("Esc", theme),
                    Span::raw(" cancel"),
                ]),
            ];
            dialog(area, 78, buf, "Changed on disk", lines, theme);
        }
        Mode::Recover {
            saved_at,
            file_changed_since,
        } => {
            let mut lines = vec![Line::raw(format!(
                "Unsaved changes to this file from {saved_at} were found (dealbench did not close cleanly)."
            ))];
            if *file_changed_since {
                lines.push(Line::from(Span::styled(
                    "The file changed on disk after that: recovering replaces those changes when you save.",
                    theme.warn(),
                )));
            }
            lines.push(Line::from(vec![
                key("r", theme),
                Span::raw(" recover them   "),
                key("d", theme),
                Span::raw(" discard them"),
            ]));
            dialog(area, 96, buf, "Recover unsaved changes?", lines, theme);
        }
        Mode::Target {
            which,
            buffer,
            error,
            ..
        } => {
            let (title, label) = match which {
                TargetKind::Target => ("Our target total", "Target"),
                TargetKind::WalkAway => ("The walk-away total", "Walk-away"),
            };
            let hint =
                "over the horizon, in the deal currency · none clears it · Esc cancels".to_string();
            Prompt {
                title,
                label,
                buffer,
                hint,
                error,
            }
            .render(area, buf, theme);
        }
        Mode::Log { vendor, buffer, .. } => {
            let who = if *vendor { "vendor" } else { "us" };
            let hint = format!(
                "said by {who} (Tab switches) · stamped with the time now · Enter adds, Esc cancels"
            );
            Prompt {
                title: "Negotiation log",
                label: who,
                buffer,
                hint,
                error: &None,
            }
            .render(area, buf, theme);
        }
        Mode::Edit { buffer, error } => {
            let lever = m.current_lever();
            let hint = format!(
                "now {} · Enter applies, Esc cancels",
                lever.display(m.offer(), m.ctx())
            );
            Prompt {
                title: "Type an exact value",
                label: lever.label(&m.scenario).trim(),
                buffer,
                hint,
                error,
            }
            .render(area, buf, theme);
        }
        Mode::Name {
            buffer,
            suggestion,
            purpose,
            error,
        } => {
            let title = match purpose {
                NameFor::NewOffer { .. } => "Name the new counter-offer",
                NameFor::Rename => "Rename the offer",
            };
            let hint = format!(
                "Enter on an empty line takes '{}' · Esc cancels",
                sanitize(suggestion)
            );
            Prompt {
                title,
                label: "Name",
                buffer,
                hint,
                error,
            }
            .render(area, buf, theme);
        }
        Mode::SaveAs { buffer, error } => {
            let hint = "the offers and the rest of the file are written there; it becomes the file you edit".to_string();
            Prompt {
                title: "Save as",
                label: "Path",
                buffer,
                hint,
                error,
            }
            .render(area, buf, theme);
        }
        Mode::ConfirmDelete { children } => delete_question(m, children, area, buf, theme),
        Mode::ConfirmQuit => {
            let lines = vec![
                Line::raw("The offers have unsaved changes."),
                Line::from(vec![
                    key("s", theme),
                    Span::raw(" save and quit   "),
                    key("q", theme),
                    Span::raw(" quit without saving   "),
                    key("Esc", theme),
                    Span::raw(" keep working"),
                ]),
            ];
            dialog(area, 76, buf, "Quit?", lines, theme);
        }
        Mode::Terms { cursor, adding } => terms_list(m, *cursor, adding, area, buf, theme),
        Mode::Help => super::help::render(m, area, buf, theme),
    }
}

fn delete_question(m: &Model, children: &[String], area: Rect, buf: &mut Buffer, theme: Theme) {
    let name = sanitize(&m.scenario.offers[m.table].name);
    let mut lines = vec![Line::raw(format!("Delete the offer '{name}'?"))];
    if !children.is_empty() {
        let parent = m.scenario.offers[m.table]
            .based_on
            .clone()
            .map_or("nothing, standing on their own".to_string(), |p| {
                format!("'{}'", sanitize(&p))
            });
        let list: Vec<String> = children
            .iter()
            .map(|c| format!("'{}'", sanitize(c)))
            .collect();
        lines.push(Line::raw(format!(
            "{} {} based on it: they will be re-pointed to {parent}, taking over its own values so their figures do not move.",
            list.join(", "),
            if children.len() == 1 { "is" } else { "are" }
        )));
    }
    let reference = m.table == m.eval.reference;
    if reference {
        // The reference the other offers would have.
        let rest: Vec<&crate::scenario::Offer> = m
            .eval
            .outcomes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != m.table)
            .map(|(_, o)| &o.offer)
            .collect();
        let next = rest
            .get(crate::scenario::reference_among(&rest))
            .map_or("no offer".to_string(), |o| {
                format!("'{}'", sanitize(&o.name))
            });
        lines.push(Line::styled(
            format!("It is the reference: every saving will be measured against {next} instead."),
            theme.warn(),
        ));
    }
    lines.push(Line::from(vec![
        key("y", theme),
        Span::raw(" delete   "),
        key("n", theme),
        Span::raw(" keep it"),
    ]));
    dialog(area, 76, buf, "Delete?", lines, theme);
}

fn terms_list(
    m: &Model,
    cursor: usize,
    adding: &Option<String>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let rows = term_rows(m);
    // One line a term, cut to the box, so the cursor's row is always drawn.
    let inner = usize::from(100u16.min(area.width).saturating_sub(2));
    let height = area.height.saturating_sub(4).max(6);
    let visible = (height as usize).saturating_sub(4);
    let first = cursor.saturating_sub(visible.saturating_sub(1));
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, r)| {
            let mark = if r.carried {
                "[x]"
            } else if r.derived {
                "[~]"
            } else {
                "[ ]"
            };
            let mut notes = Vec::new();
            if r.required {
                notes.push(if r.carried || r.derived {
                    "required"
                } else {
                    "required, MISSING"
                });
            }
            if r.derived {
                notes.push("earned by the levers");
            }
            let explain = terms::explain(&r.term).unwrap_or("your own term");
            let text = format!(
                "{mark} {:<20} {explain}{}",
                sanitize(&r.term),
                if notes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", notes.join(", "))
                }
            );
            let text = if text.chars().count() > inner {
                let cut: String = text.chars().take(inner.saturating_sub(1)).collect();
                format!("{cut}…")
            } else {
                text
            };
            let style = if i == cursor {
                theme.selected()
            } else if r.required && !r.carried && !r.derived {
                theme.warn()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    lines.push(Line::raw(""));
    match adding {
        Some(t) => lines.push(Line::from(vec![
            Span::styled("New term: ", theme.strong()),
            Span::styled(format!("{}▏", sanitize(t)), theme.selected()),
        ])),
        None => lines.push(Line::from(vec![
            key("Space", theme),
            Span::raw(" carry or drop   "),
            key("a", theme),
            Span::raw(" add your own   "),
            key("Esc", theme),
            Span::raw(" close   [~] earned by the levers"),
        ])),
    }
    let title = format!("Terms of '{}'", sanitize(&m.offer().name));
    boxed(centered(area, 100, height), buf, &title, lines, theme);
}

fn seek_box(
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
    let lowest = matches!(goal, SeekGoal::LowestMean).then(|| crate::tui::update::lowest_mean(m));
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
