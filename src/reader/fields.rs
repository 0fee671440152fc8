//! Reading the fields of one table: unknown keys (with a "did you mean"
//! hint), wrong types and values out of range reported into the [`Ctx`],
//! numbers read exactly from the text the user wrote.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use toml_edit::{Item, Value};

use super::{Ctx, Node, Sp, Tbl};
use crate::diag::{Span, suggest};
use crate::money::parse_decimal;

/// Reads the fields of one table, reporting problems into the [`Ctx`].
pub struct Fields<'c, 'a> {
    ctx: &'c Ctx<'c>,
    entries: Vec<(&'a str, Span, Node<'a>)>,
    /// Key → place in `entries`, for a table of many keys (a
    /// `regional_price` of every region): lookups stay O(1).
    index: Option<HashMap<&'a str, usize>>,
    /// How messages name this table, e.g. "[[region]] 'na'".
    what: String,
    /// Where to point when a required field is missing.
    pub at: Span,
    /// The file's top level, whose keys are the tables themselves: a
    /// missing one is explained by its own section of docs/format.md, not
    /// by the table the pointer lands in.
    top: bool,
}

impl<'c, 'a> Fields<'c, 'a> {
    /// Open `tbl`, reporting every key not in `allowed`.
    pub fn new(ctx: &'c Ctx<'c>, tbl: Tbl<'a>, what: &str, allowed: &[&str], at: Span) -> Self {
        let entries = tbl.entries();
        let at = tbl
            .span()
            .or_else(|| entries.first().map(|e| e.1.clone()))
            .unwrap_or(at);
        let many = |n: usize| n > 16;
        let allowed_set: Option<HashSet<&str>> =
            many(allowed.len()).then(|| allowed.iter().copied().collect());
        let known = |key: &str| match &allowed_set {
            Some(set) => set.contains(key),
            None => allowed.contains(&key),
        };
        let index = many(entries.len()).then(|| {
            let mut index = HashMap::with_capacity(entries.len());
            for (i, (k, _, _)) in entries.iter().enumerate() {
                index.entry(*k).or_insert(i);
            }
            index
        });
        for (key, span, _) in &entries {
            if !known(key) {
                let hint = suggest(key, allowed)
                    .map(|s| format!(" (did you mean '{s}'?)"))
                    .unwrap_or_default();
                ctx.error(
                    span.clone(),
                    format!(
                        "unknown field '{key}' in {what}{hint}; expected one of: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
        Fields {
            ctx,
            entries,
            index,
            what: what.to_string(),
            at,
            top: false,
        }
    }

    /// Open the file's top level (`schema`, `[deal]`, `[[region]]`, …).
    pub fn top(ctx: &'c Ctx<'c>, root: Tbl<'a>, what: &str, allowed: &[&str]) -> Self {
        let mut f = Self::new(ctx, root, what, allowed, 0..0);
        f.top = true;
        f
    }

    /// Rename the table in later messages (once its name is known).
    pub fn rename(&mut self, what: String) {
        self.what = what;
    }

    pub fn what(&self) -> &str {
        &self.what
    }

    /// The raw node of `key`, with the span of its value (or key).
    pub fn node(&self, key: &str) -> Option<(Span, Node<'a>)> {
        self.entry(key)
            .map(|(_, kspan, n)| (n.span().unwrap_or_else(|| kspan.clone()), *n))
    }

    /// Where `key` itself is written (for faults in the key, not its value).
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entry(key).map(|(_, s, _)| s.clone())
    }

    fn entry(&self, key: &str) -> Option<&(&'a str, Span, Node<'a>)> {
        match &self.index {
            Some(index) => index.get(key).map(|&i| &self.entries[i]),
            None => self.entries.iter().find(|(k, _, _)| *k == key),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.node(key).is_some()
    }

    fn wrong(&self, key: &str, span: Span, expected: &str, found: Node<'_>) {
        let text = self.ctx.text(&span);
        let found = if text.is_empty() || matches!(found, Node::Item(Item::Table(_))) {
            found.kind().to_string()
        } else {
            format!("{} '{text}'", found.kind())
        };
        self.ctx.error(
            span,
            format!("`{key}` in {} must be {expected}, found {found}", self.what),
        );
    }

    /// Report that a required field is absent. At the top level the field
    /// is a table and the message points where the file starts.
    pub fn missing(&self, key: &str, expected: &str) {
        let message = format!("{} is missing `{key}`: expected {expected}", self.what);
        if self.top {
            let section = super::format_doc::section_of(&[key]);
            self.ctx.error_in(self.at.clone(), message, section);
        } else {
            self.ctx.error(self.at.clone(), message);
        }
    }

    /// Report a problem with the value of `key` (or the table if absent).
    pub fn error(&self, key: &str, message: impl Into<String>) {
        let span = self.node(key).map_or_else(|| self.at.clone(), |(s, _)| s);
        self.ctx.error(span, message);
    }

    pub fn string(&self, key: &str) -> Option<Sp<String>> {
        let (span, node) = self.node(key)?;
        match node.value() {
            Some(Value::String(s)) => Some(Sp {
                value: s.value().clone(),
                span,
            }),
            _ => {
                self.wrong(key, span, "a string", node);
                None
            }
        }
    }

    /// A string that must be present and not blank.
    pub fn required_string(&self, key: &str, expected: &str) -> Option<Sp<String>> {
        if !self.has(key) {
            self.missing(key, expected);
            return None;
        }
        let s = self.string(key)?;
        if s.value.trim().is_empty() {
            self.ctx.error(
                s.span.clone(),
                format!(
                    "`{key}` in {} must be {expected}, found an empty string",
                    self.what
                ),
            );
            return None;
        }
        Some(s)
    }

    /// One of `choices`.
    pub fn choice(&self, key: &str, choices: &[&str]) -> Option<Sp<String>> {
        let s = self.string(key)?;
        if choices.contains(&s.value.as_str()) {
            return Some(s);
        }
        let hint = suggest(&s.value, choices)
            .map(|c| format!(" (did you mean '{c}'?)"))
            .unwrap_or_default();
        let list: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
        self.ctx.error(
            s.span,
            format!(
                "`{key}` in {} must be one of {}, found '{}'{hint}",
                self.what,
                list.join(", "),
                s.value
            ),
        );
        None
    }

    pub fn boolean(&self, key: &str) -> Option<Sp<bool>> {
        let (span, node) = self.node(key)?;
        match node.value() {
            Some(Value::Boolean(b)) => Some(Sp {
                value: *b.value(),
                span,
            }),
            _ => {
                self.wrong(key, span, "true or false", node);
                None
            }
        }
    }

    /// An exact decimal in `[min, max]`; `unit` words the expectation, e.g.
    /// "a number of percent".
    pub fn decimal(
        &self,
        key: &str,
        min: Decimal,
        max: Decimal,
        unit: &str,
    ) -> Option<Sp<Decimal>> {
        let (span, node) = self.node(key)?;
        let expected = format!("{unit} from {min} to {max}");
        let value = match node.value() {
            Some(Value::Integer(i)) => Some(Decimal::from(*i.value())),
            Some(Value::Float(_)) => self.ctx.src.get(span.clone()).and_then(parse_decimal),
            _ => {
                self.wrong(key, span, &expected, node);
                return None;
            }
        };
        match value {
            Some(v) if v >= min && v <= max => Some(Sp { value: v, span }),
            _ => {
                self.wrong(key, span, &expected, node);
                None
            }
        }
    }

    /// A whole number in `[min, max]`.
    pub fn whole(&self, key: &str, min: u64, max: u64, unit: &str) -> Option<Sp<u64>> {
        let (span, node) = self.node(key)?;
        let expected = format!("{unit}, a whole number from {min} to {max}");
        match node.value() {
            Some(Value::Integer(i)) => match u64::try_from(*i.value()) {
                Ok(v) if (min..=max).contains(&v) => Some(Sp { value: v, span }),
                _ => {
                    self.wrong(key, span, &expected, node);
                    None
                }
            },
            _ => {
                self.wrong(key, span, &expected, node);
                None
            }
        }
    }

    /// A whole number of months in `[min, max]`.
    pub fn months(&self, key: &str, min: u32, max: u32) -> Option<Sp<u32>> {
        let v = self.whole(key, u64::from(min), u64::from(max), "months")?;
        Some(Sp {
            value: u32::try_from(v.value).unwrap_or(max),
            span: v.span,
        })
    }

    /// A local date (`2027-01-01`).
    pub fn date(&self, key: &str) -> Option<Sp<NaiveDate>> {
        let (span, node) = self.node(key)?;
        if let Some(Value::Datetime(dt)) = node.value() {
            let dt = dt.value();
            if let (Some(d), None) = (dt.date, dt.time) {
                let date = NaiveDate::from_ymd_opt(
                    i32::from(d.year),
                    u32::from(d.month),
                    u32::from(d.day),
                );
                if let Some(date) = date {
                    return Some(Sp { value: date, span });
                }
            }
        }
        self.wrong(key, span, "a date such as 2027-01-01", node);
        None
    }

    /// A date-time with a time, kept as written (`2027-01-14T15:32:00Z`).
    pub fn date_time(&self, key: &str) -> Option<Sp<String>> {
        let (span, node) = self.node(key)?;
        if let Some(Value::Datetime(dt)) = node.value()
            && dt.value().date.is_some()
            && dt.value().time.is_some()
        {
            return Some(Sp {
                value: dt.value().to_string(),
                span,
            });
        }
        self.wrong(key, span, "a date-time such as 2027-01-14T15:32:00Z", node);
        None
    }

    /// An array of strings.
    pub fn strings(&self, key: &str) -> Option<Sp<Vec<String>>> {
        let (span, node) = self.node(key)?;
        if let Some(Value::Array(a)) = node.value() {
            let mut out = Vec::new();
            for v in a.iter() {
                match v {
                    Value::String(s) => out.push(s.value().clone()),
                    other => {
                        let vs = other.span().unwrap_or_else(|| span.clone());
                        self.wrong(key, vs, "a list of strings", Node::Value(other));
                        return None;
                    }
                }
            }
            return Some(Sp { value: out, span });
        }
        self.wrong(
            key,
            span,
            "a list of strings such as [\"sso\", \"scim\"]",
            node,
        );
        None
    }

    /// A sub-table (standard or inline).
    pub fn table(&self, key: &str) -> Option<(Span, Tbl<'a>)> {
        let (span, node) = self.node(key)?;
        match node.table() {
            Some(t) => Some((span, t)),
            None => {
                self.wrong(key, span, "a table", node);
                None
            }
        }
    }

    /// An array of tables (`[[key]]`); absent gives an empty list.
    pub fn tables(&self, key: &str) -> Vec<(Span, Tbl<'a>)> {
        let Some((span, node)) = self.node(key) else {
            return Vec::new();
        };
        match node.tables() {
            Some(ts) => ts
                .into_iter()
                .map(|t| (t.span().unwrap_or_else(|| span.clone()), t))
                .collect(),
            None => {
                self.wrong(key, span, &format!("an array of tables ([[{key}]])"), node);
                Vec::new()
            }
        }
    }

    pub fn ctx(&self) -> &'c Ctx<'c> {
        self.ctx
    }
}
