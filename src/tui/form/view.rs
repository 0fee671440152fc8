//! How a form is drawn, the same in every editor: a field's label and its
//! text with the cursor (`▏`, at the end of the text), the hint, and the
//! reason a value was refused. These build lines; the editor's box (an
//! overlay, call mode's middle rows) places them.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::diag::sanitize;
use crate::tui::theme::Theme;

/// A field's text with the cursor after it, as drawn (an editor that wraps
/// a long text wraps this).
pub fn with_cursor(text: &str) -> String {
    format!("{}▏", sanitize(text))
}

/// A field's text with the cursor after it, in `style`.
pub fn text(text: &str, style: Style) -> Span<'static> {
    Span::styled(with_cursor(text), style)
}

/// The line of a form with one field: `Label: text▏`.
pub fn labelled(label: &str, typed: &str, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.strong()),
        text(typed, theme.selected()),
    ])
}

/// A field among others on a row: its label, then its text, the focused one
/// marked with the cursor.
pub fn inline(label: &str, typed: &str, focused: bool, theme: Theme) -> [Span<'static>; 2] {
    let label = Span::styled(format!("{label} "), theme.dim());
    if focused {
        [label, text(typed, theme.selected())]
    } else {
        [label, Span::styled(sanitize(typed), theme.strong())]
    }
}

/// The hint under a field.
pub fn hint(hint: &str, theme: Theme) -> Line<'static> {
    Line::from(Span::styled(hint.to_string(), theme.dim()))
}

/// Why the value typed was refused.
pub fn refusal(reason: &str, theme: Theme) -> Line<'static> {
    Line::from(Span::styled(sanitize(reason), theme.bad()))
}
