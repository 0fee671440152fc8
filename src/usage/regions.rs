//! Region names as exports spell them. A region is one region whatever the
//! case of its letters (`NA`, `na`, `Na`), as user ids are and as scenario
//! ids are matched when the funnel is written; it is named as first
//! spelled, and the other spellings are kept so a note can list them. An
//! empty region cell is the region [`UNASSIGNED`].
//!
//! Lookups compare the exact bytes of the spellings seen (a handful), the
//! last one first: rows of one region tend to come together.

/// The region of a user whose region cell is empty.
pub const UNASSIGNED: &str = "unassigned";

/// Every region seen, with every spelling of it.
#[derive(Debug, Default)]
pub struct Regions {
    /// Names, in the order first seen, as first spelled.
    names: Vec<String>,
    /// Every spelling seen (trimmed) and the region it names.
    spellings: Vec<(Box<[u8]>, u32)>,
    /// The spelling looked up last.
    last: usize,
}

impl Regions {
    /// The index of the region `cell` names (trimmed, ignoring ASCII
    /// case), added on first sight.
    pub fn index(&mut self, cell: &[u8]) -> u32 {
        let spelling = cell.trim_ascii();
        if let Some((seen, i)) = self.spellings.get(self.last)
            && **seen == *spelling
        {
            return *i;
        }
        let at = match self.spellings.iter().position(|(k, _)| **k == *spelling) {
            Some(at) => at,
            None => {
                let i = self.named(spelling);
                self.spellings.push((spelling.into(), i));
                self.spellings.len() - 1
            }
        };
        self.last = at;
        self.spellings[at].1
    }

    /// The region a new spelling names: one already known under another
    /// case, or a new one.
    fn named(&mut self, spelling: &[u8]) -> u32 {
        let name = match String::from_utf8_lossy(spelling).into_owned() {
            empty if empty.is_empty() => UNASSIGNED.to_string(),
            name => name,
        };
        if let Some(i) = self
            .names
            .iter()
            .position(|r| r.eq_ignore_ascii_case(&name))
        {
            return i as u32;
        }
        self.names.push(name);
        (self.names.len() - 1) as u32
    }

    /// Region names by index.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The other spellings of region `i` in the data (an empty cell is
    /// not one: it means [`UNASSIGNED`]).
    pub fn other_spellings(&self, i: u32) -> Vec<String> {
        let name = self.names.get(i as usize).map_or("", String::as_str);
        self.spellings
            .iter()
            .filter(|(k, r)| *r == i && !k.is_empty())
            .map(|(k, _)| String::from_utf8_lossy(k).into_owned())
            .filter(|k| k != name)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_differ_in_case_are_one_region() {
        let mut r = Regions::default();
        let found = [
            r.index(b"NA"),
            r.index(b"na"),
            r.index(b"Na"),
            r.index(b" na"),
        ];
        assert_eq!(found, [0, 0, 0, 0]);
        assert_eq!(r.names(), ["NA"]);
        assert_eq!(r.other_spellings(0), ["na", "Na"]);
        assert_eq!((r.index(b"emea"), r.index(b"NA")), (1, 0));
        assert_eq!((r.index(b""), r.index(b"Unassigned")), (2, 2));
        assert_eq!(r.names(), ["NA", "emea", "unassigned"]);
        assert_eq!(r.other_spellings(2), ["Unassigned"]);
        assert!(r.other_spellings(1).is_empty());
    }
}
