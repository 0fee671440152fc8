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

/// A funnel figure typed in the scenario editor: the candidate written as
/// the file a save would write and judged by the loader (the cost of each
/// keystroke's check), on the same synthetic scenario.
fn funnel_edit_checked_by_the_loader(c: &mut Criterion) {
    use dealbench::scenario::authored::{Rows, Sections};
    use dealbench::scenario::edit::{Edit, RegionField, attempt};
    use dealbench::scenario::save::Baseline;
    let text = synth::scenario(50, 20, 20, 60);
    let saved = dealbench::scenario::parse_str("synthetic.toml", &text).expect("loads");
    let sections = Sections::of(&saved);
    let rows = Rows::loaded(&sections);
    let base = Baseline {
        source: &text,
        offers: &saved.offers,
        sections: &sections,
        log: saved.log.len(),
    };
    let mut group = c.benchmark_group("workbench");
    group.sample_size(30);
    group.bench_function(
        "one region's dau typed and checked by the loader, 50 regions x 20 offers x 20 workloads",
        |b| {
            b.iter(|| {
                let edit = Edit::Region(7, RegionField::Dau, "1".into());
                attempt(&saved, &rows, &edit, |s, r| base.text(s, r)).expect("a valid edit")
            })
        },
    );
    group.finish();
}

criterion_group!(
    benches,
    lever_change_and_redraw,
    funnel_edit_checked_by_the_loader
);
criterion_main!(benches);
