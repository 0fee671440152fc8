//! End to end: the real binary in tmux, driven with send-keys and read with
//! capture-pane, as a negotiator would use it. Needs tmux: without it the
//! test says so and skips, unless DEALBENCH_REQUIRE_TMUX is set (as .ci/run
//! does), in which case a missing tmux fails.

use std::path::Path;

mod common;

use common::tmux::Tmux;

fn scenario_copy(dir: &Path) -> std::path::PathBuf {
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/examples/pilot-to-enterprise.toml");
    let dst = dir.join("pilot.toml");
    std::fs::write(&dst, std::fs::read(src).unwrap()).unwrap();
    dst
}

#[test]
fn move_a_lever_save_and_quit_in_a_real_terminal() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_copy(dir.path());
    let original = std::fs::read_to_string(&file).unwrap();
    let cmd = format!("{} {}", env!("CARGO_BIN_EXE_dealbench"), file.display());
    let t = Tmux::start("save", &cmd, 160, 48);
    let first = t.wait_for("On the table: Vendor quote (1/2)");
    assert!(
        first.contains("$447,120.00"),
        "the vendor's total in full:\n{first}"
    );
    // Three seats up: 303 seats; each adds 12 × 60 + 12 × 64.20 = 1,490.40.
    t.keys(&["Right", "Right", "Right"]);
    let moved = t.wait_for("$451,591.20");
    assert!(moved.contains("303"), "{moved}");
    assert!(moved.contains("[modified]"));
    t.keys(&["s"]);
    t.wait_for("saved /");
    t.keys(&["q"]);
    t.wait_ended();
    let saved = std::fs::read_to_string(&file).unwrap();
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, vec![("seats = 300", "seats = 303")]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pilot.toml.bak")).unwrap(),
        original
    );
}

#[test]
fn quitting_with_unsaved_changes_asks_first_and_at_80x24_the_total_shows() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_copy(dir.path());
    let original = std::fs::read_to_string(&file).unwrap();
    let cmd = format!("{} {}", env!("CARGO_BIN_EXE_dealbench"), file.display());
    let t = Tmux::start("quit", &cmd, 80, 24);
    t.wait_for("Total $447,120.00");
    t.keys(&["]", "Left"]);
    t.wait_for("One year, right-size at renewal (2/2)");
    t.keys(&["q"]);
    t.wait_for("unsaved changes");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_for("unsaved changes");
    t.keys(&["q"]);
    t.wait_ended();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        original,
        "quit without saving leaves the file"
    );
}

#[test]
fn make_a_variant_undo_save_and_compare_in_a_real_terminal() {
    if !Tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_copy(dir.path());
    let original = std::fs::read_to_string(&file).unwrap();
    let cmd = format!("{} {}", env!("CARGO_BIN_EXE_dealbench"), file.display());
    let t = Tmux::start("variant", &cmd, 160, 48);
    t.wait_for("On the table: Vendor quote (1/2)");
    // A variant of the counter-offer, named by typing.
    t.keys(&["]", "n"]);
    t.wait_for("Name the new counter-offer");
    t.text("Fifty more");
    t.keys(&["Enter"]);
    t.wait_for("On the table: Fifty more (3/3)");
    // 150 → 200 seats: Shift+→ twice is 50 seats.
    t.keys(&["S-Right", "S-Right"]);
    t.wait_for("200");
    // Undo the seats, redo them, then undo once more: back to 150.
    t.keys(&["u"]);
    let undone = t.wait_for("Fifty more (3/3)");
    assert!(undone.contains("175"), "one coarse step undone:\n{undone}");
    t.keys(&["C-r"]);
    t.wait_for("200");
    t.keys(&["s"]);
    t.wait_for("saved /");
    t.keys(&["c"]);
    let compare = t.wait_for("Compare — every offer side by side");
    assert!(
        compare.contains("Fifty more") && compare.contains("★"),
        "{compare}"
    );
    t.keys(&["Left", "Left", "Enter"]);
    t.wait_for("On the table: Vendor quote (1/3)");
    t.keys(&["q"]);
    t.wait_ended();
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.starts_with(original.trim_end()),
        "the existing offers are untouched"
    );
    assert_eq!(
        &saved[original.trim_end().len()..],
        "\n\n[[offer]]\nname = \"Fifty more\"\nby = \"us\"\nbased_on = \"One year, right-size at renewal\"\nseats = 200\n"
    );
}
