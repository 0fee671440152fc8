//! Helpers shared by the integration tests. Each test file uses a part of
//! them, so the rest is unused in that file's build.
#![allow(dead_code)]

pub mod cli;
pub mod diff;
pub mod keys;
pub mod screen;
pub mod tmux;

/// What a `w`×`h` terminal shows after `draw`, line by line, trailing
/// spaces trimmed: the text of a snapshot.
pub fn drawn(w: u16, h: u16, draw: impl FnOnce(&mut ratatui::Frame)) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("a test terminal");
    terminal.draw(draw).expect("drawn");
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
