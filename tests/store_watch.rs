//! Changed-on-disk detection: a colleague's edit, a `git pull` or a
//! re-pointed symlink is noticed; our own save, a `touch` or a rewrite of
//! the same bytes is not a change.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use dealbench::store::{Fingerprint, OnDisk, changed_on_disk, write_atomic};

fn set_mtime(path: &Path, when: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

fn scenario(dir: &Path, text: &str) -> (std::path::PathBuf, Fingerprint) {
    let p = dir.join("deal.toml");
    fs::write(&p, text).unwrap();
    let fp = Fingerprint::of_bytes(&p, text.as_bytes()).unwrap();
    (p, fp)
}

#[test]
fn an_untouched_file_has_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (p, fp) = scenario(dir.path(), "seat_price = 60\n");
    assert_eq!(fp.compare(&p), OnDisk::Unchanged);
    assert!(!changed_on_disk(&p, &fp));
    assert_eq!(
        Fingerprint::of_file(&p).unwrap().compare(&p),
        OnDisk::Unchanged
    );
}

#[test]
fn an_edit_is_detected_even_of_the_same_size_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (p, fp) = scenario(dir.path(), "seat_price = 60\n");
    fs::write(&p, "seat_price = 61\n").unwrap();
    assert_eq!(fp.compare(&p), OnDisk::Changed);
    assert!(changed_on_disk(&p, &fp));
}

#[test]
fn an_edit_hidden_by_a_coarse_clock_is_still_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (p, fp) = scenario(dir.path(), "seat_price = 60\n");
    let loaded_mtime = fs::metadata(&p).unwrap().modified().unwrap();
    // Same size, same modification time: only the bytes tell.
    fs::write(&p, "seat_price = 61\n").unwrap();
    set_mtime(&p, loaded_mtime);
    assert!(changed_on_disk(&p, &fp));
}

#[test]
fn our_own_save_is_no_false_alarm() {
    let dir = tempfile::tempdir().unwrap();
    let (p, before) = scenario(dir.path(), "seat_price = 60\n");
    let text = b"seat_price = 55\n";
    write_atomic(&p, text).unwrap();
    let after = Fingerprint::of_bytes(&p, text).unwrap();
    assert!(!changed_on_disk(&p, &after));
    assert!(
        changed_on_disk(&p, &before),
        "the fingerprint of the loaded version no longer matches"
    );
}

#[test]
fn touching_or_rewriting_the_same_bytes_is_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let (p, mut fp) = scenario(dir.path(), "seat_price = 60\n");
    set_mtime(&p, SystemTime::now() + Duration::from_secs(5));
    assert_eq!(fp.poll(&p), OnDisk::Unchanged);
    // A checkout that replaces the file with identical bytes.
    let other = dir.path().join("incoming.toml");
    fs::write(&other, "seat_price = 60\n").unwrap();
    fs::rename(&other, &p).unwrap();
    assert_eq!(fp.poll(&p), OnDisk::Unchanged);
    fs::write(&p, "seat_price = 70\n").unwrap();
    assert_eq!(fp.poll(&p), OnDisk::Changed);
}

#[test]
fn a_poll_of_an_old_quiet_file_trusts_its_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    fs::write(&p, "seat_price = 60\n").unwrap();
    set_mtime(&p, SystemTime::now() - Duration::from_secs(3600));
    let mut fp = Fingerprint::of_file(&p).unwrap();
    assert_eq!(fp.poll(&p), OnDisk::Unchanged);
    fs::write(&p, "seat_price = 61\n").unwrap();
    assert_eq!(fp.poll(&p), OnDisk::Changed, "the edit moved the mtime");
}

#[test]
fn a_deleted_or_moved_file_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let (p, fp) = scenario(dir.path(), "seat_price = 60\n");
    fs::rename(&p, dir.path().join("elsewhere.toml")).unwrap();
    assert_eq!(fp.compare(&p), OnDisk::Missing);
    assert!(changed_on_disk(&p, &fp));
}

#[test]
fn a_git_pull_that_replaces_the_file_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (p, fp) = scenario(dir.path(), "seat_price = 60\n");
    let incoming = dir.path().join(".deal.toml.git-tmp");
    fs::write(&incoming, "seat_price = 58\n").unwrap();
    fs::rename(&incoming, &p).unwrap();
    assert_eq!(fp.compare(&p), OnDisk::Changed);
}

#[cfg(unix)]
#[test]
fn a_symlink_pointed_elsewhere_is_detected() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let q3 = dir.path().join("q3.toml");
    let q4 = dir.path().join("q4.toml");
    let copy = dir.path().join("q3-copy.toml");
    fs::write(&q3, "seat_price = 60\n").unwrap();
    fs::write(&q4, "seat_price = 52\n").unwrap();
    fs::write(&copy, "seat_price = 60\n").unwrap();
    let link = dir.path().join("current.toml");
    symlink("q3.toml", &link).unwrap();
    let fp = Fingerprint::of_file(&link).unwrap();
    let repoint = |to: &str| {
        fs::remove_file(&link).unwrap();
        symlink(to, &link).unwrap();
    };
    repoint("q4.toml");
    assert_eq!(fp.compare(&link), OnDisk::Changed);
    repoint("q3-copy.toml");
    assert_eq!(fp.compare(&link), OnDisk::Unchanged, "same bytes");
    repoint("gone.toml");
    assert_eq!(fp.compare(&link), OnDisk::Missing);
}
