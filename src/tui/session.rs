//! What the workbench does around the model while it runs: it watches the
//! file for changes made elsewhere, keeps the unsaved changes in a recovery
//! file (written within two seconds of each change, removed by a clean save
//! or quit), offers that recovery when the file is opened again, and stops
//! cleanly on SIGTERM or SIGHUP with the changes kept.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::DEMO_SAVE_PATH;
use super::action::Action;
use super::model::{Mode, Model};
use crate::store::{self, Fingerprint, OnDisk};

/// How often the file is checked for changes made elsewhere.
const POLL: Duration = Duration::from_secs(1);
/// Unsaved changes reach the recovery file at most this long after a change.
const RECOVERY_EVERY: Duration = Duration::from_millis(900);

/// The state of the workbench's files.
pub struct Session {
    /// The file the fingerprint describes.
    file: Option<PathBuf>,
    fingerprint: Option<Fingerprint>,
    last_poll: Instant,
    last_recovery: Option<Instant>,
    /// The text the recovery file holds now, if one was written.
    recovered: Option<String>,
    /// Set by SIGTERM or SIGHUP.
    pub stop: Arc<AtomicBool>,
    /// Set once the loop has seen `stop` (or has ended), for the watchdog.
    handled: Arc<AtomicBool>,
    /// Where background pricing reports ([`Session::price`]).
    priced: (Sender<Action>, Receiver<Action>),
}

/// How long the loop has to answer a stop signal before the watchdog ends
/// the process. A terminal that has gone away (the window closed) can hold
/// the terminal library's input reader in a loop the workbench never gets
/// back from; the recovery file is then at most a second old.
const STOP_GRACE: Duration = Duration::from_secs(1);

/// Watch for a stop signal the loop does not answer, and end the process.
fn watchdog(stop: Arc<AtomicBool>, handled: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if handled.load(Ordering::Relaxed) {
                return;
            }
            if stop.load(Ordering::Relaxed) {
                std::thread::sleep(STOP_GRACE);
                if !handled.load(Ordering::Relaxed) {
                    ratatui::restore();
                    std::process::exit(1);
                }
                return;
            }
        }
    });
}

impl Session {
    /// Start watching `model`'s file, which was loaded from `bytes`.
    pub fn start(model: &Model, bytes: Option<&[u8]>) -> Session {
        let fingerprint = match (&model.file, bytes) {
            (Some(p), Some(b)) => Fingerprint::of_bytes(p, b).ok(),
            _ => None,
        };
        let stop = Arc::new(AtomicBool::new(false));
        for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
            let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
        }
        let handled = Arc::new(AtomicBool::new(false));
        watchdog(Arc::clone(&stop), Arc::clone(&handled));
        Session {
            file: model.file.clone(),
            fingerprint,
            last_poll: Instant::now(),
            last_recovery: None,
            recovered: None,
            stop,
            handled,
            priced: channel(),
        }
    }

    /// Price `scenario` on a thread of its own; the result comes back
    /// through [`Session::tick`] as [`Action::Priced`] tagged `generation`.
    pub fn price(
        &self,
        generation: u64,
        scenario: Box<crate::scenario::Scenario>,
        shared: std::sync::Arc<crate::engine::Shared>,
    ) {
        let tx = self.priced.0.clone();
        std::thread::spawn(move || {
            let result = Box::new(crate::engine::evaluate_on(&scenario, &shared));
            let _ = tx.send(Action::Priced { generation, result });
        });
    }

    /// Compute the risk figures on a thread of their own; they come back
    /// through [`Session::tick`] as [`Action::RiskDone`] tagged `generation`.
    pub fn risk(&self, generation: u64, scenario: Box<crate::scenario::Scenario>, table: usize) {
        let tx = self.priced.0.clone();
        std::thread::spawn(move || {
            let result = Box::new(crate::tui::model::risk::compute(&scenario, table));
            let _ = tx.send(Action::RiskDone { generation, result });
        });
    }

    /// The path recovery files are keyed on: the file, or where the demo
    /// would be saved.
    fn key(model: &Model) -> PathBuf {
        model
            .file
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEMO_SAVE_PATH))
    }

    /// Where the recovery file of this model is (for messages).
    pub fn recovery_path(model: &Model) -> Option<PathBuf> {
        store::recovery_path(&Session::key(model))
    }

    /// If an earlier session left unsaved changes, ask whether to recover.
    pub fn offer_recovery(&mut self, model: &mut Model) {
        let Ok(Some(r)) = store::find_recovery(&Session::key(model)) else {
            return;
        };
        let saved_at: DateTime<Utc> = r.saved_at.into();
        model.recovery = Some(r.text.clone());
        model.mode = Mode::Recover {
            saved_at: saved_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            file_changed_since: r.file_changed_since,
        };
        self.recovered = Some(r.text);
    }

    /// Once per loop turn: watch the file, keep the recovery file current.
    /// Returns what the model must hear.
    pub fn tick(&mut self, model: &Model) -> Vec<Action> {
        let mut out: Vec<Action> = self.priced.1.try_iter().collect();
        if self.last_poll.elapsed() >= POLL {
            self.last_poll = Instant::now();
            if let (Some(p), Some(fp)) = (&self.file, self.fingerprint.as_mut())
                && !model.disk_changed
                && fp.poll(p) != OnDisk::Unchanged
            {
                out.push(Action::DiskChanged);
            }
        }
        self.keep_recovery(model, false);
        out
    }

    /// Write the recovery file when there are unsaved changes it does not
    /// hold yet (at once with `now`), remove it when there are none.
    pub fn keep_recovery(&mut self, model: &Model, now: bool) {
        if model.recovery.is_some() {
            return;
        }
        if !model.dirty() {
            if self.recovered.take().is_some() {
                let _ = store::discard_recovery(&Session::key(model));
            }
            return;
        }
        let due = now
            || self
                .last_recovery
                .is_none_or(|t| t.elapsed() >= RECOVERY_EVERY);
        if !due {
            return;
        }
        let Ok(text) = model.file_text() else { return };
        if self.recovered.as_deref() == Some(text.as_str()) {
            return;
        }
        if store::write_recovery(&Session::key(model), &text).is_ok() {
            self.recovered = Some(text);
            self.last_recovery = Some(Instant::now());
        }
    }

    /// Before saving over `path`: has it changed since it was loaded?
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        match (&self.file, &self.fingerprint) {
            (Some(f), Some(fp)) if store::resolve_target(f) == store::resolve_target(path) => {
                store::changed_on_disk(path, fp)
            }
            _ => false,
        }
    }

    /// The model's file now holds `bytes` (a save or a reload).
    pub fn wrote(&mut self, path: &Path, bytes: &[u8]) {
        self.file = Some(path.to_path_buf());
        self.fingerprint = Fingerprint::of_bytes(path, bytes).ok();
    }

    /// The recovery file is no longer wanted (discarded, or a clean quit).
    pub fn discard(&mut self, model: &Model) {
        self.recovered = None;
        let _ = store::discard_recovery(&Session::key(model));
    }

    /// A signal asked the workbench to stop; the loop answers it now.
    pub fn stopping(&self) -> bool {
        let stop = self.stop.load(Ordering::Relaxed);
        if stop {
            self.handled.store(true, Ordering::Relaxed);
        }
        stop
    }
}

impl Drop for Session {
    /// The loop has ended: the watchdog has nothing left to guard.
    fn drop(&mut self) {
        self.handled.store(true, Ordering::Relaxed);
    }
}
