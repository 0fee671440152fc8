//! Keeping the negotiator's files safe: how dealbench writes and backs up a
//! scenario (docs/files.md tells the user the same).
//!
//! * [`atomic`] — [`write_atomic`]: a save is all or nothing. The new text
//!   goes to a temporary file beside the target, is flushed and fsynced,
//!   the previous version is kept as `FILE.bak`, and a rename puts the new
//!   file in place. A failed save says why and leaves the original as it was.
//!
//! Everything here is plain file I/O with no terminal: the workbench decides
//! when to call it and what to show. To add a file dealbench writes, write it
//! through [`atomic`] and describe it in docs/files.md.

pub mod atomic;

pub use atomic::{SaveError, backup_path, resolve_target, write_atomic};
