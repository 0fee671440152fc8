//! A flat Parquet log is read from its decoded columns, without CSV text
//! in between (the fast path of issue 19). Property: on any flat file —
//! strings with commas, quotes and line breaks, nulls, numbers as user
//! ids, dates and timestamps of every unit inside and outside years 1 to
//! 9999, several row groups — `usage` gives exactly what it gives on the
//! file's CSV export: the same JSON, the same skipped rows on the same
//! lines, the same errors.
//!
//! The CSV export is what `dealbench::usage::input::open` makes of the
//! file, the text every other reader (and, before issue 19, the log too)
//! reads; tests/usage_formats.rs holds that text to DuckDB's own exports.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type, Int96, Int96Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use proptest::prelude::*;

mod common;

use common::cli::{path, stderr, usage};

/// What a generated column holds.
#[derive(Debug, Clone)]
enum Column {
    Text(Vec<Option<Vec<u8>>>),
    Long(Vec<Option<i64>>),
    /// `DATE`: days since 1970-01-01.
    Date(Vec<Option<i32>>),
    /// `TIMESTAMP(unit, utc)`, in units of 10^-digits seconds.
    Timestamp {
        digits: u32,
        utc: bool,
        values: Vec<Option<i64>>,
    },
    Int96(Vec<Option<i64>>),
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Long(v) | Column::Int96(v) | Column::Timestamp { values: v, .. } => v.len(),
            Column::Date(v) => v.len(),
        }
    }

    fn schema(&self, name: &str) -> String {
        match self {
            Column::Text(_) => format!("OPTIONAL BINARY {name} (UTF8);"),
            Column::Long(_) => format!("OPTIONAL INT64 {name};"),
            Column::Date(_) => format!("OPTIONAL INT32 {name} (DATE);"),
            Column::Timestamp { digits, utc, .. } => {
                let unit = match digits {
                    3 => "MILLIS",
                    6 => "MICROS",
                    _ => "NANOS",
                };
                format!("OPTIONAL INT64 {name} (TIMESTAMP({unit},{utc}));")
            }
            Column::Int96(_) => format!("OPTIONAL INT96 {name};"),
        }
    }
}

/// Definition levels and the values present.
fn split<T: Clone>(cells: &[Option<T>]) -> (Vec<i16>, Vec<T>) {
    let defs = cells.iter().map(|c| i16::from(c.is_some())).collect();
    (defs, cells.iter().flatten().cloned().collect())
}

/// An INT96 for `seconds` since the epoch (Julian day and nanoseconds).
fn int96(seconds: i64) -> Int96 {
    let day = seconds.div_euclid(86_400) + 2_440_588;
    let nanos = seconds.rem_euclid(86_400) * 1_000_000_000;
    let mut v = Int96::new();
    v.set_data(nanos as u32, (nanos >> 32) as u32, day as u32);
    v
}

/// Write `columns` (named) as a Parquet file, `groups` row groups.
fn write_parquet(file: &Path, columns: &[(String, Column)], groups: usize) {
    let fields: String = columns.iter().map(|(n, c)| c.schema(n)).collect();
    let schema = Arc::new(parse_message_type(&format!("message log {{ {fields} }}")).unwrap());
    let props = Arc::new(WriterProperties::builder().build());
    let mut writer = SerializedFileWriter::new(File::create(file).unwrap(), schema, props).unwrap();
    let rows = columns.first().map_or(0, |(_, c)| c.len());
    let per = rows.div_ceil(groups.max(1)).max(1);
    let mut start = 0;
    while start < rows || (start == 0 && rows == 0) {
        let end = (start + per).min(rows);
        let mut group = writer.next_row_group().unwrap();
        for (_, column) in columns {
            let mut w = group.next_column().unwrap().unwrap();
            match column {
                Column::Text(v) => {
                    let (defs, values) = split(&v[start..end]);
                    let values: Vec<ByteArray> = values.into_iter().map(ByteArray::from).collect();
                    w.typed::<ByteArrayType>()
                        .write_batch(&values, Some(&defs), None)
                        .unwrap();
                }
                Column::Long(v) | Column::Timestamp { values: v, .. } => {
                    let (defs, values) = split(&v[start..end]);
                    w.typed::<Int64Type>()
                        .write_batch(&values, Some(&defs), None)
                        .unwrap();
                }
                Column::Date(v) => {
                    let (defs, values) = split(&v[start..end]);
                    w.typed::<Int32Type>()
                        .write_batch(&values, Some(&defs), None)
                        .unwrap();
                }
                Column::Int96(v) => {
                    let (defs, values) = split(&v[start..end]);
                    let values: Vec<Int96> = values.into_iter().map(int96).collect();
                    w.typed::<Int96Type>()
                        .write_batch(&values, Some(&defs), None)
                        .unwrap();
                }
            }
            w.close().unwrap();
        }
        group.close().unwrap();
        if rows == 0 {
            break;
        }
        start = end;
    }
    writer.close().unwrap();
}

fn text_cell() -> impl Strategy<Value = Option<Vec<u8>>> {
    let piece = prop_oneof![
        6 => prop::sample::select(vec!["ana@x.io", "Bo@X.io", "cy", "emea", "na", "apac"]).prop_map(String::from),
        2 => prop::sample::select(vec![",", "\"", "\n", "\r", "\r\n", " ", "\t", "é", "A", ""]).prop_map(String::from),
        1 => prop::sample::select(vec!["2026-11-20", "2026-11-21T23:30:00+05:30", "2026-13-01", "0000-01-01"]).prop_map(String::from),
    ];
    let text = prop::collection::vec(piece, 0..4).prop_map(|p| p.concat().into_bytes());
    prop_oneof![
        8 => text.prop_map(Some),
        1 => Just(Some(vec![b'u', 0xff, 0xfe])),
        1 => Just(None),
    ]
}

fn day() -> impl Strategy<Value = i32> {
    prop_oneof![
        8 => 20_380i32..20_420,
        1 => prop::sample::select(vec![-719_163, -719_162, 2_932_896, 2_932_897, -800_000, 0, i32::MAX]),
    ]
}

fn column(rows: usize, kind: u8) -> BoxedStrategy<Column> {
    let opt = |s: BoxedStrategy<i64>| prop::collection::vec(prop::option::weighted(0.9, s), rows);
    let seconds = prop_oneof![
        8 => (20_380i64 * 86_400)..(20_420 * 86_400),
        1 => prop::sample::select(vec![-62_135_596_801i64, -62_135_596_800, 253_402_300_799, 253_402_300_800, -1]),
    ]
    .boxed();
    match kind {
        0 => prop::collection::vec(text_cell(), rows)
            .prop_map(Column::Text)
            .boxed(),
        1 => opt((0i64..5).boxed()).prop_map(Column::Long).boxed(),
        2 => prop::collection::vec(prop::option::weighted(0.9, day()), rows)
            .prop_map(Column::Date)
            .boxed(),
        3 => (
            prop::sample::select(vec![3u32, 6, 9]),
            any::<bool>(),
            opt(seconds),
        )
            .prop_map(|(digits, utc, secs)| {
                let scale = 10i64.pow(digits);
                let values = secs
                    .into_iter()
                    .map(|s| s.map(|s| s.saturating_mul(scale)))
                    .collect();
                Column::Timestamp {
                    digits,
                    utc,
                    values,
                }
            })
            .boxed(),
        _ => opt(seconds).prop_map(Column::Int96).boxed(),
    }
}

/// A log: a user column (text or numbers), a date column of any kind, a
/// region column or none, rows in 1–3 row groups, and the flags to read it.
fn log() -> impl Strategy<Value = (Vec<(String, Column)>, usize, Vec<&'static str>)> {
    let user = prop_oneof![4 => Just(0u8), 1 => Just(1u8)];
    let date = prop::sample::select(vec![0u8, 2, 3, 4]);
    (0usize..30, user, date, any::<bool>()).prop_flat_map(|(rows, user, date, region)| {
        let mut columns = vec![
            column(rows, user)
                .prop_map(|c| ("user".to_string(), c))
                .boxed(),
            column(rows, date)
                .prop_map(|c| ("date".to_string(), c))
                .boxed(),
        ];
        if region {
            columns.push(
                column(rows, 0)
                    .prop_map(|c| ("region".to_string(), c))
                    .boxed(),
            );
        }
        let flags = prop::sample::select(vec![
            vec![],
            vec!["--tz", "Europe/Berlin"],
            vec!["--tz", "+05:30"],
            vec!["--as-of", "2026-11-10"],
            vec!["--last-activity"],
            vec!["--last-activity", "--tz", "America/New_York"],
        ]);
        (columns, 1usize..4, flags)
    })
}

/// The run's exit code, stdout, and stderr with the file's name taken out.
fn run(file: &Path, flags: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec![path(file), "--json"];
    args.extend_from_slice(flags);
    let out = usage(&args);
    let err = stderr(&out).replace(path(file), "LOG");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        err,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_parquet_log_reads_as_its_csv_export((columns, groups, flags) in log()) {
        let dir = tempfile::tempdir().unwrap();
        let parquet = dir.path().join("log.parquet");
        write_parquet(&parquet, &columns, groups);
        let mut csv = Vec::new();
        dealbench::usage::input::open(&parquet).unwrap().read_to_end(&mut csv).unwrap();
        let csv_file = dir.path().join("log.csv");
        std::fs::write(&csv_file, &csv).unwrap();
        let from_parquet = run(&parquet, &flags);
        let from_csv = run(&csv_file, &flags);
        prop_assert_eq!(from_parquet, from_csv, "CSV export:\n{}", String::from_utf8_lossy(&csv));
    }
}
