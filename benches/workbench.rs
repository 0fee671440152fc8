//! Workbench benchmark: one lever change (re-pricing what it moves) plus a
//! full redraw at 160×48, on a scenario with 50 regions, 20 offers chained
//! by `based_on`, 20 growing workloads and a 60-month horizon; the offer on
//! the table is the sixth, so fourteen offers are based on it. Its peer is
//! the frame budget: a 60 Hz frame is 16.7 ms.
//!
//! * "one seat more": the offers based on it set their own seats, so their
//!   terms do not move and only the offer on the table is re-priced.
//! * "uplift +1 %": every offer based on it inherits the uplift, so all
//!   fifteen are re-priced — the most an edit of this file re-prices.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::tui::action::Action;
use dealbench::tui::levers::Lever;
use dealbench::tui::model::Model;
use dealbench::tui::theme::Theme;
use dealbench::tui::{update::update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod synth;

fn lever_change_and_redraw(c: &mut Criterion) {
    let mut group = c.benchmark_group("workbench");
    group.sample_size(30);
    for (name, lever) in [
        ("one seat more", Lever::Seats),
        ("uplift +1 % (15 offers re-priced)", Lever::Uplift),
    ] {
        let text = synth::scenario(50, 20, 20, 60);
        let mut model =
            Model::from_text(None, "synthetic.toml", text).expect("the synthetic scenario loads");
        model.table = 5;
        model.lever = model
            .levers()
            .iter()
            .position(|l| *l == lever)
            .expect("the lever is on the list");
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
        let theme = Theme { color: true };
        let mut up = true;
        group.bench_function(
            format!("{name} + full redraw, 50 regions x 20 offers x 20 workloads x 60 months"),
            |b| {
                b.iter(|| {
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
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, lever_change_and_redraw);
criterion_main!(benches);
