//! From the report's buckets to one workload per group (SPEC.md §8).
//!
//! Token counts are integers, summed in `u128`; every derived figure but
//! `growth_pct` is an exact integer division rounded half away from zero.
//! `growth_pct` is a least-squares line through logarithms, computed in
//! `f64` and then rounded to two decimals. The arithmetic of each figure is
//! [`super::figures`]; here the buckets are summed per group and checked.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::figures::{DAY, growth_pct, per_month, ratio, route};
use super::parse::Row;
pub use super::window::{Window, merge};

/// The `context_window` of long-context requests.
pub const LONG_WINDOW: &str = "200k-1M";
/// The most tokens one group may sum to (10^24): the derived figures stay
/// within exact arithmetic.
pub const MAX_GROUP_TOKENS: u128 = 1_000_000_000_000_000_000_000_000;
/// The window a growth figure needs, in days.
pub const GROWTH_MIN_DAYS: i64 = 28;

/// What a workload stands for in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// One workload per workspace (a null workspace is the default one).
    Workspace,
    /// One workload per API key.
    #[value(name = "api_key", alias = "api-key")]
    ApiKey,
    /// One workload per model id.
    Model,
    /// One workload for the whole report.
    None,
}

/// The group key of a null workspace.
pub const DEFAULT_WORKSPACE: &str = "default";

impl GroupBy {
    /// The group a row belongs to.
    pub fn key(self, r: &Row) -> String {
        let or = |v: &Option<String>, none: &str| v.clone().unwrap_or_else(|| none.to_string());
        match self {
            GroupBy::Workspace => or(&r.workspace_id, DEFAULT_WORKSPACE),
            GroupBy::ApiKey => or(&r.api_key_id, "no-api-key"),
            GroupBy::Model => or(&r.model, "unknown-model"),
            GroupBy::None => "all".to_string(),
        }
    }
}

/// How report model ids become price-book model ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelMap {
    /// `--map MODEL=ID` pairs; MODEL may end in `*` to match a prefix.
    pub explicit: Vec<(String, String)>,
}

impl ModelMap {
    /// The price-book id of a report model id: `--map` first, then the
    /// family (`claude-opus-*` → opus, `claude-sonnet-*` → sonnet,
    /// `claude-haiku-*` and `claude-3-5-haiku-*` → haiku).
    pub fn id_of(&self, model: &str) -> Option<String> {
        for (pattern, id) in &self.explicit {
            let hit = match pattern.strip_suffix('*') {
                Some(prefix) => model.starts_with(prefix),
                None => model == pattern,
            };
            if hit {
                return Some(id.clone());
            }
        }
        let families = [
            ("claude-opus-", "opus"),
            ("claude-sonnet-", "sonnet"),
            ("claude-haiku-", "haiku"),
            ("claude-3-5-haiku-", "haiku"),
        ];
        families
            .iter()
            .find(|(prefix, _)| model.starts_with(prefix))
            .map(|(_, id)| id.to_string())
    }
}

/// Token sums of one group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sums {
    pub uncached: u128,
    pub write_5m: u128,
    pub write_1h: u128,
    pub read: u128,
    pub output: u128,
    /// Input and output of batch-tier rows.
    pub batch: u128,
    /// Input and output of rows in the 200k–1M window.
    pub long: u128,
    /// Input and output of rows run US-only (`inference_geo = "us"`).
    pub us: u128,
    /// Input tokens per price-book model id.
    pub by_model: BTreeMap<String, u128>,
    /// All tokens per UTC day (days since the window start).
    pub by_day: BTreeMap<i64, u128>,
}

impl Sums {
    pub fn writes(&self) -> u128 {
        self.write_5m + self.write_1h
    }
    pub fn input(&self) -> u128 {
        self.uncached + self.writes() + self.read
    }
    pub fn all(&self) -> u128 {
        self.input() + self.output
    }
}

/// One derived workload (figures as the scenario holds them).
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// The workload name (`--name`, else the group key).
    pub name: String,
    /// The group key in the report (workspace id, API key id, model).
    pub key: String,
    pub input_mtok: Decimal,
    pub output_mtok: Decimal,
    pub cacheable: Decimal,
    pub cache_hit: Decimal,
    pub batch: Decimal,
    pub cache_1h: Decimal,
    pub long_context: Decimal,
    /// Share of tokens run US-only (the report's `inference_geo`).
    pub inference_geo: Decimal,
    pub route: Vec<(String, Decimal)>,
    pub growth_pct: Decimal,
    pub sums: Sums,
}

/// Sum every row into its group, mapping models; an `Err` lists every
/// model id that maps to nothing, with the `--map` that would fix it.
pub fn sum_groups(
    window: &Window,
    group_by: GroupBy,
    map: &ModelMap,
) -> Result<Vec<(String, Sums)>, String> {
    // A map, not a list: a hostile report with a million workspaces must
    // not take a million squared steps.
    let mut groups: BTreeMap<String, Sums> = BTreeMap::new();
    let mut unmapped: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut no_model = false;
    for b in &window.buckets {
        let day = (b.start.0 - window.from.0).num_seconds().div_euclid(DAY);
        for r in &b.rows {
            let id = match &r.model {
                Some(m) => match map.id_of(m) {
                    Some(id) => id,
                    None => {
                        if seen.insert(m.clone()) {
                            unmapped.push(m.clone());
                        }
                        continue;
                    }
                },
                None => {
                    no_model |= row_input(r) + u128::from(r.output) > 0;
                    continue;
                }
            };
            groups.entry(group_by.key(r)).or_default().add(r, id, day);
        }
    }
    let groups: Vec<(String, Sums)> = groups.into_iter().collect();
    check_groups(&groups, no_model, &unmapped)?;
    Ok(groups)
}

fn row_input(r: &Row) -> u128 {
    u128::from(r.uncached) + u128::from(r.write_5m) + u128::from(r.write_1h) + u128::from(r.read)
}

impl Sums {
    /// Add one row, on price-book model `id`, on day `day` of the window.
    fn add(&mut self, r: &Row, id: String, day: i64) {
        let input = row_input(r);
        let all = input + u128::from(r.output);
        self.uncached += u128::from(r.uncached);
        self.write_5m += u128::from(r.write_5m);
        self.write_1h += u128::from(r.write_1h);
        self.read += u128::from(r.read);
        self.output += u128::from(r.output);
        if r.service_tier.as_deref() == Some("batch") {
            self.batch += all;
        }
        if r.context_window.as_deref() == Some(LONG_WINDOW) {
            self.long += all;
        }
        if r.inference_geo.as_deref() == Some("us") {
            self.us += all;
        }
        *self.by_model.entry(id).or_default() += input;
        *self.by_day.entry(day).or_default() += all;
    }
}

/// The report as a whole must name models that map, and stay within
/// exact arithmetic.
fn check_groups(
    groups: &[(String, Sums)],
    no_model: bool,
    unmapped: &[String],
) -> Result<(), String> {
    if no_model {
        return Err("the report gives no `model` for some results: expected a report grouped by model (download it with group_by[]=model)".into());
    }
    if !unmapped.is_empty() {
        const SHOWN: usize = 20;
        let listed = &unmapped[..unmapped.len().min(SHOWN)];
        let fixes: Vec<String> = listed.iter().map(|m| format!("--map {m}=ID")).collect();
        let more = match unmapped.len().saturating_sub(SHOWN) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        return Err(format!(
            "no price-book model for the report's model id{} '{}'{more}: expected a Claude opus, sonnet or haiku id, or a mapping to a price-book model id ({})",
            if unmapped.len() == 1 { "" } else { "s" },
            listed.join("', '"),
            fixes.join(" ")
        ));
    }
    if let Some((key, _)) = groups.iter().find(|(_, s)| s.all() > MAX_GROUP_TOKENS) {
        return Err(format!(
            "the group '{key}' holds more than 10^24 tokens: expected the usage of one organisation"
        ));
    }
    Ok(())
}

/// The workload of one group over the window.
pub fn derive(key: String, name: String, s: Sums, window: &Window, order: &[&str]) -> Derived {
    let secs = window.seconds();
    let input = s.input();
    let growth = if secs >= GROWTH_MIN_DAYS * DAY {
        growth_pct(&s.by_day)
    } else {
        Decimal::ZERO
    };
    Derived {
        name,
        key,
        input_mtok: per_month(input, secs),
        output_mtok: per_month(s.output, secs),
        cacheable: ratio(s.writes() + s.read, input, 4),
        cache_hit: ratio(s.read, s.writes() + s.read, 4),
        batch: ratio(s.batch, s.all(), 4),
        cache_1h: ratio(s.write_1h, s.writes(), 4),
        long_context: ratio(s.long, s.all(), 4),
        inference_geo: ratio(s.us, s.all(), 4),
        route: route(&s.by_model, order),
        growth_pct: growth,
        sums: s,
    }
}
