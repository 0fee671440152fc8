//! A funnel measured elsewhere, read back: the CSV export of the
//! [`super::sql`] query's result, or the SPEC.md §5 JSON. The result
//! becomes the same [`Funnel`] `dealbench usage` measures itself, so the
//! table, `--json` and `--write` work on it unchanged.
//!
//! Nothing is taken on trust: every column must be there (header names
//! compared ignoring case, as warehouses upper-case them), a region may
//! appear once (ignoring case), counts are whole numbers of 0 or more, each
//! row keeps the funnel's order (dau ≤ wau ≤ mau ≤ provisioned, dormant =
//! provisioned − mau, active_last_30_days = mau, active_last_7_days ≤ mau)
//! and the total row is the sum of the regions. A fault names the file,
//! the row (the CSV line, or `regions[i]` in JSON) and the column.

use std::path::Path;

use serde_json::Value;

use super::dates::{Day, parse_date};
use super::funnel::{Counts, Funnel, RegionFunnel, Source};
use super::rows::{Row, Rows};
use crate::diag::sanitize;

mod checks;

use checks::{check_sum, counts, figure};

/// A funnel read from a result file, and where it came from.
#[derive(Debug, Clone)]
pub struct FunnelResult {
    pub funnel: Funnel,
    /// The query's `funnel_source` column (e.g. `bigquery query on events`).
    pub source: Option<String>,
}

/// Where a cell is, for messages.
#[derive(Debug, Clone)]
enum Place {
    /// A CSV line and the 1-based column of each name.
    Csv { line: u64, columns: Vec<String> },
    /// `regions[i]` or `total` in the JSON.
    Json(String),
}

/// One row of the result: its cells by column name, as text.
#[derive(Debug, Clone)]
struct RawRow {
    place: Place,
    cells: Vec<(String, String)>,
}

impl RawRow {
    fn cell(&self, name: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
    }

    /// `file:line:column` or `file: regions[2].wau`.
    fn at(&self, file: &str, name: &str) -> String {
        match &self.place {
            Place::Csv { line, columns } => {
                let col = columns.iter().position(|c| c == name).map_or(1, |i| i + 1);
                format!("error: {file}:{line}:{col}: column '{name}'")
            }
            Place::Json(path) => format!("error: {file}: {path}.{name}"),
        }
    }
}

/// Read a result file (`.json` by its content, else CSV).
pub fn read(path: &Path) -> Result<FunnelResult, String> {
    let file = sanitize(&path.display().to_string());
    let bytes = std::fs::read(path).map_err(|e| format!("error: cannot read '{file}': {e}"))?;
    let text_start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xef && *b != 0xbb && *b != 0xbf);
    let rows = match text_start.map(|i| bytes[i]) {
        Some(b'{') => json_rows(&file, &bytes)?,
        Some(_) => csv_rows(&file, &bytes)?,
        None => {
            return Err(format!(
                "error: {file}:1:1: the file is empty: expected the result of `dealbench usage --sql` (CSV with a header) or the §5 JSON"
            ));
        }
    };
    build(&file, &rows)
}

const CSV_COLUMNS: [&str; 11] = [
    "kind",
    "region",
    "provisioned",
    "mau",
    "wau",
    "dau",
    "dormant",
    "mean_daily_active",
    "active_last_7_days",
    "active_last_30_days",
    "as_of",
];

fn csv_rows(file: &str, bytes: &[u8]) -> Result<Vec<RawRow>, String> {
    let mut rows = Rows::new(bytes);
    let mut header = Row::default();
    let bad = |e| format!("error: {file}: not CSV: {e:?}");
    if !rows.read(&mut header).map_err(bad)? {
        return Err(format!("error: {file}:1:1: the file is empty"));
    }
    let names: Vec<String> = header
        .fields()
        .map(|f| String::from_utf8_lossy(f).trim().to_lowercase())
        .collect();
    for want in CSV_COLUMNS {
        if !names.iter().any(|n| n == want) {
            return Err(format!(
                "error: {file}:{}:{}: expected a column '{want}', found the columns {}",
                header.line(),
                names.len() + 1,
                names
                    .iter()
                    .map(|n| format!("'{}'", sanitize(n)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let mut out = Vec::new();
    let mut row = Row::default();
    while rows.read(&mut row).map_err(bad)? {
        let cells = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let v = row.get(i).unwrap_or_default();
                (n.clone(), String::from_utf8_lossy(v).into_owned())
            })
            .collect();
        out.push(RawRow {
            place: Place::Csv {
                line: row.line(),
                columns: names.clone(),
            },
            cells,
        });
    }
    Ok(out)
}

fn json_rows(file: &str, bytes: &[u8]) -> Result<Vec<RawRow>, String> {
    let text = String::from_utf8_lossy(bytes);
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("error: {file}:{}:{}: not JSON: {e}", e.line(), e.column()))?;
    let cell = |v: Option<&Value>| match v {
        None => None,
        Some(Value::Null) => Some(String::new()),
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    let object = |v: &Value, path: String, kind: &str| -> Result<RawRow, String> {
        let Some(map) = v.as_object() else {
            return Err(format!("error: {file}: {path}: expected an object"));
        };
        let mut cells = vec![("kind".to_string(), kind.to_string())];
        for (k, v) in map {
            if let Some(text) = cell(Some(v)) {
                cells.push((k.clone(), text));
            }
        }
        Ok(RawRow {
            place: Place::Json(path),
            cells,
        })
    };
    let mut out = Vec::new();
    let regions = value.get("regions").and_then(Value::as_array);
    let Some(regions) = regions else {
        return Err(format!(
            "error: {file}: regions: expected the §5 JSON, with a 'regions' list"
        ));
    };
    for (i, r) in regions.iter().enumerate() {
        out.push(object(r, format!("regions[{i}]"), "region")?);
    }
    let total = value
        .get("total")
        .ok_or_else(|| format!("error: {file}: total: expected a 'total' object"))?;
    let mut total = object(total, "total".into(), "total")?;
    total.cells.push(("region".into(), String::new()));
    for key in ["as_of", "unknown_users", "skipped_rows"] {
        if let Some(text) = cell(value.get(key)) {
            total.cells.push((key.into(), text));
        }
    }
    out.push(total);
    Ok(out)
}

/// Check every row and assemble the funnel.
fn build(file: &str, rows: &[RawRow]) -> Result<FunnelResult, String> {
    let mut regions: Vec<(RegionFunnel, &RawRow)> = Vec::new();
    let mut total: Option<(Counts, &RawRow)> = None;
    for row in rows {
        let counts = counts(file, row)?;
        match row
            .cell("kind")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "total" if total.is_some() => {
                return Err(format!(
                    "{}: expected one total row, found a second",
                    row.at(file, "kind")
                ));
            }
            "total" => total = Some((counts, row)),
            "region" => {
                let name = row.cell("region").unwrap_or_default().to_string();
                if name.is_empty() {
                    return Err(format!(
                        "{}: expected a region name, found nothing",
                        row.at(file, "region")
                    ));
                }
                if let Some((_, first)) = regions
                    .iter()
                    .find(|(r, _)| r.region.eq_ignore_ascii_case(&name))
                {
                    return Err(format!(
                        "{}: the region '{}' is already in the result ({}); expected each region once",
                        row.at(file, "region"),
                        sanitize(&name),
                        where_row(first)
                    ));
                }
                regions.push((
                    RegionFunnel {
                        region: name,
                        counts,
                    },
                    row,
                ));
            }
            other => {
                return Err(format!(
                    "{}: expected 'region' or 'total', found '{}'",
                    row.at(file, "kind"),
                    sanitize(other)
                ));
            }
        }
    }
    let Some((total, total_row)) = total else {
        return Err(format!(
            "error: {file}: expected a total row (kind 'total'), found none"
        ));
    };
    check_sum(file, &regions, &total, total_row)?;
    let as_of = as_of(file, total_row)?;
    let count = |name: &str| -> Result<u64, String> {
        match total_row.cell(name) {
            None | Some("") => Ok(0),
            Some(_) => Ok(figure(file, total_row, name)?.unwrap_or(0)),
        }
    };
    let source = if total.wau.is_some() {
        Source::Events
    } else {
        Source::LastActivity
    };
    let mut regions: Vec<RegionFunnel> = regions.into_iter().map(|(r, _)| r).collect();
    regions.sort_by(|a, b| a.region.cmp(&b.region));
    Ok(FunnelResult {
        funnel: Funnel {
            as_of,
            source,
            unknown_users: count("unknown_users")?,
            skipped_rows: count("skipped_rows")?,
            regions,
            total,
        },
        source: total_row
            .cell("funnel_source")
            .filter(|s| !s.is_empty())
            .map(str::to_string),
    })
}

fn where_row(row: &RawRow) -> String {
    match &row.place {
        Place::Csv { line, .. } => format!("line {line}"),
        Place::Json(path) => path.clone(),
    }
}

fn as_of(file: &str, row: &RawRow) -> Result<Day, String> {
    let text = row.cell("as_of").unwrap_or_default();
    // A warehouse may print a date as a timestamp at midnight.
    let date = text.get(..10).unwrap_or(text);
    parse_date(date.as_bytes()).ok_or_else(|| {
        format!(
            "{}: expected the as-of date as YYYY-MM-DD, found '{}'",
            row.at(file, "as_of"),
            sanitize(text)
        )
    })
}
