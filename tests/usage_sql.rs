//! `dealbench usage --sql DIALECT` run for real: the query goes into DuckDB
//! (the Python package), PostgreSQL (a server on `PGHOST`, as
//! scripts/pg-local.sh starts one) and Spark SQL (PySpark in local mode),
//! on the fixtures and on a generated log, and `dealbench usage
//! --from-funnel` of each result must equal `dealbench usage --json` of the
//! same files exactly. BigQuery and Snowflake cannot be reached from here:
//! their queries (and every other dialect's) are parsed by sqlglot.
//!
//! Each engine's test skips, saying so, when the engine is missing —
//! unless DEALBENCH_REQUIRE_TOOLS is set (as .ci/run does), when a missing
//! engine fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dealbench");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn data(name: &str) -> PathBuf {
    root().join("tests/data/usage").join(name)
}

/// True when `probe` succeeds; false (with a note) to skip, unless the
/// tools are required.
fn available(what: &str, install: &str, probe: &mut Command) -> bool {
    let found = probe.output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("DEALBENCH_REQUIRE_TOOLS").is_none(),
            "{what} is required (DEALBENCH_REQUIRE_TOOLS is set) but was not found"
        );
        eprintln!("skipping: {what} is not available ({install})");
    }
    found
}

fn python(module: &str) -> Command {
    let mut c = Command::new("python3");
    c.args(["-c", &format!("import {module}")]);
    c
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn dealbench_json(args: &[String]) -> Value {
    let out = run(Command::new(BIN).arg("usage").args(args).arg("--json"));
    serde_json::from_slice(&out.stdout).expect("stdout is only the JSON")
}

/// One funnel to compute both ways.
struct Case {
    name: String,
    events: PathBuf,
    roster: Option<PathBuf>,
    date_type: &'static str,
    /// Flags both runs take (`--tz`, `--as-of`).
    flags: Vec<String>,
    /// Flags only the query takes (`--order-col`).
    sql_flags: Vec<String>,
}

impl Case {
    fn new(name: &str, events: PathBuf, date_type: &'static str, flags: &[&str]) -> Case {
        Case {
            name: name.into(),
            events,
            roster: None,
            date_type,
            flags: flags.iter().map(|f| f.to_string()).collect(),
            sql_flags: Vec::new(),
        }
    }

    fn ordered_by(mut self, column: &str) -> Case {
        self.sql_flags = vec!["--order-col".into(), column.into()];
        self
    }

    fn with_roster(mut self, roster: PathBuf) -> Case {
        self.name.push_str(" + roster");
        self.roster = Some(roster);
        self
    }

    fn query(&self, dialect: &str) -> String {
        let mut args = vec![
            "usage".to_string(),
            "--sql".into(),
            dialect.into(),
            "--date-type".into(),
            self.date_type.into(),
        ];
        // The date column is the third of the log (as the loader names it).
        let text = std::fs::read_to_string(&self.events).expect("the log reads");
        let date_col = text
            .lines()
            .next()
            .and_then(|h| h.split(',').nth(2))
            .expect("a header of three columns");
        args.extend(["--date-col".into(), date_col.trim().to_string()]);
        if self.roster.is_some() {
            args.extend(["--roster".into(), "roster".into()]);
        }
        args.extend(self.flags.iter().chain(&self.sql_flags).cloned());
        String::from_utf8(run(Command::new(BIN).args(&args)).stdout).expect("UTF-8")
    }

    fn expected(&self) -> Value {
        let mut args = vec![self.events.display().to_string()];
        if let Some(r) = &self.roster {
            args.extend(["--roster".into(), r.display().to_string()]);
        }
        args.extend(self.flags.iter().cloned());
        dealbench_json(&args)
    }
}

/// The fixtures and generated logs of every shape scripts/bench-usage.sh
/// measures: timestamps in UTC, plain dates, timestamps in each user's own
/// UTC offset, and timestamps in no order (a user's events on one day are
/// all in one region, so the latest event's region is never a tie).
fn cases(dir: &Path) -> Vec<Case> {
    let roster = dir.join("gen-roster.csv");
    let shape = |name: &str, flag: Option<&str>| {
        let out = dir.join(format!("gen-{name}.csv"));
        let mut generate = Command::new("python3");
        generate
            .arg(root().join("scripts/gen-activity.py"))
            .arg("--out")
            .arg(&out)
            .arg("--roster")
            .arg(&roster)
            .args([
                "--users", "3000", "--days", "60", "--rows", "60000", "--seed", "7",
            ])
            .args(flag);
        run(&mut generate);
        out
    };
    let log = shape("z", None);
    let dated = shape("dates", Some("--dates"));
    let offsets = shape("offsets", Some("--offsets"));
    let shuffled = shape("shuffled", Some("--shuffle"));
    let shuffled_dates = dir.join("gen-shuffled-dates.csv");
    shuffle_rows(&dated, &shuffled_dates);
    let mut all = vec![
        Case::new("boundaries", data("boundaries.csv"), "date", &[]),
        Case::new("boundaries", data("boundaries.csv"), "date", &[])
            .with_roster(data("roster.csv")),
        Case::new(
            "boundaries, earlier as-of",
            data("boundaries.csv"),
            "date",
            &["--as-of", "2026-11-13"],
        )
        .with_roster(data("roster.csv")),
        Case::new(
            "skipped rows",
            data("sql_skipped.csv"),
            "date",
            &["--as-of", "2026-11-20"],
        ),
        Case::new(
            "wall-clock",
            data("naive.csv"),
            "timestamp",
            &["--tz=+05:00"],
        ),
        // Latest events at the same time in two regions: with --order-col
        // the later row wins, as in dealbench.
        Case::new("ties", data("ties.csv"), "timestamptz", &[]).ordered_by("seq"),
    ];
    for (name, events) in [("dates", &dated), ("shuffled dates", &shuffled_dates)] {
        let name = format!("generated {name}");
        all.push(Case::new(&name, events.clone(), "date", &[]));
        all.push(Case::new(&name, events.clone(), "date", &[]).with_roster(roster.clone()));
    }
    for (name, events, zones) in [
        (
            "generated",
            &log,
            &["UTC", "+02:00", "Europe/Berlin", "-05:30"][..],
        ),
        ("generated offsets", &offsets, &["UTC", "Europe/Berlin"][..]),
        ("generated shuffled", &shuffled, &["UTC", "+02:00"][..]),
    ] {
        for tz in zones {
            let flag = format!("--tz={tz}");
            let name = format!("{name}, {tz}");
            all.push(Case::new(&name, events.clone(), "timestamptz", &[&flag]));
            all.push(
                Case::new(&name, events.clone(), "timestamptz", &[&flag])
                    .with_roster(roster.clone()),
            );
        }
    }
    all
}

/// Copy a log with its rows in another order (reversed halves
/// interleaved), the header first.
fn shuffle_rows(from: &Path, to: &Path) {
    let text = std::fs::read_to_string(from).expect("the log reads");
    let mut lines = text.lines();
    let header = lines.next().expect("a header");
    let rows: Vec<&str> = lines.collect();
    let (early, late) = rows.split_at(rows.len() / 2);
    let mut out = format!("{header}\n");
    for (a, b) in late.iter().rev().zip(early) {
        out.push_str(&format!("{a}\n{b}\n"));
    }
    for rest in &late[..late.len() - early.len()] {
        out.push_str(&format!("{rest}\n"));
    }
    std::fs::write(to, out).expect("written");
}

/// Run every case's query in `engine` (one session, see
/// scripts/run-funnel-sql.py) and compare the results read back.
fn engine_agrees(engine: &str) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let cases = cases(dir.path());
    let mut jobs = String::new();
    for (i, case) in cases.iter().enumerate() {
        let query = dir.path().join(format!("q{i}.sql"));
        std::fs::write(&query, case.query(engine)).expect("written");
        let roster = case
            .roster
            .as_ref()
            .map_or("-".to_string(), |r| r.display().to_string());
        jobs.push_str(&format!(
            "{}\t{}\t{}\t{roster}\t{}\n",
            query.display(),
            case.events.display(),
            case.date_type,
            dir.path().join(format!("r{i}.csv")).display()
        ));
    }
    let batch = dir.path().join("jobs.tsv");
    std::fs::write(&batch, jobs).expect("written");
    run(Command::new("python3")
        .arg(root().join("scripts/run-funnel-sql.py"))
        .arg(engine)
        .arg("--batch")
        .arg(&batch));
    for (i, case) in cases.iter().enumerate() {
        let result = dir.path().join(format!("r{i}.csv"));
        let got = dealbench_json(&["--from-funnel".into(), result.display().to_string()]);
        assert_eq!(got, case.expected(), "{engine}: {}", case.name);
    }
}

#[test]
fn duckdb_computes_the_same_funnel() {
    if available("DuckDB", "pip install duckdb", &mut python("duckdb")) {
        engine_agrees("duckdb");
    }
}

#[test]
fn postgres_computes_the_same_funnel() {
    let mut probe = Command::new("psql");
    probe.args(["-X", "-d", "postgres", "-c", "SELECT 1"]);
    if available(
        "a PostgreSQL server (psql on PGHOST)",
        "apt-get install postgresql; eval \"$(scripts/pg-local.sh start)\"",
        &mut probe,
    ) {
        engine_agrees("postgres");
    }
}

#[test]
fn spark_computes_the_same_funnel() {
    let mut probe = python("pyspark");
    if available("PySpark", "pip install pyspark; needs Java", &mut probe)
        && available(
            "Java (for PySpark)",
            "apt-get install default-jre-headless",
            Command::new("java").arg("-version"),
        )
    {
        engine_agrees("spark");
    }
}

/// Every dialect's query, in every variant, parses in sqlglot for that
/// dialect: the check BigQuery and Snowflake get here.
#[test]
fn sqlglot_parses_every_dialect() {
    if !available("sqlglot", "pip install sqlglot", &mut python("sqlglot")) {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let variants: [&[&str]; 5] = [
        &[],
        &["--roster", "proj.ds.roster", "--events", "proj.ds.events"],
        &[
            "--tz",
            "+02:00",
            "--as-of",
            "2026-11-20",
            "--order-col",
            "seq",
        ],
        &["--tz", "Europe/Berlin", "--date-type", "timestamp"],
        &[
            "--date-type",
            "date",
            "--user-col",
            "email",
            "--date-col",
            "day",
        ],
    ];
    let mut script = String::from(
        "import sys, sqlglot\nfrom sqlglot import ErrorLevel\nfor path, dialect in zip(sys.argv[1::2], sys.argv[2::2]):\n    \
         trees = sqlglot.parse(open(path).read(), read=dialect, error_level=ErrorLevel.RAISE)\n    \
         assert len(trees) == 1, (path, len(trees))\n",
    );
    script.push_str("print('parsed', len(sys.argv) // 2)\n");
    let mut args = vec!["-c".to_string(), script];
    for dialect in ["duckdb", "postgres", "bigquery", "snowflake", "spark"] {
        for (i, flags) in variants.iter().enumerate() {
            let out = run(Command::new(BIN)
                .args(["usage", "--sql", dialect])
                .args(*flags));
            let path = dir.path().join(format!("{dialect}-{i}.sql"));
            std::fs::write(&path, &out.stdout).expect("written");
            args.push(path.display().to_string());
            args.push(dialect.to_string());
        }
    }
    let out = run(Command::new("python3").args(&args));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "parsed 25");
}

/// The documented difference: without --order-col, SQL cannot see row
/// order and a tie for a user's latest event goes to the greater region
/// name (ann: emea over apac; bob: na over emea and apac).
#[test]
fn without_an_order_column_a_tie_goes_to_the_greater_region_name() {
    if !available("DuckDB", "pip install duckdb", &mut python("duckdb")) {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let case = Case::new("ties", data("ties.csv"), "timestamptz", &[]);
    let query = dir.path().join("q.sql");
    std::fs::write(&query, case.query("duckdb")).expect("written");
    let out = run(Command::new("python3")
        .arg(root().join("scripts/run-funnel-sql.py"))
        .args(["duckdb", &query.display().to_string()])
        .arg(data("ties.csv"))
        .arg("timestamptz"));
    let result = dir.path().join("r.csv");
    std::fs::write(&result, &out.stdout).expect("written");
    let got = dealbench_json(&["--from-funnel".into(), result.display().to_string()]);
    let regions: Vec<(String, u64)> = got["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .map(|r| {
            (
                r["region"].as_str().expect("a name").to_string(),
                r["provisioned"].as_u64().expect("a count"),
            )
        })
        .collect();
    assert_eq!(regions, [("emea".to_string(), 1), ("na".to_string(), 2)]);
}

/// Without any engine: the query names what it read, and the flags that
/// make no sense with --sql are refused (exit 2, as clap refuses).
#[test]
fn the_query_says_what_it_reads_and_refuses_file_flags() {
    let out = run(Command::new(BIN).args([
        "usage",
        "--sql",
        "snowflake",
        "--events",
        "ANALYTICS.CLAUDE.EVENTS",
        "--roster",
        "ANALYTICS.HR.SEATS",
        "--tz",
        "Europe/Berlin",
    ]));
    let sql = String::from_utf8_lossy(&out.stdout);
    assert!(sql.starts_with("-- The SPEC.md §5 seat funnel"), "{sql}");
    assert!(sql.contains("FROM ANALYTICS.CLAUDE.EVENTS"), "{sql}");
    assert!(
        sql.contains("CONVERT_TIMEZONE('Europe/Berlin', \"TIMESTAMP\")"),
        "{sql}"
    );
    assert!(
        sql.contains("'snowflake query on ANALYTICS.CLAUDE.EVENTS, roster ANALYTICS.HR.SEATS' AS funnel_source"),
        "{sql}"
    );
    for args in [
        &["usage", "--sql", "oracle"][..],
        &["usage", "--sql", "duckdb", "--json"],
        &["usage", "--sql", "duckdb", "events.csv"],
        &["usage", "events.csv", "--order-col", "seq"],
    ] {
        let out = Command::new(BIN).args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
