//! One CSV row as [`super::Rows`] reads it: the fields' bytes, unquoted,
//! where each field lies in them, and the physical lines the row spans.

/// One row: its fields' bytes and where each lies in them, reused from
/// row to row.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub(super) bytes: Vec<u8>,
    /// Start and end of each field in `bytes`.
    pub(super) spans: Vec<(usize, usize)>,
    pub(super) line: u64,
    pub(super) last_line: u64,
}

impl Row {
    /// The 1-based physical line the row starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The physical line the row ends on: later than [`Row::line`] when a
    /// quoted field holds a line break.
    pub fn last_line(&self) -> u64 {
        self.last_line
    }

    /// Fields in the row.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True for a row without fields (never returned by
    /// [`super::Rows::read`]).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `i`, unquoted.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let &(start, end) = self.spans.get(i)?;
        self.bytes.get(start..end)
    }

    /// Every field, in order.
    pub fn fields(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    pub(super) fn clear(&mut self) {
        self.bytes.clear();
        self.spans.clear();
    }

    /// End the field whose bytes were pushed since the last one ended.
    pub(super) fn end_field(&mut self) {
        let start = self.spans.last().map_or(0, |&(_, end)| end);
        self.spans.push((start, self.bytes.len()));
    }
}
