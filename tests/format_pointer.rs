//! Every diagnostic `dealbench check` prints for the broken corpus
//! (tests/broken) ends with the docs/format.md section that explains the
//! field at fault — `  see docs/format.md#SECTION` — and that section is
//! on the page.

use std::path::Path;
use std::process::{Command, Output};

/// `dealbench check PATH`.
fn check(path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap()
}

/// What `dealbench check` prints on stderr for a scenario of `text`,
/// which it must refuse with exit status 2.
fn refused(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scenario.toml");
    std::fs::write(&file, text).unwrap();
    let out = check(&file);
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_broken_file_points_into_the_format_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/format.md")).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| !p.ends_with("EXPECTED.toml"))
        .collect();
    files.sort();
    for path in files {
        let out = check(&path);
        let err = String::from_utf8_lossy(&out.stderr);
        // One block per diagnostic, each from its `error:` line.
        let blocks: Vec<&str> = err
            .split("error: ")
            .filter(|b| !b.trim().is_empty())
            .collect();
        assert!(!blocks.is_empty(), "{}: no error", path.display());
        for block in blocks {
            let last = block.trim_end().lines().last().unwrap_or_default();
            let anchor = last
                .strip_prefix("  see docs/format.md#")
                .unwrap_or_else(|| panic!("{}: no pointer after\n{block}", path.display()));
            assert!(
                doc.contains(&format!("<a id=\"{anchor}\"></a>")),
                "{}: docs/format.md has no section '{anchor}'",
                path.display()
            );
            seen.insert(anchor.to_string());
        }
    }
    for anchor in [
        "file",
        "deal",
        "fx",
        "region",
        "workload",
        "offer",
        "offer-api",
        "pricebook-model",
    ] {
        assert!(
            seen.contains(anchor),
            "no broken file points to #{anchor}: {seen:?}"
        );
    }
}

#[test]
fn a_region_fault_points_to_the_region_section() {
    let err = refused(
        "schema = 1\n[deal]\nname = \"x\"\ncurrency = \"USD\"\nstart = 2027-01-01\n\n[[region]]\nid = \"na\"\nheadcount = 10\nprovisioned = 5\nmau = 6\nwau = 3\ndau = 1\n\n[[offer]]\nname = \"v\"\nseats = 5\n",
    );
    assert!(
        err.trim_end()
            .ends_with("11 | mau = 6\n   |       ^\n  see docs/format.md#region"),
        "{err}"
    );
}

#[test]
fn a_missing_table_points_to_its_own_section() {
    let err = refused("[deal]\nname = \"x\"\ncurrency = \"USD\"\nstart = 2027-01-01\n");
    // Each missing piece is explained where the page describes it, not by
    // the [deal] table the pointer (line 1) falls in.
    for (missing, anchor) in [("schema", "file"), ("region", "region"), ("offer", "offer")] {
        let block = err
            .split("error: ")
            .find(|b| b.contains(&format!("is missing `{missing}`")))
            .unwrap_or_else(|| panic!("no message about `{missing}` in\n{err}"));
        assert!(
            block
                .trim_end()
                .ends_with(&format!("see docs/format.md#{anchor}")),
            "`{missing}` should point to #{anchor}:\n{block}"
        );
    }
}
