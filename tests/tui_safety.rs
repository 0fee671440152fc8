//! The workbench and the file on disk, in a real terminal: a colleague's
//! edit is noticed ("changed on disk") and never silently overwritten;
//! unsaved changes survive a killed process and are offered back
//! ("recover"); SIGTERM keeps them and restores the terminal. Needs tmux
//! (skips, saying so, without it unless DEALBENCH_REQUIRE_TMUX is set).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn available() -> bool {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            assert!(
                std::env::var_os("DEALBENCH_REQUIRE_TMUX").is_none(),
                "tmux is required but missing"
            );
            eprintln!("skipping: tmux is not installed");
        }
        found
    }

    fn start(name: &str, file: &Path, state: &Path) -> Tmux {
        let socket = format!("dealbench-safety-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let cmd = format!(
            "exec env DEALBENCH_STATE_DIR={} {} {}",
            state.display(),
            env!("CARGO_BIN_EXE_dealbench"),
            file.display()
        );
        assert!(
            t.cmd(&["new-session", "-d", "-x", "120", "-y", "40", &cmd])
                .status
                .success()
        );
        t.cmd(&["set-option", "-t", "0", "remain-on-exit", "on"]);
        t
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "0", k]);
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn screen(&self) -> String {
        // -J joins wrapped lines; -S - includes what scrolled off.
        String::from_utf8_lossy(
            &self
                .cmd(&["capture-pane", "-p", "-J", "-S", "-", "-t", "0"])
                .stdout,
        )
        .into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "'{text}' never appeared:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["list-panes", "-t", "0", "-F", "#{pane_pid}"])
                .stdout,
        )
        .trim()
        .to_string()
    }

    fn dead(&self) -> bool {
        String::from_utf8_lossy(
            &self
                .cmd(&["list-panes", "-t", "0", "-F", "#{pane_dead}"])
                .stdout,
        )
        .trim()
            == "1"
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
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
    let t = Tmux::start("disk", &file, &dir.path().join("state"));
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
    t.wait_for("saved");
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
        let t = Tmux::start("kill", &file, &state);
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
        wait_until("the process to die", || t.dead());
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        original,
        "the file itself is untouched"
    );
    let t = Tmux::start("recover", &file, &state);
    let question = t.wait_for("recover");
    assert!(question.contains("Unsaved changes"), "{question}");
    t.keys(&["r"]);
    t.wait_for("recovered the unsaved changes");
    t.keys(&["s"]);
    t.wait_for("saved");
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
    let t = Tmux::start("term", &file, &state);
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
    wait_until("the process to stop", || t.dead());
    let screen = t.wait_for("stopped by a signal");
    assert!(screen.contains("unsaved changes are kept in"), "{screen}");
    assert!(
        !screen.contains("On the table"),
        "the alternate screen is gone:\n{screen}"
    );
    assert_eq!(recovery_files(&state).len(), 1);
}
