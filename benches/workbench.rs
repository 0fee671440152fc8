//! Workbench benchmark: one lever change (re-pricing every figure) plus a
//! full redraw at 160×48, on a scenario with 50 regions, 20 offers, 20
//! growing workloads and a 60-month horizon. A 60 Hz frame is 16.7 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::tui::action::Action;
use dealbench::tui::model::Model;
use dealbench::tui::theme::Theme;
use dealbench::tui::{update::update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod synth;

fn lever_change_and_redraw(c: &mut Criterion) {
    let text = synth::scenario(50, 20, 20, 60);
    let mut model =
        Model::from_text(None, "synthetic.toml", text).expect("the synthetic scenario loads");
    model.table = 5;
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
    let theme = Theme { color: true };
    let mut up = true;
    let mut group = c.benchmark_group("workbench");
    group.sample_size(30);
    group.bench_function(
        "one seat more + full redraw, 50 regions x 20 offers x 20 workloads x 60 months",
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
    group.finish();
}

criterion_group!(benches, lever_change_and_redraw);
criterion_main!(benches);
