//! Helpers shared by the integration tests. Each test file uses a part of
//! them, so the rest is unused in that file's build.
#![allow(dead_code)]

pub mod diff;
pub mod keys;
pub mod screen;
pub mod tmux;
