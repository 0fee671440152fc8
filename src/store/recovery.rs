//! Crash recovery: the workbench's unsaved edits, kept in a file of their
//! own until they are saved or discarded.
//!
//! Each scenario has one recovery file in the `recovery` folder of the
//! user's state directory ([`state_dir`]; `DEALBENCH_STATE_DIR` overrides
//! it). Its name is the scenario's file stem and a hash of the scenario's
//! real path (symlinks followed), so two files called `deal.toml` in
//! different folders never share one: `deal-3fa29c1b2d4e5f60.toml`.
//!
//! The file is the scenario text under a three-line comment naming the
//! scenario it belongs to, so it is itself a valid scenario: a user can open
//! it or copy it over the original by hand. It is written atomically and is
//! readable by its owner only (unix mode 0600, folder 0700), since it holds
//! negotiation figures.
//!
//! Decisions the workbench relies on:
//!
//! * A recovery file is offered even when the scenario changed on disk after
//!   it was written: it still holds the user's unsaved work.
//!   [`Recovery::file_changed_since`] says so, so the workbench can warn that
//!   recovering replaces those changes.
//! * A recovery file whose text equals the scenario on disk holds nothing
//!   unsaved: [`RecoveryStore::find`] deletes it and reports none.
//! * A file at the recovery path that is not a recovery of this scenario
//!   (edited by hand, another scenario's after a hash collision, not UTF-8)
//!   is reported as an error and left alone, never overwritten unseen by a
//!   find.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::atomic::{Replace, SaveError, replace, resolve_target};
use crate::diag::sanitize;

/// The environment variable naming a state directory to use instead of the
/// platform's (tests, CI, a portable setup). Recovery files go to its
/// `recovery` folder.
pub const STATE_DIR_ENV: &str = "DEALBENCH_STATE_DIR";

/// First line of every recovery file.
const HEADER: &str = "# dealbench recovery file: unsaved changes to";
/// Third line: how to use it by hand.
const HOW_TO: &str =
    "# To restore: open that scenario in dealbench and choose recover, or copy this file over it.";

/// Unsaved work found for a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Where the recovery file is.
    pub path: PathBuf,
    /// The scenario text with the unsaved changes, as a save would write it.
    pub text: String,
    /// When the recovery file was last written.
    pub saved_at: SystemTime,
    /// The scenario file was modified after the recovery was written (a
    /// colleague's edit, a `git pull`): recovering replaces those changes.
    pub file_changed_since: bool,
}

/// The folder holding recovery files, and the operations on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// The state directory: `DEALBENCH_STATE_DIR` when `override_dir` (its
/// value) is set and not empty, else the platform's — `$XDG_STATE_HOME/
/// dealbench` or `~/.local/state/dealbench` on Linux, `~/Library/Application
/// Support/dealbench` on macOS, `%LOCALAPPDATA%\dealbench\data` on Windows.
/// None when the system names no home directory.
pub fn state_dir(override_dir: Option<OsString>) -> Option<PathBuf> {
    if let Some(dir) = override_dir.filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        return Some(if dir.is_absolute() {
            dir
        } else {
            std::env::current_dir().map_or(dir.clone(), |cwd| cwd.join(&dir))
        });
    }
    let dirs = directories::ProjectDirs::from("", "", "dealbench")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

impl RecoveryStore {
    /// The store in this user's state directory (see [`state_dir`]).
    pub fn locate() -> Option<RecoveryStore> {
        state_dir(std::env::var_os(STATE_DIR_ENV)).map(|d| RecoveryStore::under(&d))
    }

    /// The store in the `recovery` folder of `state_dir`.
    pub fn under(state_dir: &Path) -> RecoveryStore {
        RecoveryStore {
            dir: state_dir.join("recovery"),
        }
    }

    /// The folder holding the recovery files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the recovery file of the scenario `file` is (or would be).
    pub fn path_for(&self, file: &Path) -> PathBuf {
        self.dir.join(file_name_for(&real_path(file)))
    }

    /// Keep `text`, the scenario with its unsaved changes, as the recovery
    /// of `file`, replacing the previous one atomically. Returns where.
    pub fn write(&self, file: &Path, text: &str) -> Result<PathBuf, SaveError> {
        let real = real_path(file);
        let path = self.dir.join(file_name_for(&real));
        create_private_dir(&self.dir).map_err(|e| SaveError {
            path: path.display().to_string(),
            reason: format!("cannot create the folder '{}': {e}", self.dir.display()),
        })?;
        let content = format!("{}{text}", header(&real));
        let how = Replace {
            backup: false,
            private: true,
        };
        replace(&path, content.as_bytes(), how)?;
        Ok(path)
    }

    /// The unsaved work kept for `file`, if any. A recovery identical to the
    /// file on disk is deleted and not reported (it holds nothing unsaved).
    /// An error means a file is at the recovery path but cannot be read or
    /// is not a recovery of `file`; it is left where it is.
    pub fn find(&self, file: &Path) -> io::Result<Option<Recovery>> {
        let real = real_path(file);
        let path = self.dir.join(file_name_for(&real));
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let saved_at = fs::metadata(&path)?.modified()?;
        let foreign = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "'{}' is not a dealbench recovery file of '{}'",
                    sanitize(&path.display().to_string()),
                    sanitize(&real.display().to_string())
                ),
            )
        };
        let content = String::from_utf8(bytes).map_err(|_| foreign())?;
        let text = content.strip_prefix(&header(&real)).ok_or_else(foreign)?;
        let on_disk = fs::read(&real).ok();
        if on_disk.as_deref().is_some_and(|d| unsaved_equal(d, text)) {
            fs::remove_file(&path)?;
            return Ok(None);
        }
        let file_changed_since = fs::metadata(&real)
            .and_then(|m| m.modified())
            .is_ok_and(|m| m > saved_at);
        Ok(Some(Recovery {
            path,
            text: text.to_string(),
            saved_at,
            file_changed_since,
        }))
    }

    /// Delete the recovery of `file` (after a clean save or quit, or when
    /// the user discards it). No recovery is not an error.
    pub fn discard(&self, file: &Path) -> io::Result<()> {
        match fs::remove_file(self.path_for(file)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Where the recovery file of `file` is, in this user's state directory;
/// None when there is no state directory (no home directory and no
/// `DEALBENCH_STATE_DIR`).
pub fn recovery_path(file: &Path) -> Option<PathBuf> {
    RecoveryStore::locate().map(|s| s.path_for(file))
}

/// [`RecoveryStore::write`] in this user's state directory.
pub fn write_recovery(file: &Path, text: &str) -> Result<PathBuf, SaveError> {
    RecoveryStore::locate()
        .ok_or_else(|| SaveError {
            path: file.display().to_string(),
            reason: format!(
                "found no state directory for its recovery file: set {STATE_DIR_ENV} or HOME"
            ),
        })?
        .write(file, text)
}

/// [`RecoveryStore::find`] in this user's state directory.
pub fn find_recovery(file: &Path) -> io::Result<Option<Recovery>> {
    RecoveryStore::locate().map_or(Ok(None), |s| s.find(file))
}

/// [`RecoveryStore::discard`] in this user's state directory.
pub fn discard_recovery(file: &Path) -> io::Result<()> {
    RecoveryStore::locate().map_or(Ok(()), |s| s.discard(file))
}

/// The scenario's real, absolute path: the identity its recovery is filed
/// under.
fn real_path(file: &Path) -> PathBuf {
    let real = resolve_target(file);
    if real.is_absolute() {
        real
    } else {
        std::env::current_dir().map_or(real.clone(), |cwd| cwd.join(&real))
    }
}

/// `STEM-HASH.toml`: the stem kept to letters, digits, `.`, `_` and `-` (at
/// most 48 of them), the hash of the whole real path in 16 hex digits.
fn file_name_for(real: &Path) -> String {
    let stem: String = real
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(48)
        .collect();
    let stem = stem.trim_start_matches('.');
    let stem = if stem.is_empty() { "scenario" } else { stem };
    format!(
        "{stem}-{:016x}.toml",
        fnv1a(real.as_os_str().as_encoded_bytes())
    )
}

/// FNV-1a, 64 bits: stable across Rust releases and platforms, so a
/// recovery file written by one build is found by the next.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The comment at the top of a recovery file of `real`.
fn header(real: &Path) -> String {
    format!(
        "{HEADER}\n# '{}'\n{HOW_TO}\n",
        sanitize(&real.display().to_string())
    )
}

/// The scenario bytes on disk hold exactly `text` (a leading byte-order
/// mark aside, which the workbench does not keep).
fn unsaved_equal(on_disk: &[u8], text: &str) -> bool {
    let on_disk = on_disk
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(on_disk);
    on_disk == text.as_bytes()
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_a_readable_stem_and_differ_by_folder() {
        let a = file_name_for(Path::new("/deals/q3/northwind.toml"));
        let b = file_name_for(Path::new("/deals/q4/northwind.toml"));
        assert!(a.starts_with("northwind-") && a.ends_with(".toml"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a.len(), "northwind-".len() + 16 + ".toml".len());
        let hostile = file_name_for(Path::new("/x/.\u{1b}[2J ../\u{202e}deal.toml"));
        assert!(
            hostile
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "{hostile}"
        );
    }

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn an_empty_override_is_no_override() {
        let d = state_dir(Some(OsString::from("/tmp/db-state")));
        assert_eq!(d, Some(PathBuf::from("/tmp/db-state")));
        assert_ne!(state_dir(Some(OsString::new())), Some(PathBuf::new()));
    }
}
