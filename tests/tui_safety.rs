//! The workbench and the file on disk, in a real terminal: a colleague's
//! edit is noticed ("changed on disk") and never silently overwritten;
//! unsaved changes survive a killed process and are offered back
//! ("recover"); SIGTERM keeps them and restores the terminal. Needs tmux
//! (skips, saying so, without it unless DEALBENCH_REQUIRE_TMUX is set).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

use common::tmux::Tmux;

/// The workbench on `file`, keeping its recovery files under `state`.
fn start(name: &str, file: &Path, state: &Path) -> Tmux {
    let cmd = format!(
        "exec env DEALBENCH_STATE_DIR={} {} {}",
        state.display(),
        env!("CARGO_BIN_EXE_dealbench"),
        file.display()
    );
    Tmux::start(name, &cmd, 120, 40)
}

fn scenario(dir: &Path) -> PathBuf {
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/examples/pilot-to-enterprise.toml");
    let dst = dir.join("pilot.toml");
    std::fs::write(&dst, std::fs::read(src).unwrap()).unwrap();
    dst
}

fn recovery_files(state: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(state.join("recovery"))
        .map_or_else(|_| Vec::new(), |d| d.map(|e| e.unwrap().path()).collect())
}

fn wait_until(what: &str, f: impl Fn() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what} never happened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_colleagues_edit_is_noticed_and_never_silently_overwritten() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = scenario(dir.path());
    let t = start("disk", &file, &dir.path().join("state"));
    t.wait_for("On the table: Vendor quote (1/2)");
    t.keys(&["Right"]);
    t.wait_for("[modified]");
    let theirs = std::fs::read_to_string(&file).unwrap().replace(
        "name = \"Pilot to Enterprise\"",
        "name = \"Pilot (edited by Sam)\"",
    );
    std::fs::write(&file, &theirs).unwrap();
    t.wait_for("changed on disk");
    t.keys(&["s"]);
    let dialog = t.wait_for("Saving now would overwrite");
    assert!(dialog.contains("changed on disk"), "{dialog}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        theirs,
        "nothing written before the choice"
    );
    t.keys(&["O"]);
    t.wait_for("saved /");
    let ours = std::fs::read_to_string(&file).unwrap();
    assert!(ours.contains("seats = 301") && !ours.contains("edited by Sam"));
    // Another edit elsewhere; this time reload takes it.
    std::fs::write(&file, ours.replace("seats = 301", "seats = 280")).unwrap();
    t.wait_for("changed on disk");
    t.keys(&["R"]);
    let reloaded = t.wait_for("reloaded");
    assert!(reloaded.contains("280"), "{reloaded}");
}

#[test]
fn unsaved_changes_survive_a_killed_process_and_are_offered_back() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let file = scenario(dir.path());
    let original = std::fs::read_to_string(&file).unwrap();
    {
        let t = start("kill", &file, &state);
        t.wait_for("On the table: Vendor quote (1/2)");
        t.keys(&["Right", "Right"]);
        t.wait_for("[modified]");
        wait_until("a recovery file", || !recovery_files(&state).is_empty());
        // The promise: the recovery file holds every change two seconds later.
        std::thread::sleep(Duration::from_secs(2));
        let pid = t.pid();
        assert!(
            Command::new("kill")
                .args(["-9", &pid])
                .status()
                .unwrap()
                .success()
        );
        t.wait_ended();
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        original,
        "the file itself is untouched"
    );
    let t = start("recover", &file, &state);
    let question = t.wait_for("recover");
    assert!(question.contains("Unsaved changes"), "{question}");
    t.keys(&["r"]);
    t.wait_for("recovered the unsaved changes");
    t.keys(&["s"]);
    t.wait_for("saved /");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("seats = 302")
    );
    wait_until("the recovery file to go after a clean save", || {
        recovery_files(&state).is_empty()
    });
}

#[test]
fn sigterm_keeps_the_changes_and_restores_the_terminal() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let file = scenario(dir.path());
    let t = start("term", &file, &state);
    t.wait_for("On the table: Vendor quote (1/2)");
    t.keys(&["Right"]);
    t.wait_for("[modified]");
    assert!(
        Command::new("kill")
            .args(["-TERM", &t.pid()])
            .status()
            .unwrap()
            .success()
    );
    t.wait_ended();
    let screen = t.wait_for("stopped by a signal");
    assert!(screen.contains("unsaved changes are kept in"), "{screen}");
    assert!(
        !screen.contains("On the table"),
        "the alternate screen is gone:\n{screen}"
    );
    assert_eq!(recovery_files(&state).len(), 1);
}

/// True while `pid` runs (a zombie waiting to be reaped has ended).
fn running(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map(|s| {
            !s.lines()
                .any(|l| l.starts_with("State:") && l.contains('Z'))
        })
        .unwrap_or(false)
}

#[test]
fn closing_the_terminal_ends_the_workbench_with_the_changes_kept() {
    if !Tmux::available() || !Path::new("/proc/self/status").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let file = scenario(dir.path());
    let t = start("close", &file, &state);
    t.wait_for("On the table: Vendor quote (1/2)");
    t.keys(&["Right"]);
    t.wait_for("[modified]");
    wait_until("a recovery file", || !recovery_files(&state).is_empty());
    let pid = t.pid();
    assert!(running(&pid));
    drop(t); // the terminal goes away: SIGHUP, and no more input
    wait_until("the workbench to end once its terminal is gone", || {
        !running(&pid)
    });
    assert_eq!(
        recovery_files(&state).len(),
        1,
        "the unsaved change is kept"
    );
}

#[test]
fn save_as_takes_the_recovery_with_the_work() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let file = scenario(dir.path());
    let copy = dir.path().join("mine.toml");
    let t = start("saveas", &file, &state);
    t.wait_for("On the table: Vendor quote (1/2)");
    t.keys(&["Right"]);
    wait_until("a recovery file", || !recovery_files(&state).is_empty());
    t.keys(&["S"]);
    t.wait_for("Save as");
    t.text(copy.to_str().unwrap());
    t.keys(&["Enter"]);
    t.wait_for("saved /");
    t.keys(&["q"]);
    t.wait_ended();
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .contains("seats = 301")
    );
    assert!(
        recovery_files(&state).is_empty(),
        "no recovery is left for the file the work came from: {:?}",
        recovery_files(&state)
    );
}
