//! The form's loop: draw, read a key, [`super::update`], carry out the
//! effect. Creating the file is the caller's (`write`): a refusal comes
//! back into the form with its reason and everything typed is kept.

use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use super::{Form, FormEffect, keys, update, view};
use crate::cli::Failure;
use crate::cli::new::build::Request;
use crate::tui::theme::Theme;

/// Run the form until the file is written (`true`) or the user leaves
/// (`false`). The terminal is restored before returning.
pub fn run(
    mut form: Form,
    write: &mut dyn FnMut(&Request) -> Result<(), Failure>,
) -> std::io::Result<bool> {
    let theme = Theme::from_env();
    let mut terminal = ratatui::init();
    let result = (|| -> std::io::Result<bool> {
        loop {
            terminal.draw(|f| view::render(&form, f.area(), f.buffer_mut(), theme))?;
            if !event::poll(Duration::from_millis(500))? {
                continue;
            }
            let Event::Key(key) = event::read()? else {
                continue;
            };
            if key.kind == KeyEventKind::Release {
                continue;
            }
            let Some(action) = keys::resolve(key) else {
                continue;
            };
            match update(&mut form, action) {
                Some(FormEffect::Quit) => return Ok(false),
                Some(FormEffect::Create(req)) => {
                    let result = write(&req);
                    // Reading the usage files may have printed notes.
                    terminal.clear()?;
                    match result {
                        Ok(()) => return Ok(true),
                        Err(f) => form.refused(&f.message),
                    }
                }
                None => {}
            }
        }
    })();
    ratatui::restore();
    result
}
