//! The form's fields, each a [`Field`] of the form component: its label,
//! the hint shown while it has the cursor, and a setter that reads its text
//! into the [`Draft`] exactly as the flags are read
//! ([`crate::cli::new::fields`]) or refuses it with the reason. A region's
//! figures keep the funnel rule (daily ≤ weekly ≤ monthly ≤ provisioned ≤
//! headcount) on the figures typed so far; with a usage file, a region's
//! funnel may be left blank, all four figures, to be measured.

use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Form, REGION_FIELDS, Slot};
use crate::cli::new::build::{BUFFER_PCT, Request};
use crate::cli::new::fields::{self as read, FunnelSpec, RegionSpec};
use crate::scenario::template::Quote;
use crate::tui::form::Field;

/// What the form has read so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub name: String,
    pub currency: String,
    pub start: Option<NaiveDate>,
    pub usage: Option<PathBuf>,
    pub api_usage: Vec<PathBuf>,
    /// Each region row that is not blank: its name, headcount and funnel
    /// figures as far as they are typed.
    pub regions: Vec<(String, [Option<u64>; 5])>,
    pub seats: Option<u64>,
    pub price: Option<Decimal>,
    pub term: u32,
    pub uplift: Decimal,
    pub api_commit: Decimal,
}

impl Draft {
    /// The request, once every field has been set.
    pub fn request(self) -> Result<Request, String> {
        if self.regions.is_empty() && self.usage.is_none() {
            return Err(
                "expected a region (Ctrl+N adds one) or a usage file to measure them from".into(),
            );
        }
        let regions = self
            .regions
            .into_iter()
            .map(|(name, f)| RegionSpec {
                name,
                headcount: f[0].unwrap_or(0),
                funnel: match f {
                    [_, Some(provisioned), Some(mau), Some(wau), Some(dau)] => Some(FunnelSpec {
                        provisioned,
                        mau,
                        wau,
                        dau,
                    }),
                    _ => None,
                },
            })
            .collect();
        Ok(Request {
            name: self.name,
            currency: self.currency,
            start: self
                .start
                .ok_or("Start: expected a date such as 2027-01-01")?,
            regions,
            usage: self.usage,
            api_usage: self.api_usage,
            quote: Quote {
                seats: self
                    .seats
                    .ok_or("Seats: expected the seats the vendor quotes")?,
                seat_price: self.price,
                term_months: self.term,
                uplift_pct: self.uplift,
                api_commit: self.api_commit,
            },
        })
    }
}

type F = Field<'static, Draft>;

/// `label: reason` for a refusal.
fn at<T>(label: &str, r: Result<T, String>) -> Result<T, String> {
    r.map_err(|e| format!("{label}: {e}"))
}

/// Every field of `form`, in [`Form::slots`] order.
pub fn fields(form: &Form) -> Vec<F> {
    let mut out: Vec<F> = vec![
        Field::new(
            "Deal name",
            "What reports call the deal, e.g. Acme — Claude Enterprise 2027",
            |d: &mut Draft, t: &str| {
                d.name = at("Deal name", read::deal_name(t))?;
                Ok(())
            },
        ),
        Field::new(
            "Currency",
            "ISO 4217 code of the deal currency: every amount is in it",
            |d: &mut Draft, t: &str| {
                d.currency = at("Currency", read::currency(t))?;
                Ok(())
            },
        ),
        Field::new(
            "Start",
            "First day of month 0 of every offer (YYYY-MM-DD)",
            |d: &mut Draft, t: &str| {
                d.start = Some(at("Start", read::start(t))?);
                Ok(())
            },
        ),
        Field::new(
            "Usage file",
            "Activity export (CSV, .gz, .zst, Parquet) or `dealbench usage --json`: measures the funnels",
            |d: &mut Draft, t: &str| {
                d.usage = Some(t.trim()).filter(|t| !t.is_empty()).map(Into::into);
                Ok(())
            },
        ),
        Field::new(
            "API usage report",
            "Anthropic usage report pages (JSON), separated by spaces: the API workloads",
            |d: &mut Draft, t: &str| {
                d.api_usage = t.split_whitespace().map(Into::into).collect();
                Ok(())
            },
        ),
    ];
    let measuring = !form.text(Slot::Usage).trim().is_empty();
    for i in 0..form.regions {
        let row: Vec<String> = (0..REGION_FIELDS.len())
            .map(|j| form.text(Slot::Region(i, j)).trim().to_string())
            .collect();
        let blank = row.iter().all(String::is_empty);
        let measured = measuring && row[2..].iter().all(String::is_empty);
        out.extend((0..REGION_FIELDS.len()).map(|j| region_field(i, j, blank, measured)));
    }
    out.extend(quote());
    out
}

fn region_field(i: usize, j: usize, blank: bool, measured: bool) -> F {
    let hint = match j {
        0 => "Region name; Ctrl+N adds a region, Ctrl+D removes this one",
        1 => "People who could use Claude in the region",
        _ if measured => {
            "Blank: measured from the usage file; daily ≤ weekly ≤ monthly ≤ provisioned ≤ headcount"
        }
        _ => "The funnel: daily ≤ weekly ≤ monthly ≤ provisioned ≤ headcount",
    };
    Field::new(REGION_FIELDS[j], hint, move |d: &mut Draft, t: &str| {
        let t = t.trim();
        if blank {
            return Ok(());
        }
        let what = format!("region {}", i + 1);
        if j == 0 {
            if t.is_empty() {
                return Err(format!("{what}: expected a name"));
            }
            d.regions.push((t.to_string(), [None; 5]));
            return Ok(());
        }
        let Some((name, figures)) = d.regions.last_mut() else {
            return Ok(());
        };
        if t.is_empty() {
            return match j >= 2 && measured {
                true => Ok(()),
                false => Err(format!("{what}: expected the {}", REGION_FIELDS[j])),
            };
        }
        let v = at(&format!("{what} {}", REGION_FIELDS[j]), read::count(t, 0))?;
        if let Some((k, above)) = figures[..j - 1]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(k, f)| f.map(|f| (k, f)))
            && v > above
        {
            return Err(format!(
                "funnel of '{name}' out of order: expected {} ≤ {} ({above}), found '{v}'",
                REGION_FIELDS[j],
                REGION_FIELDS[k + 1]
            ));
        }
        figures[j - 1] = Some(v);
        Ok(())
    })
}

fn quote() -> [F; 5] {
    [
        Field::new(
            "Seats",
            format!("Seats the vendor quotes; our counter-offer: weekly active + {BUFFER_PCT} %"),
            |d: &mut Draft, t: &str| {
                if t.trim().is_empty() {
                    return Err("Seats: expected the seats the vendor quotes".into());
                }
                d.seats = Some(at("Seats", read::count(t, 1))?);
                Ok(())
            },
        ),
        Field::new(
            "Price per seat-month",
            "Per seat per month in year 1; blank: the price book's list price",
            |d: &mut Draft, t: &str| {
                d.price = match t.trim() {
                    "" => None,
                    t => Some(at(
                        "Price per seat-month",
                        read::seat_price(t, &d.currency),
                    )?),
                };
                Ok(())
            },
        ),
        Field::new(
            "Term (months)",
            "Contract length in months",
            |d: &mut Draft, t: &str| {
                d.term = at("Term (months)", read::term(t))?;
                Ok(())
            },
        ),
        Field::new(
            "Uplift (% a year)",
            "Price rise at each anniversary, in percent",
            |d: &mut Draft, t: &str| {
                d.uplift = at("Uplift (% a year)", read::uplift(t))?;
                Ok(())
            },
        ),
        Field::new(
            "API commit per year",
            "Committed API spend per contract year; 0: pay as you go",
            |d: &mut Draft, t: &str| {
                d.api_commit = at("API commit per year", read::api_commit(t, &d.currency))?;
                Ok(())
            },
        ),
    ]
}
