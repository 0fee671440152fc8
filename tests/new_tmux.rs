//! End to end: `dealbench new` in a real terminal (tmux) creates a scenario
//! from nothing through its form, opens the workbench on it with the
//! counter-offer on the table, saves after a lever move, and `report` on
//! the file agrees. Skips without tmux unless DEALBENCH_REQUIRE_TMUX is set.

mod common;

use common::tmux::Tmux;

#[test]
fn a_scenario_from_nothing_in_the_form_then_the_workbench_and_report() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.toml");
    let cmd = format!("{} new {}", env!("CARGO_BIN_EXE_dealbench"), file.display());
    let t = Tmux::start("new", &cmd, 80, 24);
    t.wait_for("Deal name");
    t.text("Acme 2027");
    // Currency, start, usage file and API usage keep their defaults.
    t.keys(&["Enter", "Enter", "Enter", "Enter", "Enter"]);
    t.wait_for("Region name");
    for v in ["North America", "1200", "600", "420", "330", "180"] {
        t.text(v);
        t.keys(&["Enter"]);
    }
    t.wait_for("Seats the vendor quotes");
    t.text("1,000");
    t.keys(&["Enter"]);
    t.text("55");
    t.keys(&["Enter"]);
    // A term the form refuses, then the right one.
    t.keys(&["C-u"]);
    t.text("0");
    t.keys(&["Enter"]);
    t.wait_for("expected a number of months from 1 to 600");
    t.keys(&["C-u"]);
    t.text("24");
    t.keys(&["C-s"]);
    // The workbench, on the counter-offer: ⌈330 × 1.15⌉ = 380 seats.
    let bench = t.wait_for("Counter-offer (2/2)");
    assert!(bench.contains("380"), "{bench}");
    assert!(file.exists());
    t.keys(&["Right"]);
    t.wait_for("381");
    t.keys(&["s"]);
    t.wait_for("saved /");
    t.keys(&["q"]);
    t.wait_ended();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("seats = 381"), "{text}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["report", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let offers = report["offers"].as_array().unwrap();
    // 1,000 seats × 24 × 55 with no uplift; the counter at 381 seats.
    assert_eq!(offers[0]["total"], "1320000.00");
    assert_eq!(offers[1]["name"], "Counter-offer");
    assert_eq!(offers[1]["total"], "502920.00");
}
