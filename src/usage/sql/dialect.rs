//! What differs between the SQL dialects: quoting, text, integer
//! division, date differences, and the `--tz` rule for each warehouse's
//! timestamp types.

use super::{DateType, Dialect, SqlOptions};
use crate::usage::dates::Zone;

impl Dialect {
    /// The dialect's name as `--sql` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Duckdb => "duckdb",
            Dialect::Postgres => "postgres",
            Dialect::Bigquery => "bigquery",
            Dialect::Snowflake => "snowflake",
            Dialect::Spark => "spark",
        }
    }

    /// A column name, quoted so reserved words (`user`) are columns.
    pub(super) fn column(self, name: &str) -> String {
        match self {
            Dialect::Bigquery | Dialect::Spark => format!("`{}`", name.replace('`', "")),
            // Snowflake stores unquoted names in upper case.
            Dialect::Snowflake if is_plain(name) => format!("\"{}\"", name.to_uppercase()),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    pub(super) fn text_type(self) -> &'static str {
        match self {
            Dialect::Duckdb => "VARCHAR",
            Dialect::Postgres => "TEXT",
            Dialect::Bigquery | Dialect::Spark => "STRING",
            Dialect::Snowflake => "VARCHAR",
        }
    }

    pub(super) fn text(self, expr: &str) -> String {
        format!("CAST({expr} AS {})", self.text_type())
    }

    /// Whole-number division of non-negative integers.
    pub(super) fn div(self, a: &str, b: u32) -> String {
        match self {
            Dialect::Duckdb => format!("(({a}) // {b})"),
            Dialect::Postgres => format!("div({a}, {b})"),
            Dialect::Bigquery => format!("DIV({a}, {b})"),
            // NUMBER division has a scale; the cast gives a whole number.
            Dialect::Snowflake => format!("CAST(FLOOR(({a}) / {b}) AS INTEGER)"),
            Dialect::Spark => format!("(({a}) DIV {b})"),
        }
    }

    pub(super) fn modulo(self, a: &str, b: u32) -> String {
        match self {
            Dialect::Duckdb | Dialect::Spark => format!("(({a}) % {b})"),
            _ => format!("MOD({a}, {b})"),
        }
    }

    /// Days from `earlier` to `later` (dates), as an integer.
    pub(super) fn days_between(self, later: &str, earlier: &str) -> String {
        match self {
            Dialect::Duckdb => format!("date_diff('day', {earlier}, {later})"),
            Dialect::Postgres => format!("({later} - {earlier})"),
            Dialect::Bigquery => format!("DATE_DIFF({later}, {earlier}, DAY)"),
            Dialect::Snowflake => format!("DATEDIFF(day, {earlier}, {later})"),
            Dialect::Spark => format!("DATEDIFF({later}, {earlier})"),
        }
    }

    /// A date as `YYYY-MM-DD` text.
    pub(super) fn date_text(self, expr: &str) -> String {
        match self {
            Dialect::Postgres => format!("to_char({expr}, 'YYYY-MM-DD')"),
            Dialect::Snowflake => format!("TO_VARCHAR({expr}, 'YYYY-MM-DD')"),
            _ => self.text(expr),
        }
    }
}

/// A name that needs no quoting anywhere but may be a reserved word.
pub(super) fn is_plain(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A SQL string literal.
pub(super) fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The calendar day of the date column `col` in the counting zone, by the
/// `--tz` rule: a date is that date, wall-clock time is already local, an
/// instant is moved into the zone first.
pub fn day_expr(o: &SqlOptions, col: &str) -> String {
    let d = o.dialect;
    if o.date_type != DateType::Timestamptz {
        return format!("CAST({col} AS DATE)");
    }
    match (d, o.zone) {
        (Dialect::Duckdb, Zone::Fixed(s)) => {
            format!("CAST(timezone('UTC', {col}) + INTERVAL '{s} seconds' AS DATE)")
        }
        (Dialect::Duckdb, Zone::Named(tz)) => {
            format!("CAST(timezone({}, {col}) AS DATE)", literal(tz.name()))
        }
        (Dialect::Postgres, Zone::Fixed(s)) => {
            format!("CAST(({col} AT TIME ZONE 'UTC') + INTERVAL '{s} seconds' AS DATE)")
        }
        (Dialect::Postgres, Zone::Named(tz)) => {
            format!("CAST(({col} AT TIME ZONE {}) AS DATE)", literal(tz.name()))
        }
        (Dialect::Bigquery, Zone::Fixed(s)) => format!("DATE({col}, {})", literal(&offset(s))),
        (Dialect::Bigquery, Zone::Named(tz)) => format!("DATE({col}, {})", literal(tz.name())),
        (Dialect::Snowflake, Zone::Fixed(s)) => {
            format!("CAST(DATEADD(second, {s}, CONVERT_TIMEZONE('UTC', {col})) AS DATE)")
        }
        (Dialect::Snowflake, Zone::Named(tz)) => {
            format!(
                "CAST(CONVERT_TIMEZONE({}, {col}) AS DATE)",
                literal(tz.name())
            )
        }
        (Dialect::Spark, Zone::Fixed(s)) => {
            format!("DATE_FROM_UNIX_DATE(CAST(FLOOR((UNIX_SECONDS({col}) + {s}) / 86400) AS INT))")
        }
        // Needs spark.sql.session.timeZone = UTC (said in the query's head).
        (Dialect::Spark, Zone::Named(tz)) => {
            format!("TO_DATE(FROM_UTC_TIMESTAMP({col}, {}))", literal(tz.name()))
        }
    }
}

/// Seconds east of UTC as `+HH:MM`.
pub(super) fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", s / 3600, s / 60 % 60)
}
