//! The row reader against the csv crate (same fields) and against the
//! physical lines an editor shows, whatever the line ends and however the
//! file arrives (one byte per read included).

use std::io::Read;

use proptest::prelude::*;

use super::*;

/// Every row as (line, fields), or the error.
fn rows_of(source: impl Read) -> Result<Vec<(u64, Vec<String>)>, RowsError> {
    let (mut rows, mut row, mut out) = (Rows::new(source), Row::default(), Vec::new());
    while rows.read(&mut row)? {
        let fields = row
            .fields()
            .map(|f| String::from_utf8_lossy(f).into())
            .collect();
        out.push((row.line(), fields));
    }
    Ok(out)
}

fn lines_of(text: &str) -> Vec<u64> {
    let rows = rows_of(text.as_bytes()).unwrap();
    assert_eq!(
        rows,
        rows_of(OneByte(text.as_bytes())).unwrap(),
        "the same read one byte at a time"
    );
    rows.into_iter().map(|(line, _)| line).collect()
}

/// A source that hands out one byte per read.
struct OneByte<'a>(&'a [u8]);

impl Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&b, rest)), Some(slot)) => {
                *slot = b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

#[test]
fn each_row_has_the_line_it_starts_on() {
    assert_eq!(lines_of("h\na\nb\n"), [1, 2, 3], "LF");
    assert_eq!(lines_of("h\r\na\r\nb\r\n"), [1, 2, 3], "CRLF");
    assert_eq!(lines_of("h\ra\rb"), [1, 2, 3], "lone CR");
    assert_eq!(lines_of("h\na\n\n\nb\n"), [1, 2, 5], "blank lines");
    assert_eq!(
        lines_of("h\r\na\r\n\r\n\r\nb\r\n"),
        [1, 2, 5],
        "blank CRLF lines"
    );
    assert_eq!(
        lines_of("\n\nh\na\n"),
        [3, 4],
        "blank lines before the header"
    );
    assert_eq!(
        lines_of("h\n\"a\nx\",y\nb\n"),
        [1, 2, 4],
        "a quoted line break"
    );
    assert_eq!(
        lines_of("h\r\n\"a\r\nx\"\r\nb\r\n"),
        [1, 2, 4],
        "a quoted CRLF"
    );
    assert_eq!(lines_of("\u{feff}h\r\na\r\n"), [1, 2], "a byte-order mark");
    assert_eq!(
        lines_of("\u{feff}\r\n\r\nh\na"),
        [3, 4],
        "a mark, then blank lines"
    );
    assert_eq!(lines_of("h\na\r\nb\rc\n"), [1, 2, 3, 4], "mixed line ends");
}

#[test]
fn a_row_with_a_quoted_line_break_ends_on_a_later_line() {
    let (mut rows, mut row) = (
        Rows::new("h\r\n\"a\r\nb\n\rc\",d\r\ne".as_bytes()),
        Row::default(),
    );
    let mut spans = Vec::new();
    while rows.read(&mut row).unwrap() {
        spans.push((row.line(), row.last_line()));
    }
    assert_eq!(spans, [(1, 1), (2, 5), (6, 6)]);
}

#[test]
fn fields_follow_the_csv_dialect() {
    let rows = rows_of("\u{feff}a,\"b,\"\"c\"\"\",d\"e,\"f\"g\n,\n\"\"\nx,".as_bytes()).unwrap();
    let fields: Vec<Vec<String>> = rows.into_iter().map(|(_, f)| f).collect();
    let expected: Vec<Vec<&str>> = vec![
        vec!["a", "b,\"c\"", "d\"e", "fg"],
        vec!["", ""],
        vec![""],
        vec!["x", ""],
    ];
    assert_eq!(fields, expected);
}

#[test]
fn a_quote_left_open_is_reported_where_it_opens() {
    let text = "user,region\nann,na\n\"bob,na\ncy,na\n";
    for result in [rows_of(text.as_bytes()), rows_of(OneByte(text.as_bytes()))] {
        match result {
            Err(RowsError::Unterminated {
                line,
                column,
                last_line,
            }) => assert_eq!((line, column, last_line), (3, 1, 4)),
            other => panic!("expected an unterminated quote, got {other:?}"),
        }
    }
    match rows_of("a,b\r\n\"x\r\ny\",zé,\"open\r\n".as_bytes()) {
        Err(RowsError::Unterminated {
            line,
            column,
            last_line,
        }) => assert_eq!((line, column, last_line), (3, 7, 3)),
        other => panic!("expected an unterminated quote, got {other:?}"),
    }
    assert!(rows_of("a,\"closed at the end\"".as_bytes()).is_ok());
}

#[test]
fn a_row_longer_than_the_limit_is_refused() {
    let mut text = b"h\nok\n\"".to_vec();
    text.resize(MAX_ROW_BYTES + 10, b'x');
    match rows_of(text.as_slice()) {
        Err(RowsError::TooLong { line, quote }) => assert_eq!((line, quote), (3, Some((3, 1)))),
        other => panic!("expected a row too long, got {:?}", other.map(|r| r.len())),
    }
}

/// The physical line of every byte offset: `\n`, `\r\n` or a lone `\r`
/// ends a line.
fn line_at(text: &[u8], offset: usize) -> u64 {
    let before = &text[..offset];
    let breaks = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || before[i - 1] != b'\r')))
        .count();
    breaks as u64 + 1
}

/// A field as written: plain text (not starting with a quote), or quoted
/// with line breaks, commas and doubled quotes inside.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "([a-c é][a-c é\"]{0,3})?",
        "[a,\"\r\n]{0,5}".prop_map(|s| format!("\"{}\"", s.replace('"', "\"\""))),
    ]
}

/// Rows of fields, each followed by a line end and maybe blank lines (the
/// last one maybe by nothing): the text and where each row starts.
fn document() -> impl Strategy<Value = (String, Vec<usize>)> {
    let row = (
        prop::collection::vec(field(), 1..4),
        "(\n|\r\n|\r)(\n|\r\n|\r){0,2}",
    );
    let rows = prop::collection::vec(row, 0..8);
    (any::<bool>(), rows, any::<bool>()).prop_map(|(bom, rows, ended)| {
        let mut text = if bom {
            "\u{feff}".to_string()
        } else {
            String::new()
        };
        let (mut starts, mut last_end) = (Vec::new(), 0);
        for (fields, end) in rows {
            let line = fields.join(",");
            if line.is_empty() {
                continue; // an empty line is no row
            }
            starts.push(text.len());
            text.push_str(&line);
            text.push_str(&end);
            last_end = end.len();
        }
        if !ended {
            text.truncate(text.len() - last_end);
        }
        (text, starts)
    })
}

fn csv_crate_rows(text: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    reader
        .byte_records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|f| String::from_utf8_lossy(f).into())
                .collect()
        })
        .collect()
}

/// The fields of the rows read before the end or an error, and the error.
fn fields_until_error(text: &[u8]) -> (Vec<Vec<String>>, Option<RowsError>) {
    let (mut rows, mut row, mut out) = (Rows::new(text), Row::default(), Vec::new());
    loop {
        match rows.read(&mut row) {
            Ok(true) => out.push(
                row.fields()
                    .map(|f| String::from_utf8_lossy(f).into())
                    .collect(),
            ),
            Ok(false) => return (out, None),
            Err(e) => return (out, Some(e)),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Same fields as the csv crate; lines as an editor counts them.
    #[test]
    fn rows_match_the_csv_crate_and_the_physical_lines((text, starts) in document()) {
        let ours = rows_of(text.as_bytes()).unwrap();
        let fields: Vec<Vec<String>> = ours.iter().map(|(_, f)| f.clone()).collect();
        prop_assert_eq!(&fields, &csv_crate_rows(text.as_bytes()));
        let lines: Vec<u64> = ours.iter().map(|(l, _)| *l).collect();
        let expected: Vec<u64> = starts.iter().map(|&s| line_at(text.as_bytes(), s)).collect();
        prop_assert_eq!(lines, expected);
        prop_assert_eq!(&ours, &rows_of(OneByte(text.as_bytes())).unwrap());
    }

    /// On any text: the csv crate's rows; when a quote is left open, the
    /// rows before the one holding it (the csv crate returns that row with
    /// the rest of the file in one field).
    #[test]
    fn any_text_reads_as_the_csv_crate_does(text in "[a,\"\r\n]{0,24}") {
        let mut theirs = csv_crate_rows(text.as_bytes());
        let (ours, error) = fields_until_error(text.as_bytes());
        match error {
            None => {}
            Some(RowsError::Unterminated { .. }) => {
                prop_assert!(theirs.pop().is_some());
            }
            Some(e) => prop_assert!(false, "{:?}", e),
        }
        prop_assert_eq!(ours, theirs);
    }

    /// Export-like lines (long plain fields, which the word-at-a-time
    /// splitter takes) mixed with quotes, CRLF, lone CRs, blank lines and
    /// a byte-order mark (which it leaves to the general parser): the csv
    /// crate's rows, read whole or a byte at a time.
    #[test]
    fn export_lines_read_as_the_csv_crate_does(
        bom in any::<bool>(),
        body in "([a-z0-9@. é-]{0,19}(,|\n|\r\n|\r|\"|,\"[a,\n]{0,9}\"|\n\n)){0,14}",
    ) {
        let text = if bom { format!("\u{feff}{body}") } else { body };
        let mut theirs = csv_crate_rows(text.as_bytes());
        let (ours, error) = fields_until_error(text.as_bytes());
        match error {
            None => prop_assert_eq!(
                &rows_of(text.as_bytes()).unwrap(),
                &rows_of(OneByte(text.as_bytes())).unwrap()
            ),
            Some(RowsError::Unterminated { .. }) => {
                prop_assert!(theirs.pop().is_some());
            }
            Some(e) => prop_assert!(false, "{:?}", e),
        }
        prop_assert_eq!(ours, theirs);
    }
}
