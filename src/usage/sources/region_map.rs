//! `--region-from MAPPING.csv`: a sign-in's location to a region id, for
//! the funnel's regions when no roster names them.
//!
//! The mapping is a CSV file with a header `location,region`, one location
//! per line, compared trimmed and ignoring case:
//!
//! ```csv
//! location,region
//! United States,na
//! Germany,emea
//! /Sales/EMEA,emea
//! *,other
//! ```
//!
//! A location is looked up as written, then — for an Entra location such
//! as `Seattle, Washington, US` — by its last comma-separated part (`US`),
//! then — for a Google organizational unit such as `/Sales/EMEA/Paris` —
//! by each parent unit (`/Sales/EMEA`, `/Sales`). `*` maps every location
//! not listed; without it such events go to the region `unassigned`.

use std::collections::HashMap;
use std::path::Path;

use crate::usage::UsageError;
use crate::usage::activity::trim;
use crate::usage::read::{header_only, invalid, open, rows_error};
use crate::usage::rows::Row;

/// Locations and their region ids.
#[derive(Debug, Clone, Default)]
pub struct RegionMap {
    regions: HashMap<String, String>,
    fallback: Option<String>,
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

impl RegionMap {
    /// Read a mapping file.
    pub fn read(path: &Path) -> Result<RegionMap, UsageError> {
        let file = path.display().to_string();
        let (mut rows, header) = open(path, &file, "location,region")?;
        let names: Vec<String> = header
            .fields()
            .map(|f| String::from_utf8_lossy(trim(f)).to_lowercase())
            .collect();
        let find = |want: &str| names.iter().position(|n| n == want);
        let (Some(location), Some(region)) = (find("location"), find("region")) else {
            return Err(invalid(
                &file,
                header.line(),
                format!(
                    "expected the columns 'location' and 'region', found {}",
                    names
                        .iter()
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        let mut map = RegionMap::default();
        let mut row = Row::default();
        let mut count = 0u64;
        while rows.read(&mut row).map_err(|e| rows_error(&file, e))? {
            count += 1;
            let place = String::from_utf8_lossy(row.get(location).unwrap_or_default());
            let id = String::from_utf8_lossy(trim(row.get(region).unwrap_or_default()));
            if id.is_empty() {
                return Err(invalid(
                    &file,
                    row.line(),
                    format!("expected a region id for the location '{}'", place.trim()),
                ));
            }
            let (place, id) = (key(&place), id.into_owned());
            if place == "*" {
                map.fallback.get_or_insert(id);
            } else {
                map.regions.entry(place).or_insert(id);
            }
        }
        if count == 0 {
            return Err(header_only(
                &file,
                &header,
                "one location and its region per line",
            ));
        }
        Ok(map)
    }

    /// The region id of a location, if the mapping gives one.
    pub fn region_of(&self, location: &[u8]) -> Option<&str> {
        let text = String::from_utf8_lossy(location);
        let whole = key(&text);
        let mut candidates = vec![whole.clone()];
        if let Some((_, last)) = whole.rsplit_once(',') {
            candidates.push(last.trim().to_string());
        }
        let mut unit = whole.as_str();
        while unit.starts_with('/') {
            match unit.rsplit_once('/') {
                Some((parent, _)) if !parent.is_empty() => {
                    candidates.push(parent.to_string());
                    unit = parent;
                }
                _ => break,
            }
        }
        candidates
            .iter()
            .find_map(|c| self.regions.get(c))
            .or(self.fallback.as_ref())
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, &str)], fallback: Option<&str>) -> RegionMap {
        RegionMap {
            regions: entries
                .iter()
                .map(|(l, r)| (key(l), r.to_string()))
                .collect(),
            fallback: fallback.map(str::to_string),
        }
    }

    #[test]
    fn locations_match_whole_then_by_country_then_by_parent_unit() {
        let m = map(
            &[
                ("United States", "na"),
                ("DE", "emea"),
                ("/Sales/EMEA", "emea"),
            ],
            None,
        );
        assert_eq!(m.region_of(b" united states "), Some("na"));
        assert_eq!(m.region_of(b"Berlin, Berlin, DE"), Some("emea"));
        assert_eq!(m.region_of(b"/Sales/EMEA/Paris"), Some("emea"));
        assert_eq!(m.region_of(b"/Sales"), None);
        assert_eq!(m.region_of(b""), None);
        let m = map(&[], Some("other"));
        assert_eq!(m.region_of(b"Japan"), Some("other"));
    }
}
