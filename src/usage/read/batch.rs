//! What the parsing thread hands the counting one: rows parsed into one
//! buffer, a batch at a time, each batch sent back once counted so no
//! memory is allocated per batch; and the counting.

use std::sync::mpsc::{Receiver, SyncSender};

use super::BATCH_ROWS;
use crate::usage::activity::{Activity, NEVER};
use crate::usage::dates::Local;

/// Parsed rows: user ids and region names end to end in one buffer.
#[derive(Default)]
pub(super) struct Batch {
    bytes: Vec<u8>,
    /// Per row: end of the user id, end of the region, local time
    /// ([`NEVER`]: listed without activity).
    ends: Vec<(usize, usize, Local)>,
}

impl Batch {
    pub(super) fn with_capacity(rows: usize) -> Batch {
        Batch {
            bytes: Vec::with_capacity(rows * 32),
            ends: Vec::with_capacity(rows),
        }
    }

    pub(super) fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }

    pub(super) fn push(&mut self, user: &[u8], region: &[u8], local: Local) {
        self.bytes.extend_from_slice(user);
        let user_end = self.bytes.len();
        self.bytes.extend_from_slice(region);
        self.ends.push((user_end, self.bytes.len(), local));
    }

    /// Each row's user id, region and local time.
    pub(super) fn rows(&self) -> impl Iterator<Item = (&[u8], &[u8], Local)> {
        let mut start = 0;
        self.ends.iter().map(move |&(user_end, region_end, local)| {
            let user = &self.bytes[start..user_end];
            start = region_end;
            (user, &self.bytes[user_end..region_end], local)
        })
    }
}

/// Send `batch` on once full, going on with a spare; false when the
/// counting side has stopped.
pub(super) fn hand_on(
    batch: &mut Batch,
    sink: &SyncSender<Batch>,
    spares: &Receiver<Batch>,
) -> bool {
    if batch.ends.len() < BATCH_ROWS {
        return true;
    }
    let next = spares
        .try_recv()
        .unwrap_or_else(|_| Batch::with_capacity(BATCH_ROWS));
    sink.send(std::mem::replace(batch, next)).is_ok()
}

/// Send the last rows on.
pub(super) fn finish(batch: Batch, sink: &SyncSender<Batch>) {
    if !batch.ends.is_empty() {
        // The counting side only hangs up after this side is done.
        let _ = sink.send(batch);
    }
}

/// Count a batch of parsed rows into `activity`.
pub(super) fn count(batch: &Batch, activity: &mut Activity, all: u32, with_region: bool) {
    for (user, region, local) in batch.rows() {
        let region = match (with_region, activity.roster) {
            (true, _) => Some(activity.region(region)),
            (false, true) => None,
            (false, false) => Some(all),
        };
        if local == NEVER {
            activity.list(user, region.unwrap_or(all));
        } else {
            activity.record(user, region, local);
        }
    }
}
