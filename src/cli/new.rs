//! `dealbench new [FILE]`: a scenario from nothing. With enough flags
//! (`--name`, `--vendor-seats` and `--region` or `--from-usage`) it writes
//! the file and exits; in a terminal without them, a short form asks for
//! the rest ([`crate::tui::new`]) and the workbench then opens on the file.
//!
//! FILE defaults to `scenario.toml` in the current directory. An existing
//! file is never overwritten without `--force` (exit status 2); the write
//! is atomic ([`crate::store::write_atomic`], the old file kept as
//! `FILE.bak`). The text comes from [`crate::scenario::template`] and is
//! loaded before it is written, so a file `new` writes always loads.
//!
//! * [`fields`] — each figure as typed, checked (flags and form alike).
//! * [`build`] — the [`build::Request`] → the draft: usage files read,
//!   funnels merged, the counter-offer sized.

pub mod build;
pub mod fields;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use self::build::Request;
use self::fields::RegionSpec;
use super::{Failure, bad_input, failed};
use crate::diag::sanitize;
use crate::scenario::template::{self, Quote};

/// The file `new` writes when none is named.
pub const DEFAULT_FILE: &str = "scenario.toml";
/// The vendor's term when none is given, in months.
pub const DEFAULT_TERM: u32 = 12;

/// Start a scenario: the deal, its regions and the vendor's quote.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The scenario file to write (default: scenario.toml here).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The deal's name.
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// The deal currency, an ISO 4217 code (default USD).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// The first day of month 0 (default: the first of next month).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<String>,
    /// A region and its seat funnel; repeat for each region. The funnel
    /// may be left out for a region --from-usage measures.
    #[arg(
        long = "region",
        value_name = "NAME:HEADCOUNT[:PROVISIONED:MONTHLY:WEEKLY:DAILY]"
    )]
    pub regions: Vec<String>,
    /// Measure the regions' funnels from an activity export (CSV, .gz,
    /// .zst, Parquet, as `dealbench usage` reads it) or its §5 JSON.
    #[arg(long, value_name = "FILE")]
    pub from_usage: Option<PathBuf>,
    /// Derive the API workloads from pages of Anthropic's usage report
    /// (as `dealbench api-usage` reads them); repeat for more pages.
    #[arg(long, value_name = "REPORT.json")]
    pub from_api_usage: Vec<PathBuf>,
    /// The seats the vendor quotes.
    #[arg(long, value_name = "N")]
    pub vendor_seats: Option<String>,
    /// The vendor's price per seat-month in year 1 (default: the price book's list).
    #[arg(long, value_name = "AMOUNT")]
    pub vendor_price: Option<String>,
    /// The vendor's term in months (default 12).
    #[arg(long, value_name = "MONTHS")]
    pub term: Option<String>,
    /// The vendor's price rise at each anniversary, in percent (default 0).
    #[arg(long, value_name = "PCT")]
    pub uplift: Option<String>,
    /// The vendor's committed API spend per contract year (default 0).
    #[arg(long, value_name = "AMOUNT")]
    pub api_commit: Option<String>,
    /// Replace FILE if it exists (the old one is kept as FILE.bak).
    #[arg(long)]
    pub force: bool,
}

/// What the flags gave, each figure checked; absent ones are asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    pub name: Option<String>,
    pub currency: Option<String>,
    pub start: Option<NaiveDate>,
    pub regions: Vec<RegionSpec>,
    pub usage: Option<PathBuf>,
    pub api_usage: Vec<PathBuf>,
    pub seats: Option<u64>,
    pub price: Option<Decimal>,
    pub term: Option<u32>,
    pub uplift: Option<Decimal>,
    pub api_commit: Option<Decimal>,
}

impl Given {
    /// The flags a headless run still needs, as the user types them.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.name.is_none() {
            out.push("--name");
        }
        if self.regions.is_empty() && self.usage.is_none() {
            out.push("--region (or --from-usage)");
        }
        if self.seats.is_none() {
            out.push("--vendor-seats");
        }
        out
    }

    /// The request, when nothing is missing; `today` dates the default start.
    pub fn request(&self, today: NaiveDate) -> Option<Request> {
        Some(Request {
            name: self.name.clone()?,
            currency: self.currency.clone().unwrap_or_else(|| "USD".into()),
            start: self.start.unwrap_or_else(|| fields::next_month(today)),
            regions: self.regions.clone(),
            usage: self.usage.clone(),
            api_usage: self.api_usage.clone(),
            quote: Quote {
                seats: self.seats?,
                seat_price: self.price,
                term_months: self.term.unwrap_or(DEFAULT_TERM),
                uplift_pct: self.uplift.unwrap_or_default(),
                api_commit: self.api_commit.unwrap_or_default(),
            },
        })
        .filter(|r| !r.regions.is_empty() || r.usage.is_some())
    }
}

/// Each flag's value read as [`fields`] reads it; the first bad one is
/// bad input naming the flag.
pub fn given(args: &NewArgs) -> Result<Given, Failure> {
    fn flag<T>(
        name: &str,
        value: &Option<String>,
        read: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, Failure> {
        value
            .as_deref()
            .map(|v| read(v).map_err(|e| bad_input(format!("error: --{name}: {e}"))))
            .transpose()
    }
    let currency = flag("currency", &args.currency, fields::currency)?;
    let code = currency.clone().unwrap_or_else(|| "USD".into());
    let regions = args
        .regions
        .iter()
        .map(|r| fields::region(r).map_err(|e| bad_input(format!("error: --region: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Given {
        name: flag("name", &args.name, fields::deal_name)?,
        start: flag("start", &args.start, fields::start)?,
        regions,
        usage: args.from_usage.clone(),
        api_usage: args.from_api_usage.clone(),
        seats: flag("vendor-seats", &args.vendor_seats, |t| fields::count(t, 1))?,
        price: flag("vendor-price", &args.vendor_price, |t| {
            fields::seat_price(t, &code)
        })?,
        term: flag("term", &args.term, fields::term)?,
        uplift: flag("uplift", &args.uplift, fields::uplift)?,
        api_commit: flag("api-commit", &args.api_commit, |t| {
            fields::api_commit(t, &code)
        })?,
        currency,
    })
}

/// The file `new` writes.
pub fn target(args: &NewArgs) -> PathBuf {
    args.file
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE))
}

/// Refuse an existing file unless `--force`.
pub fn check_target(path: &Path, force: bool) -> Result<(), Failure> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(bad_input(format!(
            "error: '{}' exists: expected a new file name, or --force to replace it (the old one is kept as {}.bak)",
            sanitize(&path.display().to_string()),
            sanitize(&path.display().to_string())
        )));
    }
    Ok(())
}

/// Write the scenario `req` describes to `path`; the summary line for the
/// user on success.
pub fn create(req: &Request, path: &Path, force: bool) -> Result<String, Failure> {
    check_target(path, force)?;
    let draft = build::draft(req)?;
    let text = template::write(&draft);
    let file = path.display().to_string();
    crate::scenario::parse_str(&file, &text).map_err(|d| {
        failed(format!(
            "{d}\nerror: the new scenario does not load; nothing written"
        ))
    })?;
    crate::store::write_atomic(path, text.as_bytes()).map_err(|e| failed(format!("error: {e}")))?;
    let wau: u64 = draft.regions.iter().map(|r| r.wau).sum();
    Ok(format!(
        "wrote {}: '{}', {} region{}, {} workload{}, the vendor's quote of {} seats and a counter-offer of {} seats ({wau} weekly active + {} %); `dealbench report {}` compares them",
        sanitize(&file),
        sanitize(&draft.name),
        draft.regions.len(),
        if draft.regions.len() == 1 { "" } else { "s" },
        draft.workloads.len(),
        if draft.workloads.len() == 1 { "" } else { "s" },
        draft.quote.seats,
        draft.counter_seats,
        build::BUFFER_PCT,
        sanitize(&file)
    ))
}

/// What `new` did, or what it needs the form for.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The file was written from the flags.
    Written { path: PathBuf, summary: String },
    /// The flags are not enough and this is a terminal: the form
    /// (`crate::tui::new`, run by the binary) asks for the rest, starting
    /// from what was given, and writes `path` with [`create`].
    Form {
        given: Given,
        today: NaiveDate,
        path: PathBuf,
        force: bool,
    },
}

/// Run `dealbench new`: headless with enough flags, else the form in a
/// terminal, else a message naming the flags still needed.
pub fn run(args: &NewArgs, terminal: bool) -> Result<Outcome, Failure> {
    let path = target(args);
    check_target(&path, args.force)?;
    let given = given(args)?;
    let today = chrono::Local::now().date_naive();
    if let Some(req) = given.request(today) {
        let summary = create(&req, &path, args.force)?;
        return Ok(Outcome::Written { path, summary });
    }
    if !terminal {
        return Err(bad_input(format!(
            "error: dealbench new needs {} to write the file without a terminal (or run it in a terminal for the form)",
            given.missing().join(", ")
        )));
    }
    Ok(Outcome::Form {
        given,
        today,
        path,
        force: args.force,
    })
}
