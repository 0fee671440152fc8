use dealbench::tui::action::Action;
use dealbench::tui::model::Model;
use dealbench::tui::theme::Theme;
use dealbench::tui::{update::update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;
#[path = "../benches/synth.rs"]
mod synth;
fn main() {
    let text = synth::scenario(50, 20, 20, 60);
    let mut model = Model::from_text(None, "synthetic.toml", text).unwrap();
    model.table = 5;
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let theme = Theme { color: true };
    let mut up = true;
    let n = 200;
    let (mut tu, mut td) = (0u128, 0u128);
    for _ in 0..n {
        let steps = if up { 1 } else { -1 };
        up = !up;
        let t = Instant::now();
        update(
            &mut model,
            Action::Step {
                steps,
                coarse: false,
            },
        );
        tu += t.elapsed().as_nanos();
        let t = Instant::now();
        terminal.draw(|f| view::render(&model, f, theme)).unwrap();
        td += t.elapsed().as_nanos();
    }
    println!("update {} us, draw {} us", tu / n / 1000, td / n / 1000);
}
