//! Recovery files: where they go, what they hold, when they are offered and
//! when they disappear.
//!
//! Most tests use a `RecoveryStore` under a temporary state directory. The
//! environment (DEALBENCH_STATE_DIR, and on Linux XDG_STATE_HOME and HOME)
//! is tested in a child run of this binary (`child_uses_the_environment`,
//! which does nothing unless `DEALBENCH_RECOVERY_TEST_DIR` is set), so no
//! test touches the real home directory or another test's environment.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use dealbench::scenario::load_file;
use dealbench::store::recovery::{RecoveryStore, STATE_DIR_ENV};
use dealbench::store::{discard_recovery, find_recovery, recovery_path, write_recovery};

const SCENARIO: &str = include_str!("data/examples/seat-sizing.toml");
const CHILD_ENV: &str = "DEALBENCH_RECOVERY_TEST_DIR";
const CHILD_DONE: &str = "dealbench-recovery-child: checked";

fn setup() -> (tempfile::TempDir, RecoveryStore, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::under(&dir.path().join("state"));
    let file = dir.path().join("deal.toml");
    fs::write(&file, SCENARIO).unwrap();
    (dir, store, file)
}

fn edited() -> String {
    SCENARIO.replace("seats = 650", "seats = 640")
}

#[test]
fn unsaved_work_is_written_and_found_again() {
    let (_dir, store, file) = setup();
    let path = store.write(&file, &edited()).unwrap();
    assert_eq!(path, store.path_for(&file));
    assert!(path.starts_with(store.dir()));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("deal-") && name.ends_with(".toml"),
        "{name}"
    );
    let found = store.find(&file).unwrap().expect("a recovery");
    assert_eq!(found.path, path);
    assert_eq!(found.text, edited());
    assert!(!found.file_changed_since);
    let age = SystemTime::now().duration_since(found.saved_at).unwrap();
    assert!(age < Duration::from_secs(60));
}

#[test]
fn the_recovery_file_is_itself_a_scenario_naming_its_original() {
    let (_dir, store, file) = setup();
    let path = store.write(&file, &edited()).unwrap();
    let content = fs::read_to_string(&path).unwrap();
    let real = fs::canonicalize(&file).unwrap();
    assert!(content.contains(&real.display().to_string()), "{content}");
    assert!(content.ends_with(&edited()));
    let s = load_file(&path).unwrap();
    assert_eq!(s.deal.name, "Seat count sized to real usage");
}

#[test]
fn a_later_write_replaces_the_recovery_and_leaves_nothing_else() {
    let (_dir, store, file) = setup();
    store.write(&file, "first").unwrap();
    store.write(&file, &edited()).unwrap();
    assert_eq!(store.find(&file).unwrap().unwrap().text, edited());
    let names: Vec<_> = fs::read_dir(store.dir()).unwrap().collect();
    assert_eq!(names.len(), 1, "no .bak, no temporary file");
}

#[test]
fn files_of_the_same_name_in_different_folders_never_collide() {
    let (dir, store, file) = setup();
    fs::create_dir(dir.path().join("q4")).unwrap();
    let other = dir.path().join("q4").join("deal.toml");
    fs::write(&other, SCENARIO).unwrap();
    assert_ne!(store.path_for(&file), store.path_for(&other));
    store.write(&file, "ours").unwrap();
    store.write(&other, "theirs").unwrap();
    assert_eq!(store.find(&file).unwrap().unwrap().text, "ours");
    assert_eq!(store.find(&other).unwrap().unwrap().text, "theirs");
}

#[test]
fn every_name_of_the_same_file_finds_the_same_recovery() {
    let (dir, store, file) = setup();
    let dotted = dir
        .path()
        .join(".")
        .join("sub")
        .join("..")
        .join("deal.toml");
    fs::create_dir(dir.path().join("sub")).unwrap();
    assert_eq!(store.path_for(&dotted), store.path_for(&file));
    #[cfg(unix)]
    {
        let link = dir.path().join("current.toml");
        std::os::unix::fs::symlink("deal.toml", &link).unwrap();
        assert_eq!(store.path_for(&link), store.path_for(&file));
    }
}

#[test]
fn discard_removes_it_and_is_quiet_when_there_is_none() {
    let (_dir, store, file) = setup();
    store.discard(&file).unwrap();
    store.write(&file, &edited()).unwrap();
    store.discard(&file).unwrap();
    assert_eq!(store.find(&file).unwrap(), None);
    assert!(!store.path_for(&file).exists());
}

#[test]
fn no_recovery_is_none() {
    let (_dir, store, file) = setup();
    assert_eq!(store.find(&file).unwrap(), None);
}

#[test]
fn a_recovery_equal_to_the_file_holds_nothing_and_is_removed() {
    let (_dir, store, file) = setup();
    store.write(&file, SCENARIO).unwrap();
    assert_eq!(store.find(&file).unwrap(), None);
    assert!(!store.path_for(&file).exists());
}

#[test]
fn a_file_changed_after_the_recovery_is_flagged_not_hidden() {
    let (_dir, store, file) = setup();
    store.write(&file, &edited()).unwrap();
    fs::write(&file, SCENARIO.replace("seats = 650", "seats = 700")).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(10))
        .unwrap();
    let found = store.find(&file).unwrap().expect("still offered");
    assert!(found.file_changed_since);
    assert_eq!(found.text, edited());
}

#[test]
fn a_recovery_outlives_its_deleted_file() {
    let (_dir, store, file) = setup();
    store.write(&file, &edited()).unwrap();
    let path_before = store.path_for(&file);
    fs::remove_file(&file).unwrap();
    assert_eq!(store.path_for(&file), path_before);
    let found = store.find(&file).unwrap().expect("the work is still there");
    assert_eq!(found.text, edited());
    assert!(!found.file_changed_since);
}

#[test]
fn a_foreign_file_at_the_recovery_path_is_an_error_and_kept() {
    let (_dir, store, file) = setup();
    let path = store.write(&file, &edited()).unwrap();
    fs::write(&path, "schema = 1\n# edited by hand\n").unwrap();
    let err = store.find(&file).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert!(err.to_string().contains("not a dealbench recovery file"));
    assert!(path.exists());
    fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    assert!(store.find(&file).is_err());
}

#[test]
fn a_hostile_file_name_is_kept_out_of_the_recovery_name_and_header() {
    let (dir, store, _file) = setup();
    let file = dir.path().join("\u{1b}[2J\u{202e}lmth.toml");
    fs::write(&file, SCENARIO).unwrap();
    let path = store.write(&file, &edited()).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.is_ascii() && !name.chars().any(|c| c.is_control()),
        "{name:?}"
    );
    let content = fs::read_to_string(&path).unwrap();
    let header: String = content.lines().take(3).collect();
    assert!(!header.chars().any(|c| c.is_control() || c == '\u{202e}'));
    load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.find(&file).unwrap().unwrap().text, edited());
}

#[cfg(unix)]
#[test]
fn recovery_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, store, file) = setup();
    let path = store.write(&file, &edited()).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(store.dir()), 0o700);
}

#[test]
fn an_unwritable_state_directory_fails_with_its_reason() {
    let (dir, _store, file) = setup();
    let blocker = dir.path().join("state-is-a-file");
    fs::write(&blocker, "").unwrap();
    let store = RecoveryStore::under(&blocker);
    let err = store.write(&file, &edited()).unwrap_err().to_string();
    assert!(err.contains("cannot create the folder"), "{err}");
}

/// Run the environment checks in a child with `vars` set (and
/// DEALBENCH_STATE_DIR, XDG_STATE_HOME removed unless given).
fn run_child(scenario_dir: &Path, vars: &[(&str, &Path)]) {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(exe);
    cmd.args(["--exact", "child_uses_the_environment", "--nocapture"])
        .env(CHILD_ENV, scenario_dir)
        .env_remove(STATE_DIR_ENV)
        .env_remove("XDG_STATE_HOME");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains(CHILD_DONE),
        "{vars:?}\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// In the child: the free functions put the recovery where the environment
/// says (the parent checks the files afterwards).
#[test]
fn child_uses_the_environment() {
    let Some(dir) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return;
    };
    let file = dir.join("deal.toml");
    let expected_root = match std::env::var_os(STATE_DIR_ENV) {
        Some(d) => PathBuf::from(d),
        None => match std::env::var_os("XDG_STATE_HOME") {
            Some(d) => PathBuf::from(d).join("dealbench"),
            None => PathBuf::from(std::env::var_os("HOME").unwrap()).join(".local/state/dealbench"),
        },
    };
    let path = recovery_path(&file).unwrap();
    assert!(
        path.starts_with(expected_root.join("recovery")),
        "{} not under {}",
        path.display(),
        expected_root.display()
    );
    assert_eq!(write_recovery(&file, &edited()).unwrap(), path);
    assert_eq!(find_recovery(&file).unwrap().unwrap().text, edited());
    discard_recovery(&file).unwrap();
    assert_eq!(find_recovery(&file).unwrap(), None);
    write_recovery(&file, &edited()).unwrap();
    println!("{CHILD_DONE}");
}

#[test]
fn the_state_dir_override_is_honoured() {
    let (dir, _store, _file) = setup();
    let state = dir.path().join("ci-state");
    run_child(dir.path(), &[(STATE_DIR_ENV, &state)]);
    let left = RecoveryStore::under(&state)
        .find(&dir.path().join("deal.toml"))
        .unwrap();
    assert_eq!(left.map(|r| r.text), Some(edited()));
}

#[cfg(target_os = "linux")]
#[test]
fn on_linux_the_xdg_state_directory_is_used() {
    let (dir, _store, _file) = setup();
    let home = dir.path().join("home");
    let xdg = dir.path().join("xdg-state");
    run_child(dir.path(), &[("HOME", &home)]);
    assert!(home.join(".local/state/dealbench/recovery").is_dir());
    run_child(dir.path(), &[("HOME", &home), ("XDG_STATE_HOME", &xdg)]);
    assert!(xdg.join("dealbench/recovery").is_dir());
}
