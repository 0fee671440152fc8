//! Driving the real binary in tmux, as a negotiator would: start it in a
//! private tmux server, send keys, read the screen. Tests that use it skip,
//! saying so, when tmux is missing — unless DEALBENCH_REQUIRE_TMUX is set
//! (as .ci/run does), when a missing tmux fails.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A private tmux server running one command.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// True when tmux can be used; false (with a note) to skip.
    pub fn available() -> bool {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            assert!(
                std::env::var_os("DEALBENCH_REQUIRE_TMUX").is_none(),
                "tmux is required (DEALBENCH_REQUIRE_TMUX is set) but was not found"
            );
            eprintln!(
                "skipping: tmux is not installed (install it to run the workbench end-to-end tests)"
            );
        }
        found
    }

    /// Run `cmd` in a `w`×`h` window; the pane stays after the command ends.
    pub fn start(name: &str, cmd: &str, w: u16, h: u16) -> Tmux {
        let socket = format!("dealbench-test-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let ok = t
            .cmd(&[
                "new-session",
                "-d",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                cmd,
            ])
            .status
            .success();
        assert!(ok, "tmux new-session failed");
        t.cmd(&["set-option", "-t", "0", "remain-on-exit", "on"]);
        t
    }

    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux runs")
    }

    /// Press keys (tmux key names: `Right`, `S-Right`, `C-r`, `Enter`, `q`).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "0", k]);
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Type `text` literally.
    pub fn text(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "0", "-l", text]);
        std::thread::sleep(Duration::from_millis(40));
    }

    /// The screen, wrapped lines joined, with what scrolled off.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["capture-pane", "-p", "-J", "-S", "-", "-t", "0"])
                .stdout,
        )
        .into_owned()
    }

    /// Wait until the screen shows `text`, or fail with the screen.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "'{text}' never appeared; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The process in the pane.
    pub fn pid(&self) -> String {
        let out = self.cmd(&["list-panes", "-t", "0", "-F", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// True once the command in the pane has ended.
    pub fn ended(&self) -> bool {
        let out = self.cmd(&["list-panes", "-t", "0", "-F", "#{pane_dead}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// Wait for the command to end, or fail.
    pub fn wait_ended(&self) {
        let start = Instant::now();
        while !self.ended() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the workbench did not end:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}
