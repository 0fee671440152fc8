//! The user's style carried over to a value that replaces theirs: a number
//! keeps its digit grouping (`2_500` → `2_501`) and its decimal places
//! (`0.50` → `0.55`, `1.0` → `2.0`); an array or inline table keeps the
//! spacing of its elements — `[ "a", "b" ]`, one term a line with a
//! trailing comma — element by element, an element matched by value where
//! one is equal (a term kept among others), else by place (a ramp step).

use toml_edit::{Array, Decor, InlineTable, RawString, Value};

use super::fields::bare;

/// Give `new` the inner style of `old` (not its own decor).
pub fn keep_style(old: &Value, new: &mut Value) {
    match (old, &mut *new) {
        (Value::Array(a), Value::Array(b)) => keep_array(a, b),
        (Value::InlineTable(a), Value::InlineTable(b)) => keep_inline(a, b),
        _ => {
            if let Some(mut styled) = number_in_style(old, new) {
                *styled.decor_mut() = new.decor().clone();
                *new = styled;
            }
        }
    }
}

fn raw(r: Option<&RawString>, default: &str) -> String {
    r.map_or(default, |r| r.as_str().unwrap_or(default))
        .to_string()
}

/// The spacing of one element of the old list: before and after it.
struct Slots {
    prefixes: Vec<String>,
    suffixes: Vec<String>,
}

impl Slots {
    fn from_decors<'a>(decors: impl Iterator<Item = &'a Decor>) -> Self {
        let (mut prefixes, mut suffixes) = (Vec::new(), Vec::new());
        for (i, d) in decors.enumerate() {
            prefixes.push(raw(d.prefix(), if i == 0 { "" } else { " " }));
            suffixes.push(raw(d.suffix(), ""));
        }
        Slots { prefixes, suffixes }
    }

    /// The spacing before element `i` of the new list, which is old element
    /// `matched` when one is equal (single-line lists: inline tables).
    fn prefix(&self, i: usize, matched: Option<usize>) -> String {
        let n = self.prefixes.len();
        if let Some(j) = matched.filter(|j| (*j == 0) == (i == 0)) {
            return self.prefixes[j].clone();
        }
        if i < n {
            return self.prefixes[i].clone();
        }
        let p = &self.prefixes[if n >= 2 { n - 1 } else { 0 }];
        match p.rfind('\n') {
            Some(k) => p[k..].to_string(),
            None if n >= 2 => p.clone(),
            None => " ".into(),
        }
    }

    /// The spacing after element `i` of a new list of `len` elements.
    fn suffix(&self, i: usize, len: usize) -> String {
        let n = self.suffixes.len();
        if i + 1 == len {
            self.suffixes[n - 1].clone()
        } else if i + 1 < n {
            self.suffixes[i].clone()
        } else if n >= 2 {
            self.suffixes[n - 2].clone()
        } else {
            String::new()
        }
    }
}

/// An array's text around its elements, split at line ends: a comment
/// after an element's comma is that element's (`tails`), the lines above
/// an element are its own (`leads`).
struct ArrayLines {
    /// After `[` up to the first line end.
    head: String,
    leads: Vec<String>,
    tails: Vec<String>,
    /// The trailing text after the last element's tail.
    rest: String,
}

/// The text up to the first line end, and from it on.
fn split_line(p: &str) -> (String, String) {
    match p.find('\n') {
        Some(k) => (p[..k].to_string(), p[k..].to_string()),
        None => (String::new(), p.to_string()),
    }
}

impl ArrayLines {
    fn of(a: &Array) -> Self {
        let prefixes = Slots::from_decors(a.iter().map(|v| v.decor())).prefixes;
        let (head, lead) = split_line(&prefixes[0]);
        let (mut leads, mut tails) = (vec![lead], Vec::new());
        for p in &prefixes[1..] {
            let (tail, lead) = split_line(p);
            tails.push(tail);
            leads.push(lead);
        }
        let trailing = raw(Some(a.trailing()), "");
        let (tail, rest) = match a.trailing_comma() {
            true => split_line(&trailing),
            false => (String::new(), trailing),
        };
        tails.push(tail);
        ArrayLines {
            head,
            leads,
            tails,
            rest,
        }
    }

    /// The lines above new element `i` (old element `matched` when equal);
    /// a place the old array did not have gets its indent, no comments.
    fn lead(&self, i: usize, matched: Option<usize>) -> String {
        let fits = |j: &usize| (*j == 0) == (i == 0) || self.leads[*j].contains('\n');
        if let Some(j) = matched.filter(fits) {
            return self.leads[j].clone();
        }
        let n = self.leads.len();
        let base = &self.leads[i.min(n - 1)];
        match base.rfind('\n') {
            Some(k) => base[k..].to_string(),
            None if i == 0 || n >= 2 => base.clone(),
            None => " ".into(),
        }
    }
}

/// `tail` (a comment ending the previous line) then `lead`, on its own line.
fn after_tail(tail: &str, lead: String) -> String {
    if tail.trim().is_empty() || lead.starts_with('\n') {
        format!("{tail}{lead}")
    } else {
        format!("{tail}\n{lead}")
    }
}

fn keep_array(a: &Array, b: &mut Array) {
    if a.is_empty() {
        return;
    }
    let olds: Vec<&Value> = a.iter().collect();
    let slots = Slots::from_decors(olds.iter().map(|v| v.decor()));
    let lines = ArrayLines::of(a);
    let len = b.len();
    let mut tail = lines.head.clone();
    for (i, v) in b.iter_mut().enumerate() {
        let matched = olds.iter().position(|o| bare(o) == bare(v));
        keep_style(olds[matched.unwrap_or(i.min(olds.len() - 1))], v);
        let decor = v.decor_mut();
        decor.set_prefix(after_tail(&tail, lines.lead(i, matched)));
        decor.set_suffix(slots.suffix(i, len));
        tail = matched.map_or_else(String::new, |j| lines.tails[j].clone());
    }
    let comma = a.trailing_comma() && len > 0;
    let trailing = match comma {
        true => after_tail(&tail, lines.rest.clone()),
        false => lines.rest.clone(),
    };
    b.set_trailing(trailing);
    b.set_trailing_comma(comma);
}

fn keep_inline(a: &InlineTable, b: &mut InlineTable) {
    let olds: Vec<(&str, &Value)> = a.iter().collect();
    if olds.is_empty() {
        return;
    }
    let keys: Vec<Decor> = olds
        .iter()
        .map(|(k, _)| a.key(k).map(|k| k.leaf_decor().clone()).unwrap_or_default())
        .collect();
    let key_slots = Slots::from_decors(keys.iter());
    let value_slots = Slots::from_decors(olds.iter().map(|(_, v)| v.decor()));
    let names: Vec<String> = b.iter().map(|(k, _)| k.to_string()).collect();
    for (i, name) in names.iter().enumerate() {
        let matched = olds.iter().position(|(k, _)| k == name);
        let from = matched.unwrap_or(i.min(olds.len() - 1));
        if let Some(mut k) = b.key_mut(name) {
            let d = k.leaf_decor_mut();
            d.set_prefix(key_slots.prefix(i, matched));
            d.set_suffix(key_slots.suffixes[from].clone());
        }
        if let Some(v) = b.get_mut(name) {
            keep_style(olds[from].1, v);
            let d = v.decor_mut();
            d.set_prefix(value_slots.prefixes[from].clone());
            d.set_suffix(value_slots.suffix(i, names.len()));
        }
    }
    b.set_trailing(a.trailing().clone());
}

/// `new` written with `old`'s digit grouping and at least its decimal
/// places; None when either is not a plain decimal number or nothing
/// changes.
fn number_in_style(old: &Value, new: &Value) -> Option<Value> {
    let number = |v: &Value| matches!(v, Value::Integer(_) | Value::Float(_));
    if !number(old) || !number(new) {
        return None;
    }
    let (old_text, new_text) = (bare(old), bare(new));
    let (old_int, old_frac) = plain(&old_text)?;
    let (new_int, new_frac) = plain(&new_text)?;
    let mut int = new_int.to_string();
    if old_int.contains('_') {
        int = grouped(&int);
    }
    let mut frac = new_frac.unwrap_or("").to_string();
    let places = old_frac.map_or(0, |f| f.chars().filter(char::is_ascii_digit).count());
    while frac.len() < places {
        frac.push('0');
    }
    let text = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    if text == new_text {
        return None;
    }
    text.parse::<Value>().ok().filter(number)
}

/// A plain decimal's integer part (with sign) and fractional part.
fn plain(s: &str) -> Option<(&str, Option<&str>)> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let unsigned = int.strip_prefix(['+', '-']).unwrap_or(int);
    let ok = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '_');
    (ok(unsigned) && frac.is_none_or(ok)).then_some((int, frac))
}

/// An integer part grouped in thousands with `_`.
fn grouped(int: &str) -> String {
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    format!("{sign}{}", crate::money::group_digits(digits, '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(old: &str, new: &str) -> String {
        let old: Value = old.parse().unwrap();
        let mut new: Value = new.parse().unwrap();
        keep_style(&old, &mut new);
        new.to_string()
    }

    #[test]
    fn numbers_keep_grouping_and_decimal_places() {
        assert_eq!(styled("2_500", "2501"), "2_501");
        assert_eq!(styled("1_000_000", "999"), "999");
        assert_eq!(styled("0.50", "0.55"), "0.55");
        assert_eq!(styled("56.00", "55.5"), "55.50");
        assert_eq!(styled("1.0", "2"), "2.0");
        assert_eq!(styled("0.0", "0.05"), "0.05");
        assert_eq!(styled("60", "59.5"), "59.5");
        assert_eq!(styled("1e3", "999"), "999");
    }

    #[test]
    fn arrays_keep_their_spacing_as_they_grow_and_shrink() {
        assert_eq!(
            styled("[ \"a\", \"b\" ]", "[\"a\", \"b\", \"c\"]"),
            "[ \"a\", \"b\", \"c\" ]"
        );
        assert_eq!(styled("[\"a\"]", "[\"a\", \"b\"]"), "[\"a\", \"b\"]");
        assert_eq!(
            styled("[\n  \"a\",\n  \"b\",\n]", "[\"b\", \"c\"]"),
            "[\n  \"b\",\n  \"c\",\n]"
        );
        let commented = "[  # head\n  \"a\",   # ca\n  # above b\n  \"b\",  # cb\n]";
        assert_eq!(
            styled(commented, "[\"b\", \"c\"]"),
            "[  # head\n  # above b\n  \"b\",  # cb\n  \"c\",\n]"
        );
        assert_eq!(
            styled(commented, "[\"a\", \"c\", \"b\"]"),
            "[  # head\n  \"a\",   # ca\n  \"c\",\n  # above b\n  \"b\",  # cb\n]"
        );
        assert_eq!(
            styled(
                "{ opus = 0.5, sonnet = 0.5 }",
                "{ opus = 0.4, sonnet = 0.5, haiku = 0.1 }"
            ),
            "{ opus = 0.4, sonnet = 0.5, haiku = 0.1 }"
        );
        assert_eq!(styled("{opus=1.0}", "{ sonnet = 1 }"), "{sonnet=1.0}");
    }
}
