//! The workbench drawn into a test terminal, as plain text (no colour).

use dealbench::tui::model::Model;
use dealbench::tui::theme::Theme;
use dealbench::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The screen `m` draws at `w`×`h`, each line without trailing spaces.
pub fn screen(m: &Model, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| view::render(m, f, Theme { color: false }))
        .unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
