//! Whether and how to colour text output: only when writing to a terminal
//! and never when NO_COLOR is set to a non-empty value (no-color.org). One
//! small module every writer of terminal text uses (the report, the price
//! book, the usage and API-usage tables), so no writer borrows another's.

use std::io::IsTerminal;

/// Text styling for terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

/// NO_COLOR set to anything but the empty string.
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Style {
    /// Colour if stdout is a terminal and NO_COLOR is unset or empty.
    pub fn for_stdout() -> Style {
        Style {
            color: !no_color() && std::io::stdout().is_terminal(),
        }
    }

    /// Colour for notes on stderr: if stderr is a terminal and NO_COLOR is
    /// unset or empty.
    pub fn for_stderr() -> Style {
        Style {
            color: !no_color() && std::io::stderr().is_terminal(),
        }
    }

    pub const PLAIN: Style = Style { color: false };

    fn wrap(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }
    pub fn good(self, text: &str) -> String {
        self.wrap("32", text)
    }
    pub fn bad(self, text: &str) -> String {
        self.wrap("31", text)
    }
    pub fn warn(self, text: &str) -> String {
        self.wrap("33", text)
    }
    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }
}
