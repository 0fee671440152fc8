//! Time the workbench opening a file, as `scripts/bench-limits.sh` does:
//! `cargo run --release --example first_frame -- FILE` prints the seconds
//! to the first frame (read, validate, draw the "pricing…" screen at
//! 160×48), to the first priced frame (the background pricing done and
//! every panel drawn), and for one frame of Compare (every offer side by
//! side).

use std::time::Instant;

use dealbench::engine;
use dealbench::scenario::load;
use dealbench::tui::action::Action;
use dealbench::tui::model::Model;
use dealbench::tui::theme::Theme;
use dealbench::tui::{update::update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: first_frame FILE")?;
    let theme = Theme { color: true };
    let mut terminal = Terminal::new(TestBackend::new(160, 48))?;
    let start = Instant::now();
    let bytes = load::read_bounded(path.as_ref())?;
    let scenario = load::parse_bytes(&path, &bytes).map_err(|d| d.to_string())?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut model = Model::unpriced(None, text, scenario)?;
    terminal.draw(|f| view::render(&model, f, theme))?;
    let first = start.elapsed().as_secs_f64();
    // What the pricing thread does, then the frame that shows its figures.
    let result = Box::new(engine::evaluate(&model.scenario));
    update(
        &mut model,
        Action::Priced {
            generation: 0,
            result,
        },
    );
    terminal.draw(|f| view::render(&model, f, theme))?;
    let priced = start.elapsed().as_secs_f64();
    // Compare: every offer side by side, the costliest frame to draw.
    let t = Instant::now();
    update(&mut model, Action::Compare);
    terminal.draw(|f| view::render(&model, f, theme))?;
    let compare = t.elapsed().as_secs_f64();
    println!("first_frame={first:.3} priced_frame={priced:.3} compare_frame={compare:.3}");
    Ok(())
}
