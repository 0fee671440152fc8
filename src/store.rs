//! Keeping the negotiator's files safe: how dealbench writes, backs up,
//! recovers and watches a scenario (docs/files.md tells the user the same).
//!
//! * [`atomic`] — [`write_atomic`]: a save is all or nothing. The new text
//!   goes to a temporary file beside the target, is flushed and fsynced,
//!   the previous version is kept as `FILE.bak`, and a rename puts the new
//!   file in place. A failed save says why and leaves the original as it was.
//! * [`recovery`] — unsaved edits in a recovery file in the user's state
//!   directory, one per scenario, so a crash loses at most the last moments.
//! * [`watch`] — a [`Fingerprint`] of the file as loaded or saved, and
//!   [`changed_on_disk`] to notice a colleague's edit or a `git pull` before
//!   a save overwrites it.
//!
//! Everything here is plain file I/O with no terminal: the workbench decides
//! when to call it and what to show. To add a file dealbench writes, write it
//! through [`atomic`] and describe it in docs/files.md.

pub mod atomic;
pub mod recovery;
pub mod watch;

pub use atomic::{SaveError, backup_path, resolve_target, write_atomic};
pub use recovery::{Recovery, discard_recovery, find_recovery, recovery_path, write_recovery};
pub use watch::{Fingerprint, OnDisk, changed_on_disk};
