//! `store::write_atomic` in the ways a save goes right and wrong: the
//! backup, permissions, symlinks, files it must refuse, and failures that
//! must leave the original untouched with a message that says what happened.
//!
//! Three tests need conditions a machine may not offer; each says so on
//! stderr and passes without checking when they are missing:
//! * a read-only directory: permission bits, or `chattr +i` where they do
//!   not bind (root);
//! * a full disk: a 64 KB tmpfs mounted in a private mount namespace
//!   (`unshare --mount`, root);
//! * a write cut short: a file-size limit (`ulimit -f` through /bin/sh).
//!
//! The last two run this test binary again as a child (`child_*` tests do
//! nothing unless `DEALBENCH_STORE_TEST_DIR` is set).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dealbench::store::{backup_path, write_atomic};

const DIR_ENV: &str = "DEALBENCH_STORE_TEST_DIR";
const CHILD_DONE: &str = "dealbench-store-child: checked";

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_new_file_is_created_without_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    write_atomic(&p, b"new").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"new");
    assert_eq!(names(dir.path()), ["deal.toml"]);
}

#[test]
fn each_save_keeps_the_version_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    write_atomic(&p, b"one").unwrap();
    write_atomic(&p, b"two").unwrap();
    write_atomic(&p, b"three").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"three");
    assert_eq!(fs::read(backup_path(&p)).unwrap(), b"two");
    assert_eq!(names(dir.path()), ["deal.toml", "deal.toml.bak"]);
}

#[cfg(unix)]
#[test]
fn permissions_carry_over_to_the_new_file_and_the_backup() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    fs::write(&p, "old").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    write_atomic(&p, b"new").unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&p), 0o640);
    assert_eq!(mode(&backup_path(&p)), 0o640);
}

#[cfg(unix)]
#[test]
fn saving_through_a_chain_of_relative_symlinks_updates_the_real_file() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("deals")).unwrap();
    let real = dir.path().join("deals").join("q3.toml");
    fs::write(&real, "old").unwrap();
    symlink("deals/q3.toml", dir.path().join("current.toml")).unwrap();
    symlink("current.toml", dir.path().join("open-me.toml")).unwrap();
    write_atomic(&dir.path().join("open-me.toml"), b"new").unwrap();
    assert_eq!(fs::read(&real).unwrap(), b"new");
    assert_eq!(fs::read(backup_path(&real)).unwrap(), b"old");
    for link in ["current.toml", "open-me.toml"] {
        let meta = fs::symlink_metadata(dir.path().join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
    }
    assert_eq!(names(dir.path()), ["current.toml", "deals", "open-me.toml"]);
}

#[cfg(unix)]
#[test]
fn saving_through_a_dangling_symlink_creates_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("later.toml", &link).unwrap();
    write_atomic(&link, b"new").unwrap();
    assert_eq!(fs::read(dir.path().join("later.toml")).unwrap(), b"new");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_read_only_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    fs::write(&p, "old").unwrap();
    let mut perms = fs::metadata(&p).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&p, perms).unwrap();
    let err = write_atomic(&p, b"new").unwrap_err().to_string();
    assert!(err.contains("read-only"), "{err}");
    assert!(err.contains("the file on disk is unchanged"), "{err}");
    assert_eq!(fs::read(&p).unwrap(), b"old");
    assert_eq!(names(dir.path()), ["deal.toml"]);
}

#[test]
fn a_directory_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    fs::create_dir(&p).unwrap();
    let err = write_atomic(&p, b"new").unwrap_err().to_string();
    assert!(err.contains("expected a regular file"), "{err}");
    assert!(p.is_dir());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_replaced_nor_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    match Command::new("mkfifo").arg(&p).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: needs mkfifo");
            return;
        }
    }
    let err = write_atomic(&p, b"new").unwrap_err().to_string();
    assert!(err.contains("expected a regular file"), "{err}");
    assert_eq!(names(dir.path()), ["deal.toml"]);
}

#[test]
fn a_backup_that_cannot_be_replaced_stops_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    fs::write(&p, "old").unwrap();
    // A non-empty directory where the .bak goes: the rename onto it fails
    // after the new version was written, for root too.
    fs::create_dir(backup_path(&p)).unwrap();
    fs::write(backup_path(&p).join("keep"), "x").unwrap();
    let err = write_atomic(&p, b"new").unwrap_err().to_string();
    assert!(err.contains("cannot keep the previous version"), "{err}");
    assert!(err.contains("the file on disk is unchanged"), "{err}");
    assert_eq!(fs::read(&p).unwrap(), b"old");
    assert_eq!(names(dir.path()), ["deal.toml", "deal.toml.bak"]);
}

#[test]
fn a_folder_that_is_a_file_fails_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("notes.txt");
    fs::write(&not_a_dir, "x").unwrap();
    let err = write_atomic(&not_a_dir.join("deal.toml"), b"new").unwrap_err();
    assert!(err.path.ends_with("deal.toml"));
    assert!(!err.reason.is_empty());
    assert_eq!(fs::read(&not_a_dir).unwrap(), b"x");
}

#[test]
fn a_hostile_path_cannot_drive_the_terminal_through_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir
        .path()
        .join("no\u{1b}[2Jdir\u{202e}")
        .join("deal\u{7}.toml");
    let err = write_atomic(&p, b"new").unwrap_err().to_string();
    assert!(
        !err.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "{err:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn temp_files_of_dead_or_long_gone_saves_are_swept() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.toml");
    fs::write(&p, "old").unwrap();
    let mut gone = Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let dead = gone.id();
    let live = std::process::id();
    let make = |name: String| {
        let path = dir.path().join(name);
        fs::write(&path, "half a file").unwrap();
        path
    };
    let dead_tmp = make(format!(".deal.toml.{dead}.1.0.tmp"));
    let dead_bak = make(format!(".deal.toml.bak.{dead}.1.0.tmp"));
    let live_old = make(format!(".deal.toml.{live}.2.0.tmp"));
    let live_new = make(format!(".deal.toml.{live}.3.0.tmp"));
    let not_ours = make(".deal.toml.notes.tmp".to_string());
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&live_old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    write_atomic(&p, b"new").unwrap();
    assert!(!dead_tmp.exists() && !dead_bak.exists(), "dead process's");
    assert!(!live_old.exists(), "older than STALE_AFTER");
    assert!(live_new.exists(), "a save of a live process may be running");
    assert!(not_ours.exists(), "not a name write_atomic makes");
}

#[cfg(unix)]
struct ReadOnlyDir {
    dir: PathBuf,
    immutable: bool,
}

#[cfg(unix)]
impl ReadOnlyDir {
    /// Make `dir` read-only by its permission bits, or with `chattr +i`
    /// where those do not bind; None when neither works.
    fn make(dir: &Path) -> Option<ReadOnlyDir> {
        use std::os::unix::fs::PermissionsExt;
        let set = |mode| fs::set_permissions(dir, fs::Permissions::from_mode(mode)).unwrap();
        let probe = dir.join(".probe");
        set(0o555);
        if fs::write(&probe, "").is_err() {
            return Some(ReadOnlyDir {
                dir: dir.to_path_buf(),
                immutable: false,
            });
        }
        fs::remove_file(&probe).unwrap();
        set(0o755);
        let locked = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        let guard = ReadOnlyDir {
            dir: dir.to_path_buf(),
            immutable: locked,
        };
        (locked && fs::write(&probe, "").is_err()).then_some(guard)
    }
}

#[cfg(unix)]
impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.dir).status();
        }
        let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_leaves_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("shared");
    fs::create_dir(&sub).unwrap();
    let p = sub.join("deal.toml");
    fs::write(&p, "old").unwrap();
    let Some(guard) = ReadOnlyDir::make(&sub) else {
        eprintln!("skipped: cannot make a read-only directory (root without chattr +i)");
        return;
    };
    let err = write_atomic(&p, b"new").unwrap_err().to_string();
    drop(guard);
    assert!(err.contains("cannot create a temporary file"), "{err}");
    assert!(err.contains("the file on disk is unchanged"), "{err}");
    assert_eq!(fs::read(&p).unwrap(), b"old");
    assert_eq!(names(&sub), ["deal.toml"]);
}

/// Run the child test `name` through `wrapper` (a command and its
/// arguments before the test binary), with `dir` in its environment.
#[cfg(unix)]
fn run_child(wrapper: &[&str], name: &str, dir: &Path) -> Option<String> {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(wrapper[0])
        .args(&wrapper[1..])
        .arg(&exe)
        .args(["--exact", name, "--nocapture", "--test-threads", "1"])
        .env(DIR_ENV, dir)
        .output()
        .ok()?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name}:\n{stdout}\n{stderr}");
    if let Some(skip) = stdout.lines().find(|l| l.starts_with("skipped:")) {
        eprintln!("{skip}");
        return None;
    }
    assert!(stdout.contains(CHILD_DONE), "{name} did not run:\n{stdout}");
    Some(stdout)
}

/// The parent's directory, when this process is the child.
fn child_dir() -> Option<PathBuf> {
    std::env::var_os(DIR_ENV).map(PathBuf::from)
}

/// Assert a failed save left `file` as `before`, with nothing beside it.
fn assert_untouched(file: &Path, before: &[u8], err: &str, step: &str) {
    assert!(err.contains(step), "{err}");
    assert!(err.contains("the file on disk is unchanged"), "{err}");
    assert_eq!(fs::read(file).unwrap(), before);
    let dir = file.parent().unwrap();
    assert_eq!(names(dir), ["deal.toml"], "no temporary file left");
}

#[cfg(unix)]
#[test]
fn a_write_cut_short_by_a_file_size_limit_leaves_the_original() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("deal.toml"), vec![b'#'; 4096]).unwrap();
    // XFSZ ignored, so the write fails with EFBIG instead of killing.
    let sh = [
        "/bin/sh",
        "-c",
        "trap '' XFSZ; ulimit -f 40 && exec \"$@\"",
        "sh",
    ];
    if !Path::new("/bin/sh").exists() {
        eprintln!("skipped: needs /bin/sh for ulimit -f");
        return;
    }
    run_child(&sh, "child_with_a_file_size_limit", dir.path());
}

#[test]
fn child_with_a_file_size_limit() {
    let Some(dir) = child_dir() else { return };
    let file = dir.join("deal.toml");
    let before = fs::read(&file).unwrap();
    let err = write_atomic(&file, &vec![b'#'; 200_000])
        .unwrap_err()
        .to_string();
    assert_untouched(&file, &before, &err, "cannot write the new version");
    assert!(err.contains("os error 27"), "EFBIG: {err}");
    println!("{CHILD_DONE}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_the_original() {
    let private = ["unshare", "--mount", "--propagation", "private"];
    let usable = Command::new(private[0])
        .args(&private[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    if !usable {
        eprintln!("skipped: needs a private mount namespace (unshare --mount, root)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    run_child(&private, "child_on_a_full_disk", dir.path());
}

#[test]
fn child_on_a_full_disk() {
    let Some(dir) = child_dir() else { return };
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "dealbench-test"])
        .arg(&dir)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        println!("skipped: cannot mount a 64 KB tmpfs");
        return;
    }
    let file = dir.join("deal.toml");
    // No room for the new version.
    let before = vec![b'a'; 20 * 1024];
    fs::write(&file, &before).unwrap();
    let err = write_atomic(&file, &vec![b'b'; 100 * 1024])
        .unwrap_err()
        .to_string();
    assert_untouched(&file, &before, &err, "cannot write the new version");
    assert!(err.contains("os error 28"), "ENOSPC: {err}");
    // Room for the new version, none for the backup of the old one.
    let before = vec![b'c'; 24 * 1024];
    fs::write(&file, &before).unwrap();
    let err = write_atomic(&file, &vec![b'd'; 24 * 1024])
        .unwrap_err()
        .to_string();
    assert_untouched(&file, &before, &err, "cannot keep the previous version");
    assert!(err.contains("os error 28"), "ENOSPC: {err}");
    println!("{CHILD_DONE}");
}
