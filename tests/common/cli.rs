//! Running the real binary from a test: a subcommand with its arguments,
//! and the pieces of its output a test reads.

use std::path::Path;
use std::process::{Command, Output};

/// The `dealbench` binary cargo built for the tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_dealbench");

/// `dealbench usage ARGS…`.
pub fn usage(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("usage")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A test path as an argument.
pub fn path(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// What the run printed on stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
