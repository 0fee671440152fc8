//! End to end: the scenario editor in the real binary, in tmux. A region
//! and a first workload are added in the workbench — to an example file,
//! and to one `dealbench new` started from nothing — saved, the file is
//! opened again, and `dealbench report` gives the totals the workbench
//! showed. Needs tmux: without it the test says so and skips, unless
//! DEALBENCH_REQUIRE_TMUX is set.

use std::path::Path;
use std::process::Command;

mod common;

use common::tmux::Tmux;

/// The header's total of the offer on the table, as shown.
fn total_on_screen(screen: &str) -> String {
    let line = screen
        .lines()
        .find(|l| l.contains("On the table:") && l.contains("total $"))
        .unwrap_or_else(|| panic!("no total on screen:\n{screen}"));
    let at = line.find("total $").unwrap() + "total $".len();
    line[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .replace(',', "")
}

#[test]
fn add_a_region_and_a_workload_save_reopen_and_report_agrees() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/examples/pilot-to-enterprise.toml");
    let file = dir.path().join("pilot.toml");
    std::fs::copy(&src, &file).unwrap();
    author_and_check(&file, "447120.00");
}

#[test]
fn a_scenario_started_with_new_gets_a_region_and_a_workload_in_the_workbench() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fresh.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["new", file.to_str().unwrap(), "--name", "From nothing"])
        .args(["--start", "2027-01-01", "--vendor-seats", "600"])
        .args(["--region", "Headquarters:1000:600:450:380:200"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    author_and_check(&file, "432000.00");
}

/// In the workbench on `file` (whose vendor quote totals `before`): add a
/// region and a workload in the scenario editor, save, quit; the file
/// opened again shows the same total, and `report` agrees.
fn author_and_check(file: &Path, before: &str) {
    let original = std::fs::read_to_string(file).unwrap();
    let cmd = format!("{} {}", env!("CARGO_BIN_EXE_dealbench"), file.display());
    // One tmux server per test: the file's name tells them apart.
    let name = file.file_stem().unwrap().to_string_lossy().to_string();
    let t = Tmux::start(&format!("author-{name}"), &cmd, 160, 48);
    let first = t.wait_for("On the table: Vendor quote (1/2)");
    assert_eq!(total_on_screen(&first), before);
    // The editor, on Regions: a new region, its id and funnel typed.
    t.keys(&["a", "Right", "C-n"]);
    t.wait_for("Region 2 of 2: region-1");
    t.text("latam");
    t.keys(&["Tab", "Tab", "Tab"]);
    t.text("400");
    for figure in ["300", "240", "200", "100"] {
        t.keys(&["Tab"]);
        t.text(figure);
    }
    t.keys(&["Enter"]);
    t.wait_for("Region 2 of 2: latam");
    // Workloads: the file has none; the first one, with its volumes.
    t.keys(&["Right", "C-n"]);
    t.wait_for("Workload 1 of 1: workload-1");
    t.text("drafting");
    t.keys(&["Tab"]);
    t.text("80");
    t.keys(&["Tab"]);
    t.text("8");
    t.keys(&["Enter"]);
    t.wait_for("Workload 1 of 1: drafting");
    t.keys(&["Escape"]);
    let edited = t.wait_for("[modified]");
    let shown = total_on_screen(&edited);
    assert_ne!(shown, before, "the figures followed the edits:\n{edited}");
    t.keys(&["s"]);
    t.wait_for("saved /");
    t.keys(&["q"]);
    t.wait_ended();
    let saved = std::fs::read_to_string(file).unwrap();
    // Every line of the file is still there, in order: only lines added.
    let mut rest = saved.lines();
    for line in original.lines() {
        assert!(rest.any(|l| l == line), "'{line}' went:\n{saved}");
    }
    assert!(
        saved.contains("\n[[region]]\nid = \"latam\"\nheadcount = 400\nprovisioned = 300\nmau = 240\nwau = 200\ndau = 100\n"),
        "{saved}"
    );
    assert!(
        saved.contains("\n[[workload]]\nname = \"drafting\"\ninput_mtok = 80\noutput_mtok = 8\n"),
        "{saved}"
    );
    // Opened again: the same total, and `report` agrees to the cent.
    let again = Tmux::start(&format!("author-again-{name}"), &cmd, 160, 48);
    let reopened = again.wait_for("On the table: Vendor quote (1/2)");
    assert_eq!(total_on_screen(&reopened), shown);
    again.keys(&["q"]);
    again.wait_ended();
    let out = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["report", file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["offers"][0]["name"], "Vendor quote");
    assert_eq!(report["offers"][0]["total"], shown.as_str());
    assert_ne!(
        report["offers"][0]["api_cost"], "0.00",
        "the workload is priced"
    );
}
