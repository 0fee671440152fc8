//! The seat funnel of SPEC.md §5: every seat holder classified as daily,
//! weekly, monthly or dormant on the as-of date D, counted per region and
//! in total.
//!
//! The window is the 28 days D−27 … D in four 7-day blocks. A user is
//! *daily* with 12 or more active days in the window, else *weekly* when
//! active in 3 or more blocks, else *monthly* when last active on or after
//! D−29, else *dormant*. Pure: [`classify`] reads an [`Activity`] and
//! returns figures; nothing here touches files.

use super::activity::{Activity, UserState};
use super::dates::Day;

/// Days in the window.
pub const WINDOW_DAYS: u32 = 28;
/// Active days that make a user *daily*.
pub const DAILY_MIN_DAYS: u32 = 12;
/// Active 7-day blocks that make a user *weekly*.
pub const WEEKLY_MIN_BLOCKS: u32 = 3;
/// A user last active on or after D − this many days is *monthly* active.
pub const MONTHLY_DAYS_BACK: Day = 29;

/// What the export could tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// One row per activity event: every figure is known.
    Events,
    /// Only each user's last-activity date: daily and weekly figures are
    /// unknown (`None`), never guessed.
    LastActivity,
}

/// One region's funnel (or the total). `None` means the export cannot
/// tell the figure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Seat holders.
    pub provisioned: u64,
    /// Active in the last 30 days.
    pub mau: u64,
    /// Active in most weeks: the working population a commit should match.
    pub wau: Option<u64>,
    /// Active almost every working day: the core.
    pub dau: Option<u64>,
    /// Seats with no activity in 30 days: money for nothing.
    pub dormant: u64,
    /// Σ active days in the window over seat holders.
    pub active_days: Option<u64>,
    /// Seat holders active in D−6 … D.
    pub active_last_7_days: Option<u64>,
    /// Seat holders active in D−29 … D.
    pub active_last_30_days: u64,
}

impl Counts {
    /// Mean daily active users over the window in hundredths, rounded half
    /// up: Σ active days / 28, computed in whole numbers.
    pub fn mean_daily_active_hundredths(&self) -> Option<u64> {
        let days = u128::from(self.active_days?);
        let window = u128::from(WINDOW_DAYS);
        let hundredths = (days * 200 + window) / (2 * window);
        Some(u64::try_from(hundredths).unwrap_or(u64::MAX))
    }

    /// Mean daily active users as text with two decimals (`"172.43"`).
    pub fn mean_daily_active(&self) -> Option<String> {
        self.mean_daily_active_hundredths()
            .map(|h| format!("{}.{:02}", h / 100, h % 100))
    }

    fn add(&mut self, other: &Counts) {
        self.provisioned += other.provisioned;
        self.mau += other.mau;
        self.wau = add_known(self.wau, other.wau);
        self.dau = add_known(self.dau, other.dau);
        self.dormant += other.dormant;
        self.active_days = add_known(self.active_days, other.active_days);
        self.active_last_7_days = add_known(self.active_last_7_days, other.active_last_7_days);
        self.active_last_30_days += other.active_last_30_days;
    }

    fn known(source: Source) -> Counts {
        let zero = (source == Source::Events).then_some(0);
        Counts {
            wau: zero,
            dau: zero,
            active_days: zero,
            active_last_7_days: zero,
            ..Counts::default()
        }
    }
}

fn add_known(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    Some(a? + b?)
}

/// One region's name and funnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionFunnel {
    pub region: String,
    pub counts: Counts,
}

/// The funnel of every region on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funnel {
    /// D, the day the figures describe.
    pub as_of: Day,
    pub source: Source,
    /// Distinct users in the log but not on the roster.
    pub unknown_users: u64,
    /// Log rows left out (missing user, unreadable date, after D).
    pub skipped_rows: u64,
    /// Regions with at least one seat holder, by name.
    pub regions: Vec<RegionFunnel>,
    pub total: Counts,
}

/// How one seat holder stands on D.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Standing {
    /// Bit `j` set: active on D − j, for j in 0..28.
    window: u32,
    last: Option<Day>,
}

impl Standing {
    fn of(user: &UserState, as_of: Day) -> Standing {
        let last = user.last_day();
        let window = match last.map(|l| as_of - l) {
            Some(shift @ 0..28) => (user.days << shift) & ((1 << WINDOW_DAYS) - 1),
            _ => 0,
        };
        Standing { window, last }
    }

    fn active_days(self) -> u32 {
        self.window.count_ones()
    }

    fn active_blocks(self) -> u32 {
        (0..4)
            .filter(|b| (self.window >> (7 * b)) & 0x7f != 0)
            .count() as u32
    }

    fn active_since(self, day: Day) -> bool {
        self.last.is_some_and(|l| l >= day)
    }
}

/// Classify every seat holder of `activity` on `as_of` (SPEC.md §5).
pub fn classify(activity: &Activity, as_of: Day, source: Source, skipped_rows: u64) -> Funnel {
    let mut per_region = vec![Counts::known(source); activity.regions.names().len()];
    for user in activity.users().filter(|u| u.seat) {
        if let Some(counts) = per_region.get_mut(user.region as usize) {
            count_user(counts, Standing::of(user, as_of), as_of);
        }
    }
    let mut regions: Vec<RegionFunnel> = activity
        .regions
        .names()
        .iter()
        .zip(per_region)
        .filter(|(_, c)| c.provisioned > 0)
        .map(|(name, counts)| RegionFunnel {
            region: name.clone(),
            counts,
        })
        .collect();
    regions.sort_by(|a, b| a.region.cmp(&b.region));
    let mut total = Counts::known(source);
    for r in &regions {
        total.add(&r.counts);
    }
    Funnel {
        as_of,
        source,
        unknown_users: if activity.roster {
            activity.unknown_users()
        } else {
            0
        },
        skipped_rows,
        regions,
        total,
    }
}

fn count_user(c: &mut Counts, s: Standing, as_of: Day) {
    let monthly = s.active_since(as_of - MONTHLY_DAYS_BACK);
    let (daily, weekly) = (
        s.active_days() >= DAILY_MIN_DAYS,
        s.active_blocks() >= WEEKLY_MIN_BLOCKS,
    );
    c.provisioned += 1;
    if monthly {
        c.mau += 1;
        c.active_last_30_days += 1;
    } else {
        c.dormant += 1;
    }
    let bump = |field: &mut Option<u64>, by: u64| {
        if let Some(v) = field {
            *v += by;
        }
    };
    bump(&mut c.dau, u64::from(daily));
    bump(&mut c.wau, u64::from(daily || weekly));
    bump(&mut c.active_days, u64::from(s.active_days()));
    bump(&mut c.active_last_7_days, u64::from(s.window & 0x7f != 0));
}
