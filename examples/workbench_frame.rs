//! One lever change plus a full 160×48 redraw of the workbench, timed: the
//! body of `scripts/bench-workbench.sh`, which builds this file against
//! this checkout and against an earlier revision and runs both in one run.
//!
//! `workbench_frame [seats|uplift] [ITERATIONS]` prints the median time of
//! one change + redraw in microseconds over batches of ITERATIONS (default
//! 200), on the 50-region, 20-offer, 20-workload, 60-month synthetic
//! scenario with the sixth offer on the table. "seats" moves a lever the
//! offers based on it set themselves; "uplift" one all fourteen inherit.

use std::time::Instant;

use dealbench::tui::action::Action;
use dealbench::tui::levers::Lever;
use dealbench::tui::model::Model;
use dealbench::tui::theme::Theme;
use dealbench::tui::{update::update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../benches/synth.rs"]
mod synth;

fn main() {
    let mut args = std::env::args().skip(1);
    let lever = match args.next().as_deref() {
        Some("uplift") => Lever::Uplift,
        _ => Lever::Seats,
    };
    let iterations: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let text = synth::scenario(50, 20, 20, 60);
    let mut model = Model::from_text(None, "synthetic.toml", text).expect("the scenario loads");
    model.table = 5;
    model.lever = model
        .levers()
        .iter()
        .position(|l| *l == lever)
        .expect("the lever is on the list");
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
    let theme = Theme { color: true };
    let mut up = true;
    let mut batches = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        for _ in 0..iterations {
            let steps = if up { 1 } else { -1 };
            up = !up;
            update(
                &mut model,
                Action::Step {
                    steps,
                    coarse: false,
                },
            );
            terminal
                .draw(|f| view::render(&model, f, theme))
                .expect("draws");
        }
        batches.push(start.elapsed().as_secs_f64() * 1e6 / f64::from(iterations));
    }
    batches.sort_by(f64::total_cmp);
    println!("{:.0}", batches[batches.len() / 2]);
}
