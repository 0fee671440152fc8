//! Noticing that the file changed on disk since we loaded or saved it.
//!
//! A [`Fingerprint`] records what the file was: its size, modification
//! time, identity (device and inode on unix) and a hash of its bytes, plus
//! the moment it was taken. [`changed_on_disk`] compares the file now with
//! it, by polling; no watcher thread or inotify is needed, and a check every
//! second or so costs one `stat` while nothing happens.
//!
//! Only a change of content counts: `touch`, a `git checkout` that rewrites
//! the same bytes or a symlink re-pointed to an identical file is no change.
//! When the metadata is unchanged and the file was last modified well before
//! the fingerprint was taken, the content cannot have changed unseen and the
//! bytes are not read; otherwise (a coarse clock, an edit in the same second
//! as our load) they are read and hashed again, so an edit is never missed.
//!
//! The workbench takes a fingerprint of the bytes it loaded and again of the
//! bytes it saved ([`Fingerprint::of_bytes`]), calls [`Fingerprint::poll`]
//! every second or so to show the "changed on disk" banner, and checks
//! [`changed_on_disk`] once more just before a save.

use std::fs::{self, Metadata};
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How much a file system's modification times may lag or round (FAT keeps
/// two-second times): a file modified this close to the fingerprint is
/// always read again.
const CLOCK_SLACK: Duration = Duration::from_secs(3);

/// What the file was when it was loaded or saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    identity: Option<(u64, u64)>,
    hash: u64,
    taken_at: SystemTime,
}

/// The file now, compared with a [`Fingerprint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDisk {
    /// The same bytes as when the fingerprint was taken.
    Unchanged,
    /// Other bytes, or a file that can no longer be read.
    Changed,
    /// No file at that path any more (deleted or moved away).
    Missing,
}

impl Fingerprint {
    /// The fingerprint of the file at `path` (through symlinks) holding
    /// `bytes`: the bytes just loaded from it or saved to it. Prefer this to
    /// [`of_file`](Self::of_file): a colleague's edit that lands between our
    /// read and this call is still reported, because the file is then fresh
    /// and its bytes are compared with `bytes` at the next check.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> io::Result<Fingerprint> {
        let meta = fs::metadata(path)?;
        Ok(Fingerprint::with(&meta, bytes, SystemTime::now()))
    }

    /// The fingerprint of the file at `path` as it is now, read afresh.
    pub fn of_file(path: &Path) -> io::Result<Fingerprint> {
        let taken_at = SystemTime::now();
        let meta = fs::metadata(path)?;
        let bytes = fs::read(path)?;
        Ok(Fingerprint::with(&meta, &bytes, taken_at))
    }

    fn with(meta: &Metadata, bytes: &[u8], taken_at: SystemTime) -> Fingerprint {
        Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            identity: identity(meta),
            hash: hash(bytes),
            taken_at,
        }
    }

    /// The file at `path` now, compared with this fingerprint.
    pub fn compare(&self, path: &Path) -> OnDisk {
        self.look(path).0
    }

    /// Like [`compare`](Self::compare), for a regular poll: when the bytes
    /// are unchanged but had to be read (the metadata moved, or the file was
    /// fresh), the fingerprint is brought up to date so that later polls of
    /// a quiet file cost one `stat`.
    pub fn poll(&mut self, path: &Path) -> OnDisk {
        let (state, refreshed) = self.look(path);
        if let Some(newer) = refreshed {
            *self = newer;
        }
        state
    }

    /// The comparison, and a fresher fingerprint when the bytes were read
    /// and found unchanged.
    fn look(&self, path: &Path) -> (OnDisk, Option<Fingerprint>) {
        let taken_at = SystemTime::now();
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (OnDisk::Missing, None),
            Err(_) => return (OnDisk::Changed, None),
        };
        if self.same_metadata(&meta) && self.settled() {
            return (OnDisk::Unchanged, None);
        }
        match fs::read(path) {
            Ok(bytes) if hash(&bytes) == self.hash => {
                let newer = Fingerprint::with(&meta, &bytes, taken_at);
                (OnDisk::Unchanged, Some(newer))
            }
            Ok(_) => (OnDisk::Changed, None),
            Err(e) if e.kind() == io::ErrorKind::NotFound => (OnDisk::Missing, None),
            Err(_) => (OnDisk::Changed, None),
        }
    }

    fn same_metadata(&self, meta: &Metadata) -> bool {
        meta.len() == self.len
            && meta.modified().ok() == self.modified
            && identity(meta) == self.identity
    }

    /// The file was last modified well before the fingerprint was taken, so
    /// an edit since would have moved its modification time.
    fn settled(&self) -> bool {
        match self.modified {
            Some(m) => m
                .checked_add(CLOCK_SLACK)
                .is_some_and(|late| late < self.taken_at),
            None => false,
        }
    }
}

/// True when the file at `path` no longer holds the bytes `known` was taken
/// of: edited, replaced, deleted or unreadable.
pub fn changed_on_disk(path: &Path, known: &Fingerprint) -> bool {
    known.compare(path) != OnDisk::Unchanged
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

#[cfg(unix)]
fn identity(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_file_is_read_again_and_an_old_one_is_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("deal.toml");
        fs::write(&p, "a").unwrap();
        let fresh = Fingerprint::of_file(&p).unwrap();
        assert!(!fresh.settled());
        let mut old = fresh.clone();
        old.taken_at = SystemTime::now() + Duration::from_secs(60);
        assert!(old.settled());
        assert_eq!(old.compare(&p), OnDisk::Unchanged);
    }
}
