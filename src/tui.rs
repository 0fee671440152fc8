//! The workbench: a ratatui screen a negotiator drives during a vendor call.
//!
//! The Elm Architecture: [`model::Model`] holds the state; a key is resolved
//! to an [`action::Action`] by [`keymap::resolve`]; [`update::update`] is the
//! only place state changes and returns [`action::Effect`]s (save, quit) that
//! [`run`] carries out; [`view`] draws the model and holds no state.
//!
//! To add a panel: write `tui/<panel>.rs` with `render(&Model, Rect, &mut
//! Buffer, Theme)`, add a [`model::Panel`] variant (Tab order), and place it
//! in `view::large` and `view::small`.

pub mod action;
pub mod api;
pub mod call;
pub mod compare;
pub mod funnel;
pub mod keymap;
pub mod levers;
pub mod model;
pub mod overlays;
pub mod regions;
pub mod sliders;
pub mod term;
pub mod theme;
pub mod totals;
pub mod update;
pub mod view;
pub mod widgets;

use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use action::{Action, Effect};
use model::Model;
use theme::Theme;

/// Where the embedded demo is saved when the user presses `s`.
pub const DEMO_SAVE_PATH: &str = "dealbench-demo.toml";

/// Run the workbench until the user quits. The terminal is restored on exit
/// and on panic.
pub fn run(mut model: Model) -> std::io::Result<()> {
    let theme = Theme::from_env();
    let mut terminal = ratatui::init();
    let result = (|| -> std::io::Result<()> {
        let mut redraw = true;
        while !model.quit {
            if redraw {
                terminal.draw(|f| view::render(&model, f, theme))?;
                redraw = false;
            }
            if !event::poll(Duration::from_millis(250))? {
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(action) = keymap::resolve(&model.mode, key) {
                        let effects = update::update(&mut model, action);
                        carry_out(&mut model, effects);
                        redraw = true;
                    }
                }
                Event::Resize(..) => redraw = true,
                _ => {}
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

/// Carry out the model's effects, reporting results back through `update`.
fn carry_out(model: &mut Model, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Quit => model.quit = true,
            Effect::Save {
                text,
                path,
                then_quit,
            } => {
                let target = path
                    .clone()
                    .or_else(|| model.file.clone())
                    .unwrap_or_else(|| PathBuf::from(DEMO_SAVE_PATH));
                let result = crate::store::write_atomic(&target, text.as_bytes());
                let ok = result.is_ok();
                let new_path = (path.is_some() || model.file.is_none()).then_some(target);
                let result = result.map(|()| text).map_err(|e| e.to_string());
                let more = update::update(
                    model,
                    Action::Saved {
                        result,
                        path: new_path,
                    },
                );
                carry_out(model, more);
                if ok && then_quit {
                    model.quit = true;
                }
            }
        }
    }
}
