//! Writing the user's files safely.
//!
//! [`write_atomic`] never leaves a half-written file: it writes a temporary
//! file in the same directory, flushes and fsyncs it, gives it the original's
//! permissions, keeps the previous version as `FILE.bak`, renames the new
//! file over the target and fsyncs the directory. Saving through a symlink
//! updates the file it points to. A failed save leaves the original as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a save failed; the original file is untouched in every case.
#[derive(Debug, thiserror::Error)]
#[error("cannot save '{path}': {reason}; the file on disk is unchanged")]
pub struct SaveError {
    pub path: String,
    pub reason: String,
}

/// The file a path names after following symlinks (the path itself when it
/// does not exist yet).
pub fn resolve_target(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
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
    let target = resolve_target(path);
    let fail = |e: io::Error| SaveError {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old_meta = fs::metadata(&target).ok();
    let (tmp_path, mut tmp) = create_temp(&dir, &file_name).map_err(fail)?;
    let written = (|| {
        tmp.write_all(bytes)?;
        tmp.flush()?;
        if let Some(meta) = &old_meta {
            fs::set_permissions(&tmp_path, meta.permissions())?;
        }
        tmp.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp_path);
        return Err(fail(e));
    }
    drop(tmp);
    if old_meta.is_some() {
        if let Err(e) = keep_backup(&target) {
            let _ = fs::remove_file(&tmp_path);
            return Err(fail(e));
        }
    }
    if let Err(e) = fs::rename(&tmp_path, &target) {
        let _ = fs::remove_file(&tmp_path);
        return Err(fail(e));
    }
    sync_dir(&dir);
    Ok(())
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
    let (tmp_path, mut tmp) = create_temp(&dir, &name)?;
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

fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let p = dir.join(format!(".{name}.{pid}.{nanos}.{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&p) {
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

    #[cfg(unix)]
    #[test]
    fn saving_through_a_symlink_updates_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_failed_save_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let missing_dir = dir.path().join("nope").join("deal.toml");
        assert!(write_atomic(&missing_dir, b"x").is_err());
    }
}
