//! The workbench: a ratatui screen a negotiator drives during a vendor call.
//!
//! The Elm Architecture: [`model::Model`] holds the state; a key is resolved
//! to an [`action::Action`] by [`keymap::resolve`]; [`update::update`] is the
//! only place state changes and returns [`action::Effect`]s (save, quit) that
//! [`run`] carries out; [`view`] draws the model and holds no state.
//!
//! The modules form a one-way street, lowest first: [`action`], [`theme`];
//! [`levers`] (what a lever reads and writes); [`model`] (the state, its
//! modes, the risk figures it holds and what update and views both read
//! off it, [`model::queries`]); [`widgets`]; [`keymap`] (bindings, the
//! help's text, the resolver); [`form`] (the one form component) and
//! [`editors`] (every editor as fields on it); [`update`]; then the views —
//! one file per panel, [`overlays`], [`call`], [`risk`], [`compare`],
//! [`drivers`] — and [`view`], which places them. Nothing imports upward.
//! Beside the workbench, [`new`] is the form of `dealbench new` (its own
//! screen before the workbench opens), on [`form`], [`action`] and [`theme`].
//!
//! To add a panel: write `tui/<panel>.rs` with `render(&Model, Rect, &mut
//! Buffer, Theme)`, add a [`model::Panel`] variant (Tab order), and place it
//! in `view::large` and `view::small`.
//!
//! To add an overlay (a box over the workbench): add its mode to
//! [`model::Mode`], its bindings list to `keymap/table.rs` with its arms in
//! [`keymap::bindings`] and [`keymap::resolve`] (and a section in
//! [`keymap::HELP_SECTIONS`] to document it), its keys in
//! [`update::update`], and `overlays/<name>.rs` drawn from
//! [`overlays::render`] in the boxes of [`overlays::frame`].
//!
//! To add an editor (typed fields that change the scenario):
//!
//! 1. Write `editors/<what>.rs`: a function returning its
//!    `Vec<form::Field<Draft>>` — each field a label, a hint and a setter
//!    that parses the text exactly into the draft or returns the reason
//!    (naming the field and the text found, in 'single quotes') — and the
//!    texts it starts from (the values now).
//! 2. Give it a mode holding a [`form::State`] (`Mode::<What> { form:
//!    form::State }`, opened with [`form::State::filled`]); its keys are
//!    the text-input keys in [`keymap::resolve`] and a bindings list like
//!    `CALL_FORM` (Tab/↓ next field, Enter applies, Esc cancels).
//! 3. In `update`, pass each key to [`form::key`]: on `Step::Enter`,
//!    [`form::submit`] the fields over the draft; on `Ok(draft)` apply it
//!    inside `update::change` (one undoable step, re-priced; a change the
//!    engine cannot carry is taken back and said), on `Err(reason)` show it
//!    with [`form::Typing::refuse`]; `Step::Cancel` leaves the mode.
//! 4. Draw it with [`form::view`] (`inline` or `labelled` fields, `hint`,
//!    `refusal`) in an overlay box or a panel's rows.

pub mod action;
pub mod api;
pub mod call;
pub mod compare;
pub mod drivers;
pub mod editors;
pub mod form;
pub mod funnel;
pub mod keymap;
pub mod levers;
pub mod model;
pub mod new;
pub mod overlays;
pub mod pricing;
pub mod regions;
pub mod risk;
pub mod session;
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
use session::Session;
use theme::Theme;

/// Where the embedded demo is saved when the user presses `s`.
pub const DEMO_SAVE_PATH: &str = "dealbench-demo.toml";

/// How the workbench ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The negotiator quit.
    Quit,
    /// SIGTERM or SIGHUP: unsaved changes are in the recovery file.
    Stopped { recovery: Option<PathBuf> },
    /// The file could not be priced (a figure too large for exact
    /// arithmetic): the message.
    Unpriced(String),
}

/// Run the workbench until the user quits. `bytes` are the file as it was
/// read (to notice later changes on disk). The terminal is restored on
/// exit, on SIGTERM/SIGHUP and on panic; a panic also says where the
/// recovery file is.
pub fn run(mut model: Model, bytes: Option<Vec<u8>>) -> std::io::Result<Ending> {
    let theme = Theme::from_env();
    let mut session = Session::start(&model, bytes.as_deref());
    session.offer_recovery(&mut model);
    let first = model.first_pricing();
    carry_out(&mut model, &mut session, first);
    let mut terminal = ratatui::init();
    announce_recovery_on_panic(Session::recovery_path(&model));
    let result = (|| -> std::io::Result<Ending> {
        let mut redraw = true;
        while !model.quit {
            if session.stopping() {
                session.keep_recovery(&model, true);
                return Ok(Ending::Stopped {
                    recovery: model
                        .dirty()
                        .then(|| Session::recovery_path(&model))
                        .flatten(),
                });
            }
            for action in session.tick(&model) {
                let effects = update::update(&mut model, action);
                carry_out(&mut model, &mut session, effects);
                redraw = true;
            }
            if redraw {
                terminal.draw(|f| view::render(&model, f, theme))?;
                redraw = false;
            }
            // While the figures are on their way, look for them often.
            let wait = if model.pricing.is_some() || model.repricing.is_some() {
                20
            } else {
                200
            };
            if !event::poll(Duration::from_millis(wait))? {
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    let action = if model.pricing.is_some() {
                        keymap::while_pricing(key)
                    } else {
                        keymap::resolve(&model.mode, key)
                    };
                    if let Some(action) = action {
                        let effects = update::update(&mut model, action);
                        carry_out(&mut model, &mut session, effects);
                        redraw = true;
                    }
                }
                Event::Resize(..) => redraw = true,
                _ => {}
            }
        }
        if let Some(message) = model.unpriced.take() {
            return Ok(Ending::Unpriced(message));
        }
        session.discard(&model);
        Ok(Ending::Quit)
    })();
    ratatui::restore();
    result
}

/// After ratatui's own hook restores the terminal, say where the unsaved
/// changes are.
fn announce_recovery_on_panic(recovery: Option<PathBuf>) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        match &recovery {
            Some(p) => eprintln!(
                "dealbench stopped on an internal error. Unsaved changes (up to a second before) are kept in {}; open the file again to recover them.",
                crate::diag::sanitize(&p.display().to_string())
            ),
            None => eprintln!("dealbench stopped on an internal error."),
        }
    }));
}

/// Carry out the model's effects, reporting results back through `update`.
fn carry_out(model: &mut Model, session: &mut Session, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Quit => model.quit = true,
            Effect::Save {
                text,
                path,
                then_quit,
            } => save(model, session, text, path, then_quit),
            Effect::Reload => {
                let Some(path) = model.file.clone() else {
                    continue;
                };
                let read = crate::scenario::load::read_bounded(&path);
                if let Ok(bytes) = &read {
                    session.wrote(&path, bytes);
                }
                let text = read.map_err(|e| e.to_string()).and_then(|b| {
                    String::from_utf8(b).map_err(|_| "the file is not UTF-8 text".to_string())
                });
                let more = update::update(
                    model,
                    Action::Reloaded(text.map(|t| t.trim_start_matches('\u{feff}').to_string())),
                );
                carry_out(model, session, more);
            }
            Effect::DiscardRecovery => session.discard(model),
            Effect::Price {
                generation,
                scenario,
            } => session.price(generation, scenario, model.shared.clone()),
            Effect::Risk {
                generation,
                scenario,
                table,
            } => session.risk(generation, scenario, table),
            Effect::Write { path, bytes } => {
                let result = crate::store::write_atomic(&path, &bytes)
                    .map(|()| path)
                    .map_err(|e| e.to_string());
                let more = update::update(model, Action::Written(result));
                carry_out(model, session, more);
            }
        }
    }
}

fn save(
    model: &mut Model,
    session: &mut Session,
    text: String,
    path: Option<PathBuf>,
    then_quit: bool,
) {
    let target = path
        .clone()
        .or_else(|| model.file.clone())
        .unwrap_or_else(|| PathBuf::from(DEMO_SAVE_PATH));
    if !model.overwrite && path.is_none() && session.changed_on_disk(&target) {
        let more = update::update(model, Action::SaveBlocked { then_quit });
        carry_out(model, session, more);
        return;
    }
    model.overwrite = false;
    let result = crate::store::write_atomic(&target, text.as_bytes());
    let ok = result.is_ok();
    if ok {
        session.wrote(&target, text.as_bytes());
        model.disk_changed = false;
    }
    let new_path = (path.is_some() || model.file.is_none()).then_some(target);
    if ok && new_path.is_some() {
        // Save as: the work now lives in the new file, so the recovery kept
        // for the file it came from goes (reopening that file must not offer
        // changes already saved elsewhere).
        session.discard(model);
    }
    let result = result.map(|()| text).map_err(|e| e.to_string());
    let more = update::update(
        model,
        Action::Saved {
            result,
            path: new_path,
        },
    );
    carry_out(model, session, more);
    if ok && then_quit {
        model.quit = true;
    }
}
