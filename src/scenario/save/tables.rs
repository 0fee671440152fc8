//! Deleting a table without taking comments that are not its own.
//!
//! toml_edit keeps the lines between two tables (blank lines, comments) as
//! the decor prefix of the table that follows them, so a comment the user
//! wrote at the end of one table belongs, in the parsed document, to the
//! next. Here a comment block belongs to what it touches:
//! * lines right above a header (no blank line between) — that table;
//! * lines right after a table's last line, followed by a blank line — the
//!   table they end;
//! * a block with blank lines on both sides — a section note, kept.
//!
//! Deleting a table removes its own blocks and those ending it; every other
//! block stays where it was, in the prefix of the table now following.

use toml_edit::{DocumentMut, Item, Table};

/// Remove `[[offer]]` number `k` (with its sub-tables and own comments).
pub fn remove_offer(doc: &mut DocumentMut, k: usize) {
    remove_row(doc, "offer", k);
}

/// Remove table number `k` of the array `[[key]]` (with its sub-tables and
/// own comments).
pub fn remove_row(doc: &mut DocumentMut, key: &str, k: usize) {
    let Some(rows) = doc.get_mut(key).and_then(Item::as_array_of_tables_mut) else {
        return;
    };
    if k >= rows.len() {
        return;
    }
    let gone = rows.remove(k);
    forget(doc, &gone);
}

/// Remove the table `[key]` (with its sub-tables and own comments).
pub fn remove_table(doc: &mut DocumentMut, key: &str) {
    if let Some(Item::Table(gone)) = doc.remove(key) {
        forget(doc, &gone);
    }
}

/// The document without `gone`'s own comments: the others it held move to
/// the table now following it.
fn forget(doc: &mut DocumentMut, gone: &Table) {
    let Some(last) = last_position(gone) else {
        return;
    };
    let prefix = gone.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
    let kept = not_attached(prefix);
    let next = next_position(doc.as_table(), last);
    match next.and_then(|p| table_at_mut(doc.as_table_mut(), p)) {
        Some(t) => {
            let own = t.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
            let own = without_ending_block(own);
            let joined = join(&kept, &own);
            t.decor_mut().set_prefix(joined);
        }
        None if !kept.is_empty() => {
            let trailing = doc.trailing().as_str().unwrap_or("").to_string();
            doc.set_trailing(format!("{}\n{trailing}", kept.trim_end()));
        }
        None => {}
    }
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// A table's prefix without the comment lines right above its header;
/// empty when what is left holds no comment.
fn not_attached(prefix: &str) -> String {
    // The indent before the header (after the last line end) is its own.
    let lines = &prefix[..prefix.rfind('\n').map_or(0, |k| k + 1)];
    let lines: Vec<&str> = lines.split_inclusive('\n').collect();
    let attached = lines.iter().rev().take_while(|l| comment(l)).count();
    let rest = lines[..lines.len() - attached].concat();
    if rest.contains('#') {
        rest
    } else {
        String::new()
    }
}

/// A prefix without the comment block that ends the table before it (the
/// block at its start, followed by a blank line).
fn without_ending_block(prefix: &str) -> String {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    let block = lines.iter().take_while(|l| comment(l)).count();
    if block > 0 && lines.get(block).is_some_and(|l| blank(l)) {
        lines[block..].concat()
    } else {
        prefix.to_string()
    }
}

/// `kept` then `own`, with one set of blank lines where they meet.
fn join(kept: &str, own: &str) -> String {
    if !kept.split_inclusive('\n').next_back().is_some_and(blank) {
        return format!("{kept}{own}");
    }
    let own: String = own.split_inclusive('\n').skip_while(|l| blank(l)).collect();
    format!("{kept}{own}")
}

/// The table itself and its sub-tables, each with a header in the file.
fn written(t: &Table, out: &mut Vec<(isize, bool)>) {
    if let Some(p) = t.position() {
        let shown = !(t.is_dotted() || (t.is_implicit() && t.get_values().is_empty()));
        out.push((p, shown));
    }
    for (_, item) in t.iter() {
        match item {
            Item::Table(c) => written(c, out),
            Item::ArrayOfTables(a) => a.iter().for_each(|c| written(c, out)),
            _ => {}
        }
    }
}

pub fn last_position(t: &Table) -> Option<isize> {
    let mut all = Vec::new();
    written(t, &mut all);
    all.into_iter().map(|(p, _)| p).max()
}

/// The first table with a header after position `after`.
fn next_position(root: &Table, after: isize) -> Option<isize> {
    let mut all = Vec::new();
    written(root, &mut all);
    all.into_iter()
        .filter(|(p, shown)| *shown && *p > after)
        .map(|(p, _)| p)
        .min()
}

fn table_at_mut(t: &mut Table, at: isize) -> Option<&mut Table> {
    if t.position() == Some(at) {
        return Some(t);
    }
    for (_, item) in t.iter_mut() {
        let found = match item {
            Item::Table(c) => table_at_mut(c, at),
            Item::ArrayOfTables(a) => a.iter_mut().find_map(|c| table_at_mut(c, at)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delete(src: &str, k: usize) -> String {
        let mut doc: DocumentMut = src.parse().unwrap();
        remove_offer(&mut doc, k);
        doc.to_string()
    }

    #[test]
    fn a_deleted_table_takes_its_own_comments_and_leaves_the_others() {
        let src = "a = 1\n\n[[offer]]\nk = 1\n# end of one\n\n# section\n\n# about two\n[[offer]]\nk = 2\n# end of two\n\n# about three\n[[offer]]\nk = 3\n";
        assert_eq!(
            delete(src, 1),
            "a = 1\n\n[[offer]]\nk = 1\n# end of one\n\n# section\n\n# about three\n[[offer]]\nk = 3\n"
        );
        let indented = "[[offer]]\nk = 1\n# end of one\n\n  # about two\n  [[offer]]\nk = 2\n";
        assert_eq!(delete(indented, 1), "[[offer]]\nk = 1\n# end of one\n");
        assert_eq!(
            delete(src, 2),
            "a = 1\n\n[[offer]]\nk = 1\n# end of one\n\n# section\n\n# about two\n[[offer]]\nk = 2\n# end of two\n"
        );
    }
}
