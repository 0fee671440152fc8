//! Column layout for the price-book table: each cell is its text and a
//! marker (`*`, ` †`, ` derived`) written after it; markers get a column
//! width of their own so that figures stay aligned whatever their markers.

use std::io::{self, Write};

/// A table cell: its text and a marker (`*`, ` †`, ` derived`) written
/// after it, so that figures stay aligned whatever their markers.
pub type Cell = (String, String);

pub fn cell(text: &str) -> Cell {
    (text.to_string(), String::new())
}

pub fn star(set: bool) -> String {
    if set { "*".into() } else { String::new() }
}

/// Columns padded to their widest cell; `right` right-aligns a column's
/// text, its markers following in a column of their own width.
pub fn table(
    out: &mut impl Write,
    headers: &[&str],
    rows: &[Vec<Cell>],
    right: &[bool],
) -> io::Result<()> {
    let columns = right.len();
    let width = |s: &str| s.chars().count();
    let mut text_w = vec![0usize; columns];
    let mut mark_w = vec![0usize; columns];
    for row in rows {
        for (i, (text, mark)) in row.iter().enumerate().take(columns) {
            text_w[i] = text_w[i].max(width(text));
            mark_w[i] = mark_w[i].max(width(mark));
        }
    }
    for (i, h) in headers.iter().enumerate().take(columns) {
        let room = if right[i] { 0 } else { mark_w[i] };
        text_w[i] = text_w[i].max(width(h).saturating_sub(room));
    }
    let line = |cells: Vec<String>| cells.join("   ").trim_end().to_string();
    if !headers.is_empty() {
        let cells = headers
            .iter()
            .enumerate()
            .take(columns)
            .map(|(i, h)| {
                let (tw, mw) = (text_w[i], mark_w[i]);
                if right[i] {
                    format!("{h:>tw$}{:mw$}", "")
                } else {
                    format!("{h:<w$}", w = tw + mw)
                }
            })
            .collect();
        writeln!(out, "  {}", line(cells))?;
    }
    for row in rows {
        let cells = row
            .iter()
            .enumerate()
            .take(columns)
            .map(|(i, (text, mark))| {
                let (tw, mw) = (text_w[i], mark_w[i]);
                if right[i] {
                    format!("{text:>tw$}{mark:<mw$}")
                } else {
                    format!("{:<w$}", format!("{text}{mark}"), w = tw + mw)
                }
            })
            .collect();
        writeln!(out, "  {}", line(cells))?;
    }
    Ok(())
}
