//! All-or-nothing saves, with the previous version kept as `FILE.bak`.
//!
//! [`write_atomic`] never leaves a half-written file: it writes a temporary
//! file in the same directory, flushes and fsyncs it, gives it the original's
//! permissions, keeps the previous version as `FILE.bak` (itself written the
//! same way), renames the new file over the target and fsyncs the directory.
//! Whatever moment the process dies at, the target is the old version or the
//! new one, whole. Saving through a symlink updates the file it points to,
//! even when that file does not exist yet.
//!
//! A save refuses a target that is read-only or not a regular file, and a
//! failed save (disk full, read-only directory, a `.bak` that cannot be
//! replaced) says which step failed and leaves the original untouched.
//!
//! Temporary files are named `.NAME.PID.NANOS.N.tmp` (`.NAME.bak.PID.…` for
//! the backup's). A save killed midway leaves one behind; nothing ever reads
//! it, and the next save of a file in that directory deletes those whose
//! process is gone (where `/proc` tells) or that are older than
//! [`STALE_AFTER`].

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::diag::sanitize;

/// Age after which another process's temporary file is certainly stale: no
/// save of a scenario (at most 10 MB) takes this long.
pub const STALE_AFTER: Duration = Duration::from_secs(600);

/// How many symlinks [`resolve_target`] follows by hand before giving up.
const MAX_LINKS: usize = 40;

/// Why a save failed; the original file is untouched in every case.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot save '{}': {}; the file on disk is unchanged",
    sanitize(.path),
    sanitize(.reason)
)]
pub struct SaveError {
    /// The path as the caller named it.
    pub path: String,
    /// Which step failed and the system's reason.
    pub reason: String,
}

/// How [`replace`] treats the file it replaces.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Replace {
    /// Keep the previous version as `FILE.bak`.
    pub backup: bool,
    /// Readable by the owner only (unix mode 0600), whatever the old file's
    /// permissions: for recovery files, which hold negotiation figures.
    pub private: bool,
}

/// The file a path names after following symlinks. A link to a file that
/// does not exist yet resolves to where that file would be; a path that is
/// no link stays as it is.
pub fn resolve_target(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let Ok(next) = fs::read_link(&p) else { break };
        p = match p.parent() {
            Some(dir) => dir.join(next),
            None => next,
        };
    }
    match (p.parent(), p.file_name()) {
        (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => {
            fs::canonicalize(dir).map_or(p.clone(), |d| d.join(name))
        }
        _ => p,
    }
}

/// `FILE.bak` beside `target`.
pub fn backup_path(target: &Path) -> PathBuf {
    let mut name = target
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    target.with_file_name(name)
}

/// Replace the content of `path` with `bytes` atomically, keeping the
/// previous version as `FILE.bak` when there was one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    replace(
        path,
        bytes,
        Replace {
            backup: true,
            private: false,
        },
    )
}

/// The atomic replacement behind [`write_atomic`] and the recovery files.
pub(crate) fn replace(path: &Path, bytes: &[u8], how: Replace) -> Result<(), SaveError> {
    let fail = |reason: String| SaveError {
        path: path.display().to_string(),
        reason,
    };
    let target = resolve_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(fail(
            "expected the path of a file, found no file name".into(),
        ));
    };
    let old = existing(&target).map_err(fail)?;
    sweep_stale(&dir, &name);
    let (tmp_path, tmp) = create_temp(&dir, &name, how.private).map_err(|e| {
        fail(format!(
            "cannot create a temporary file in '{}': {e}",
            dir.display()
        ))
    })?;
    let result = fill(tmp, &tmp_path, bytes, old.as_ref(), how.private)
        .map_err(|e| format!("cannot write the new version: {e}"))
        .and_then(|()| match (&old, how.backup) {
            (Some(_), true) => keep_backup(&target).map_err(|e| {
                format!(
                    "cannot keep the previous version as '{}': {e}",
                    backup_path(&target).display()
                )
            }),
            _ => Ok(()),
        })
        .and_then(|()| {
            fs::rename(&tmp_path, &target)
                .map_err(|e| format!("cannot put the new version in place: {e}"))
        });
    if let Err(reason) = result {
        let _ = fs::remove_file(&tmp_path);
        return Err(fail(reason));
    }
    sync_dir(&dir);
    Ok(())
}

/// The target's metadata when it exists, or why it must not be replaced.
fn existing(target: &Path) -> Result<Option<Metadata>, String> {
    match fs::metadata(target) {
        Ok(m) if !m.is_file() => {
            Err("expected a regular file, found a directory or a device".into())
        }
        Ok(m) if m.permissions().readonly() => {
            Err("the file is read-only: make it writable or save under another name".into())
        }
        Ok(m) => Ok(Some(m)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot look at the file: {e}")),
    }
}

/// Write, flush and fsync the temporary file with its final permissions.
fn fill(
    mut tmp: File,
    tmp_path: &Path,
    bytes: &[u8],
    old: Option<&Metadata>,
    private: bool,
) -> io::Result<()> {
    tmp.write_all(bytes)?;
    tmp.flush()?;
    if private {
        set_private(tmp_path)?;
    } else if let Some(meta) = old {
        fs::set_permissions(tmp_path, meta.permissions())?;
    }
    tmp.sync_all()
}

/// Copy the current target to `FILE.bak` (itself written atomically).
fn keep_backup(target: &Path) -> io::Result<()> {
    let bak = backup_path(target);
    let dir = bak
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = bak
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp_path, mut tmp) = create_temp(&dir, &name, false)?;
    let result = (|| {
        let mut src = File::open(target)?;
        io::copy(&mut src, &mut tmp)?;
        fs::set_permissions(&tmp_path, fs::metadata(target)?.permissions())?;
        tmp.sync_all()?;
        fs::rename(&tmp_path, &bak)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

fn create_temp(dir: &Path, name: &str, private: bool) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let p = dir.join(format!(".{name}.{pid}.{nanos}.{attempt}.tmp"));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    ))
}

#[cfg(unix)]
fn set_private(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// The process id written in a temporary file name of `name` (or of its
/// `.bak`), or None when `entry` is not such a name.
pub(crate) fn temp_owner(entry: &str, name: &str) -> Option<u32> {
    let rest = entry
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?
        .strip_suffix(".tmp")?;
    let rest = rest.strip_prefix("bak.").unwrap_or(rest);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match rest.split('.').collect::<Vec<_>>().as_slice() {
        [pid, nanos, n] if digits(nanos) && digits(n) => pid.parse().ok(),
        _ => None,
    }
}

/// Delete the temporary files of `name` that saves killed midway left in
/// `dir`. Best effort: a file that cannot be removed stays, harmless.
fn sweep_stale(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| temp_owner(n, name)) else {
            continue;
        };
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && (old || (pid != std::process::id() && process_gone(pid))) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// True only when the system says no process `pid` is running.
fn process_gone(pid: u32) -> bool {
    cfg!(target_os = "linux")
        && Path::new("/proc/self").exists()
        && !Path::new("/proc").join(pid.to_string()).exists()
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("deal.toml");
        fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::read_to_string(backup_path(&p)).unwrap(), "old");
    }

    #[test]
    fn a_failed_save_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let missing_dir = dir.path().join("nope").join("deal.toml");
        assert!(write_atomic(&missing_dir, b"x").is_err());
    }

    #[test]
    fn temp_names_are_recognised_and_nothing_else() {
        assert_eq!(temp_owner(".deal.toml.42.123.0.tmp", "deal.toml"), Some(42));
        assert_eq!(
            temp_owner(".deal.toml.bak.42.123.7.tmp", "deal.toml"),
            Some(42)
        );
        for other in [
            "deal.toml",
            ".deal.toml.42.tmp",
            ".deal.toml.x.123.0.tmp",
            ".deal.toml.42.123.0.tmp.keep",
            ".other.toml.42.123.0.tmp",
            ".deal.toml.42.123.0.1.tmp",
        ] {
            assert_eq!(temp_owner(other, "deal.toml"), None, "{other}");
        }
    }

    #[test]
    fn saving_keeps_temp_files_that_may_be_live() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("deal.toml");
        fs::write(&p, "old").unwrap();
        let mine = dir
            .path()
            .join(format!(".deal.toml.{}.1.0.tmp", std::process::id()));
        let other = dir.path().join(".other.toml.4194999.1.0.tmp");
        fs::write(&mine, "partial").unwrap();
        fs::write(&other, "partial").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert!(mine.exists(), "a live process's temp file is kept");
        assert!(other.exists(), "another file's temp file is kept");
    }
}
