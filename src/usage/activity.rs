//! Who was active when: one small record per user, however many rows the
//! export has.
//!
//! Each user id is stored once, as a hash-map key beside its [`UserState`]:
//! the latest local time the user was seen, a 32-bit mask of the days they
//! were active counted back from that latest day, and the index of their
//! region. That is enough to classify the user for any as-of date on or
//! after their latest day, so the log can be streamed in any order and the
//! as-of date may be learnt at its end. Memory grows with users and
//! regions, never with rows.
//!
//! Ids up to [`INLINE_ID`] bytes (most e-mail addresses) sit inside the
//! map's slot, so a lookup touches one slot instead of chasing a pointer to
//! the key and another to the state: on logs of millions of rows these
//! cache misses are most of the time spent.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::dates::{Day, Local, day_of};
use super::regions::Regions;

/// A user who has not been seen active.
pub const NEVER: Local = Local::MIN;

/// What the funnel needs to know about one user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserState {
    /// The latest local time the user was active, or [`NEVER`].
    pub latest: Local,
    /// Bit `i` set: active on the day `i` days before the latest day.
    pub days: u32,
    /// Index into [`Activity::regions`].
    pub region: u32,
    /// On the roster (or, without a roster, seen in the log): a seat holder.
    pub seat: bool,
}

impl UserState {
    /// The latest day the user was active.
    pub fn last_day(&self) -> Option<Day> {
        (self.latest != NEVER).then(|| day_of(self.latest))
    }

    /// Note activity at `local`; returns whether it is the user's latest.
    fn touch(&mut self, local: Local) -> bool {
        let day = day_of(local);
        match self.last_day() {
            None => self.days = 1,
            Some(last) if day > last => {
                let shift = u32::try_from(day - last).unwrap_or(u32::MAX);
                self.days = self.days.checked_shl(shift).unwrap_or(0) | 1;
            }
            Some(last) => {
                let back = u32::try_from(last - day).unwrap_or(u32::MAX);
                self.days |= 1u32.checked_shl(back).unwrap_or(0);
            }
        }
        let latest = local >= self.latest;
        if latest {
            self.latest = local;
        }
        latest
    }
}

/// Every user of a roster and an activity log, with their regions.
#[derive(Debug, Default)]
pub struct Activity {
    users: HashMap<UserId, UserState, BuildHasherDefault<FxHasher>>,
    /// Region names and how the exports spell them.
    pub regions: Regions,
    /// True once a roster was read: only roster users are seat holders.
    pub roster: bool,
    /// The roster names no regions and the log's regions (`--region-from`)
    /// place its seat holders, as they do without a roster.
    pub log_places_roster: bool,
    /// The latest day of any accepted row, the default as-of date.
    pub latest_day: Option<Day>,
}

impl Activity {
    /// The index of `region` (see [`Regions::index`]).
    pub fn region(&mut self, region: &[u8]) -> u32 {
        self.regions.index(region)
    }

    /// Every user seen, in no particular order.
    pub fn users(&self) -> impl Iterator<Item = &UserState> {
        self.users.values()
    }

    /// The state of one user (by id as compared, see [`user_key`]).
    pub fn user(&self, user: &[u8]) -> Option<&UserState> {
        self.users.get(user)
    }

    /// Apply `change` to the state of `user`, adding the user on first
    /// sight (a seat holder only when no roster was read).
    fn update<T>(&mut self, user: &[u8], change: impl FnOnce(&mut UserState) -> T) -> T {
        if let Some(state) = self.users.get_mut(user) {
            return change(state);
        }
        let mut state = UserState {
            latest: NEVER,
            days: 0,
            region: 0,
            seat: !self.roster,
        };
        let result = change(&mut state);
        self.users.insert(UserId::new(user), state);
        result
    }

    /// A roster line: `user` holds a seat in `region`. Returns false when the
    /// user was already on the roster (the first line wins).
    pub fn add_seat(&mut self, user: &[u8], region: u32) -> bool {
        self.update(user, |state| {
            let new = !state.seat;
            if new {
                state.seat = true;
                state.region = region;
            }
            new
        })
    }

    /// An event (or a last-activity date) of `user` at `local`, in `region`
    /// when the log names one. Without a roster (or with one that names no
    /// regions) the user's region is that of their latest event (the later
    /// row on a tie).
    pub fn record(&mut self, user: &[u8], region: Option<u32>, local: Local) {
        let day = day_of(local);
        if self.latest_day.is_none_or(|d| day > d) {
            self.latest_day = Some(day);
        }
        let roster = self.roster && !self.log_places_roster;
        self.update(user, |state| {
            if state.touch(local)
                && !roster
                && let Some(region) = region
            {
                state.region = region;
            }
        });
    }

    /// A user listed without any activity (an empty last-activity date):
    /// a seat holder in `region` when there is no roster.
    pub fn list(&mut self, user: &[u8], region: u32) {
        let roster = self.roster;
        self.update(user, |state| {
            if !roster && state.latest == NEVER {
                state.region = region;
            }
        });
    }

    /// Users seen in the log who are not on the roster (distinct ids).
    pub fn unknown_users(&self) -> u64 {
        self.users().filter(|u| !u.seat).count() as u64
    }
}

/// Longest id stored inside the map's slot.
pub const INLINE_ID: usize = 38;

/// A user id: inline when short, boxed otherwise; hashes and compares as
/// its bytes, so the map can be searched with a `&[u8]`.
#[derive(Debug, Clone)]
enum UserId {
    Inline { len: u8, bytes: [u8; INLINE_ID] },
    Boxed(Box<[u8]>),
}

impl UserId {
    fn new(id: &[u8]) -> UserId {
        if id.len() > INLINE_ID {
            return UserId::Boxed(id.into());
        }
        let mut bytes = [0u8; INLINE_ID];
        bytes[..id.len()].copy_from_slice(id);
        UserId::Inline {
            len: id.len() as u8,
            bytes,
        }
    }
}

impl Borrow<[u8]> for UserId {
    fn borrow(&self) -> &[u8] {
        match self {
            UserId::Inline { len, bytes } => &bytes[..usize::from(*len)],
            UserId::Boxed(b) => b,
        }
    }
}

impl Hash for UserId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        Borrow::<[u8]>::borrow(self).hash(state);
    }
}

impl PartialEq for UserId {
    fn eq(&self, other: &Self) -> bool {
        Borrow::<[u8]>::borrow(self) == Borrow::<[u8]>::borrow(other)
    }
}

impl Eq for UserId {}

/// A user id as compared: surrounding spaces dropped, ASCII letters folded
/// to lower case (e-mail addresses differ in case between systems). Uses
/// `scratch` only when there is something to fold.
pub fn user_key<'a>(raw: &'a [u8], scratch: &'a mut Vec<u8>) -> &'a [u8] {
    let t = trim(raw);
    // A fold without an early exit: the compiler checks many bytes at once.
    if !t
        .iter()
        .fold(false, |upper, b| upper | b.is_ascii_uppercase())
    {
        return t;
    }
    scratch.clear();
    scratch.extend(t.iter().map(u8::to_ascii_lowercase));
    scratch
}

/// `b` without surrounding ASCII spaces and tabs.
pub fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// The Fx hash of rustc (a multiply-rotate over 8-byte words): ids come
/// from the user's own export, so speed matters more than flood resistance.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const FX_SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(FX_SEED).rotate_left(26);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: Local = 20_000 * 86_400;

    #[test]
    fn the_day_mask_follows_the_latest_day_in_any_order() {
        let mut a = Activity::default();
        let r = a.region(b"emea");
        for back in [3i64, 0, 40, 27, 3] {
            a.record(b"ann", Some(r), D - back * 86_400);
        }
        let u = a.user(b"ann").unwrap();
        assert_eq!(u.last_day(), Some(20_000));
        assert_eq!(u.days, 1 | 1 << 3 | 1 << 27);
    }

    #[test]
    fn without_a_roster_the_latest_event_sets_the_region() {
        let mut a = Activity::default();
        let (emea, na) = (a.region(b"emea"), a.region(b" na "));
        a.record(b"ann", Some(na), D);
        a.record(b"ann", Some(emea), D - 86_400);
        assert_eq!(a.user(b"ann").unwrap().region, na);
        a.record(b"ann", Some(emea), D);
        assert_eq!(
            a.user(b"ann").unwrap().region,
            emea,
            "a tie goes to the later row"
        );
        assert_eq!(a.regions.names(), ["emea", "na"]);
    }

    #[test]
    fn roster_users_keep_their_region_and_others_are_unknown() {
        let mut a = Activity {
            roster: true,
            ..Activity::default()
        };
        let (emea, na) = (a.region(b"emea"), a.region(b"na"));
        assert!(a.add_seat(b"ann", emea));
        assert!(!a.add_seat(b"ann", na));
        a.record(b"ann", Some(na), D);
        a.record(b"bob", Some(na), D);
        assert_eq!(a.user(b"ann").unwrap().region, emea);
        assert_eq!(a.unknown_users(), 1);
    }

    #[test]
    fn long_ids_are_kept_whole() {
        let mut a = Activity::default();
        let long = b"a.very.long.first.name.and.last.name@subsidiary.example.co.uk";
        a.record(long, None, D);
        a.record(&long[..INLINE_ID], None, D);
        assert_eq!(a.users().count(), 2);
        assert!(a.user(long).is_some());
    }

    #[test]
    fn user_ids_fold_case_and_spaces() {
        let mut scratch = Vec::new();
        assert_eq!(user_key(b" Ann@X.com ", &mut scratch), b"ann@x.com");
        assert_eq!(user_key(b"bob", &mut scratch), b"bob");
    }
}
