//! `--cost`: the Cost Report (`GET /v1/organizations/cost_report`) beside
//! what the price book says the same usage costs, so a stale price book —
//! or a discount already on the invoice — is visible.
//!
//! A cost result's `amount` is a decimal string in the currency's lowest
//! unit (cents: "123.45" is $1.2345), read exactly. Only token costs count
//! (`cost_type` "tokens", or no `cost_type` when the report is not grouped
//! by description); web search and code execution are not in the price
//! book. The comparison runs over the days both reports cover: usage
//! buckets inside the cost report's window, cost buckets inside the usage
//! window.
//!
//! The price-book side prices each usage row exactly from its token counts
//! (not from the rounded per-month figures): uncached × input + 5-minute
//! writes × cache write + 1-hour writes × cache write 1h + reads × cache
//! read + output × output, per million tokens, at the model's long-context
//! prices for rows in the 200k–1M window, less the batch discount for
//! batch-tier rows.

use std::fmt;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::derive::{GroupBy, LONG_WINDOW, ModelMap, Window};
use super::parse::{Row, Stamp, read_bounded};
use crate::diag::Diagnostic;
use crate::money::{parse_decimal, pct};
use crate::pricebook::PriceBook;

/// An amount in cents: a decimal string, 0 to 10^18.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Cents(Decimal);

impl<'de> Deserialize<'de> for Cents {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CentsVisitor)
    }
}

struct CentsVisitor;

const EXPECTED: &str = "an amount in cents as a decimal string such as \"123.45\", from 0 to 10^18";

impl Visitor<'_> for CentsVisitor {
    type Value = Cents;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cents, E> {
        let max = Decimal::from(1_000_000_000_000_000_000i64);
        match parse_decimal(v.trim()) {
            Some(d) if d >= Decimal::ZERO && d <= max => Ok(Cents(d)),
            _ => {
                let shown: String = v.chars().take(40).collect();
                Err(E::custom(format!("expected {EXPECTED}, found '{shown}'")))
            }
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cents, E> {
        Err(E::custom(format!(
            "expected {EXPECTED}, found the number '{v}' (the report quotes amounts)"
        )))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cents, E> {
        Err(E::custom(format!("expected {EXPECTED}, found '{v}'")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cents, E> {
        Err(E::custom(format!("expected {EXPECTED}, found '{v}'")))
    }
}

#[derive(Debug, Clone, Deserialize)]
struct CostRow {
    amount: Cents,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    cost_type: Option<String>,
    #[serde(default)]
    workspace_id: Option<String>,
    #[serde(default)]
    model: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct CostBucket {
    starting_at: Stamp,
    ending_at: Stamp,
    #[serde(default)]
    results: Vec<CostRow>,
}

#[derive(Debug, Clone, Deserialize)]
struct CostPage {
    data: Vec<CostBucket>,
}

/// One invoiced token cost: bucket start and end, workspace, model, amount
/// in currency units.
pub type Item = (Stamp, Stamp, Option<String>, Option<String>, Decimal);

/// Invoiced token costs per bucket, in the deal currency's units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Invoiced {
    pub items: Vec<Item>,
    /// Amounts left out: not token costs.
    pub other: Decimal,
    /// Currencies other than USD seen.
    pub currencies: Vec<String>,
    /// Buckets read so far, so a repeated one counts once.
    pub seen: std::collections::HashSet<(Stamp, Stamp)>,
}

/// Read one Cost Report page.
pub fn read_cost_page(
    path: &std::path::Path,
    file: &str,
    into: &mut Invoiced,
) -> Result<(), Diagnostic> {
    let bytes = read_bounded(path, file)?;
    super::parse::check_depth(file, &bytes)?;
    let page: CostPage = serde_json::from_slice(&bytes)
        .map_err(|e| super::parse::json_error(file, &e, "a page of the Cost Report"))?;
    for b in page.data {
        // A bucket repeated on another page counts once.
        if !into.seen.insert((b.starting_at, b.ending_at)) {
            continue;
        }
        for r in b.results {
            let units = r.amount.0 / Decimal::ONE_HUNDRED;
            if let Some(c) = r.currency.filter(|c| c != "USD")
                && !into.currencies.contains(&c)
            {
                into.currencies.push(c);
            }
            match r.cost_type.as_deref() {
                None | Some("tokens") => {
                    into.items
                        .push((b.starting_at, b.ending_at, r.workspace_id, r.model, units))
                }
                Some(_) => into.other = add(into.other, units),
            }
        }
    }
    Ok(())
}

/// One group's comparison over the common days.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub invoiced: Decimal,
    pub book: Decimal,
}

/// The common window of the usage and the invoice.
pub fn common(window: &Window, inv: &Invoiced) -> Option<(Stamp, Stamp)> {
    let from = inv.items.iter().map(|i| i.0).min()?;
    let to = inv.items.iter().map(|i| i.1).max()?;
    let from = from.max(window.from);
    let to = to.min(window.to);
    (from < to).then_some((from, to))
}

/// Per group key: invoiced and price-book cost over `[from, to)`.
pub fn compare(
    window: &Window,
    inv: &Invoiced,
    (from, to): (Stamp, Stamp),
    group_by: GroupBy,
    map: &ModelMap,
    book: &PriceBook,
) -> Vec<(String, Compared)> {
    let mut out: std::collections::BTreeMap<String, Compared> = Default::default();
    fn slot(out: &mut std::collections::BTreeMap<String, Compared>, key: String) -> &mut Compared {
        out.entry(key).or_insert(Compared {
            invoiced: Decimal::ZERO,
            book: Decimal::ZERO,
        })
    }
    for (s, e, ws, model, amount) in &inv.items {
        if *s < from || *e > to {
            continue;
        }
        let row = Row {
            workspace_id: ws.clone(),
            model: model.clone(),
            ..Row::default()
        };
        let c = slot(&mut out, group_by.key(&row));
        c.invoiced = add(c.invoiced, *amount);
    }
    for b in &window.buckets {
        if b.start < from || b.end > to {
            continue;
        }
        for r in &b.rows {
            let Some(id) = r.model.as_deref().and_then(|m| map.id_of(m)) else {
                continue;
            };
            let c = slot(&mut out, group_by.key(r));
            c.book = add(c.book, row_cost(book, &id, r));
        }
    }
    out.into_iter().collect()
}

/// A sum that cannot panic: past Decimal's range it stays at the maximum
/// (no real invoice comes near 7.9 × 10^28).
fn add(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or(Decimal::MAX)
}

/// What the price book says one usage row costs, exactly.
pub fn row_cost(book: &PriceBook, id: &str, r: &Row) -> Decimal {
    let Some(m) = book.model(id) else {
        return Decimal::ZERO;
    };
    let p = if r.context_window.as_deref() == Some(LONG_WINDOW) {
        book.long_context_prices(m)
    } else {
        book.ordinary_prices(m)
    };
    let tokens = |n: u64, price: Decimal| Decimal::from(n) * price;
    let sum = tokens(r.uncached, p.input)
        + tokens(r.write_5m, p.cache_write)
        + tokens(r.write_1h, p.cache_write_1h)
        + tokens(r.read, p.cache_read)
        + tokens(r.output, p.output);
    let mut per_million = sum / Decimal::from(1_000_000);
    if r.inference_geo.as_deref() == Some("us")
        && let Some(us) = m.inference_geo_us
    {
        per_million *= us;
    }
    if r.service_tier.as_deref() == Some("batch") {
        per_million * (Decimal::ONE - pct(book.batch_discount_pct))
    } else {
        per_million
    }
}
