//! The SPEC.md §5 funnel as one SQL query, for a warehouse too large to
//! export: `dealbench usage --sql DIALECT` prints it, the warehouse runs
//! it, and `dealbench usage --from-funnel` reads its result
//! ([`super::from_funnel`]).
//!
//! The query gives one row per region (`kind = 'region'`) and a total row
//! (`kind = 'total'`) with exactly the figures `dealbench usage --json`
//! prints, plus `as_of`, `unknown_users`, `skipped_rows` and
//! `funnel_source` on every row. It follows the funnel step by step:
//!
//! 1. `ev`: every event with its user id (trimmed, lower case), region
//!    (trimmed, lower case; empty is `unassigned`) and calendar day in the
//!    counting zone (`--tz`, see [`day_expr`]);
//! 2. `as_of_day`: D, given or the latest day of a usable row;
//! 3. `ok`: usable rows (a user, a day, not after D) with `back` = D − day;
//!    `skipped`: the others;
//! 4. `per_user`: last active, active days in the window, active blocks
//!    (`back` div 7 for `back` ≤ 27);
//! 5. `seats`: the roster, or every user in the region of their latest
//!    event; `figures`: the classification counted per region and in total.
//!
//! Only portable SQL is used (CTEs, `CASE`, `COUNT(DISTINCT …)`,
//! `ROW_NUMBER()`, `UNION ALL`); what differs between dialects — quoting,
//! date arithmetic, integer division, time zones — is in [`Dialect`].

use chrono::NaiveDate;

use super::dates::Zone;
use super::funnel::{DAILY_MIN_DAYS, MONTHLY_DAYS_BACK, WEEKLY_MIN_BLOCKS, WINDOW_DAYS};

mod dialect;

pub use dialect::day_expr;
use dialect::{literal, offset};

/// A SQL dialect the funnel query is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    Duckdb,
    Postgres,
    Bigquery,
    Snowflake,
    Spark,
}

/// What the date column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DateType {
    /// An instant (`TIMESTAMPTZ`, BigQuery `TIMESTAMP`, Snowflake
    /// `TIMESTAMP_TZ`/`_LTZ`, Spark `TIMESTAMP`): its day is taken in `--tz`.
    #[default]
    Timestamptz,
    /// Wall-clock time without a zone (`TIMESTAMP`, BigQuery `DATETIME`,
    /// Snowflake `TIMESTAMP_NTZ`, Spark `TIMESTAMP_NTZ`): already local.
    Timestamp,
    /// A calendar date.
    Date,
}

/// What the query reads and how.
#[derive(Debug, Clone)]
pub struct SqlOptions {
    pub dialect: Dialect,
    /// The events table (as the warehouse names it, e.g. `proj.ds.events`).
    pub events: String,
    /// The roster table, if any.
    pub roster: Option<String>,
    pub user_col: String,
    pub region_col: String,
    pub date_col: String,
    pub date_type: DateType,
    /// A column that orders the rows (a row number): the later row wins a
    /// tie for a user's latest event.
    pub order_col: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub zone: Zone,
}

/// The funnel query for `o`, with a comment head saying how to run it.
pub fn funnel_query(o: &SqlOptions) -> String {
    let d = o.dialect;
    let q = |name: &str| d.column(name);
    let key = |col: &str| format!("LOWER(TRIM({}))", d.text(col));
    let region = |col: &str| {
        format!(
            "COALESCE(NULLIF(LOWER(TRIM({})), ''), 'unassigned')",
            d.text(col)
        )
    };
    let date = q(&o.date_col);
    let order = o.order_col.as_deref().map(q);
    let as_of = match o.as_of {
        Some(day) => format!("SELECT DATE '{day}' AS d"),
        None => "SELECT MAX(act_day) AS d FROM ev WHERE u <> '' AND act_day IS NOT NULL".into(),
    };
    let source = format!(
        "{} query on {}{}",
        d.name(),
        o.events,
        o.roster
            .as_deref()
            .map(|r| format!(", roster {r}"))
            .unwrap_or_default()
    );
    let mut sql = head(o);
    sql.push_str(&format!(
        "WITH ev AS (
    SELECT {user} AS u, {region} AS region, {day} AS act_day, {date} AS ts{ord}
    FROM {events}
),
as_of_day AS (
    {as_of}
),
ok AS (             -- usable rows; back = D - day
    SELECT ev.u, ev.region, ev.ts{ord_ok}, {back} AS back
    FROM ev CROSS JOIN as_of_day AS a
    WHERE ev.u <> '' AND ev.act_day IS NOT NULL AND ev.act_day <= a.d
),
skipped AS (        -- no user, no date, or after D
    SELECT COUNT(*) AS n
    FROM ev CROSS JOIN as_of_day AS a
    WHERE ev.u IS NULL OR ev.u = '' OR ev.act_day IS NULL OR ev.act_day > a.d
),
user_days AS (
    SELECT DISTINCT u, back FROM ok
),
per_user AS (
    SELECT u,
           MIN(back) AS last_back,
           SUM(CASE WHEN back <= {last_window} THEN 1 ELSE 0 END) AS active_days,
           COUNT(DISTINCT CASE WHEN back <= {last_window} THEN {block} END) AS active_weeks
    FROM user_days
    GROUP BY u
),
{seats},
classified AS (
    SELECT s.region, p.last_back,
           COALESCE(p.active_days, 0) AS active_days,
           COALESCE(p.active_weeks, 0) AS active_weeks
    FROM seats AS s LEFT JOIN per_user AS p ON p.u = s.u
),
figures AS (
    SELECT region,
           COUNT(*) AS provisioned,
           SUM(CASE WHEN last_back <= {monthly} THEN 1 ELSE 0 END) AS mau,
           SUM(CASE WHEN active_days >= {daily} OR active_weeks >= {weekly} THEN 1 ELSE 0 END) AS wau,
           SUM(CASE WHEN active_days >= {daily} THEN 1 ELSE 0 END) AS dau,
           SUM(CASE WHEN last_back IS NULL OR last_back > {monthly} THEN 1 ELSE 0 END) AS dormant,
           SUM(active_days) AS active_days,
           SUM(CASE WHEN last_back <= 6 THEN 1 ELSE 0 END) AS active_last_7_days,
           SUM(CASE WHEN last_back <= {monthly} THEN 1 ELSE 0 END) AS active_last_30_days
    FROM classified
    GROUP BY region
),
funnel_rows AS (
    SELECT 'region' AS kind, region, provisioned, mau, wau, dau, dormant, active_days,
           active_last_7_days, active_last_30_days
    FROM figures
    UNION ALL
    SELECT 'total' AS kind, NULL AS region, SUM(provisioned), SUM(mau), SUM(wau), SUM(dau),
           SUM(dormant), SUM(active_days), SUM(active_last_7_days), SUM(active_last_30_days)
    FROM figures
),
unknown_users AS (
    {unknown}
),
hundredths AS (     -- mean daily active in hundredths, rounded half up
    SELECT funnel_rows.*, {mean} AS h FROM funnel_rows
)
SELECT kind, region, provisioned, mau, wau, dau, dormant,
       CONCAT({whole}, '.', LPAD({cents}, 2, '0')) AS mean_daily_active,
       active_last_7_days, active_last_30_days,
       {as_of_text} AS as_of,
       unknown_users.n AS unknown_users,
       skipped.n AS skipped_rows,
       {source} AS funnel_source
FROM hundredths CROSS JOIN as_of_day AS a CROSS JOIN unknown_users CROSS JOIN skipped
ORDER BY CASE WHEN kind = 'total' THEN 1 ELSE 0 END, region;
",
        user = key(&q(&o.user_col)),
        region = region(&q(&o.region_col)),
        day = day_expr(o, &date),
        ord = order
            .as_deref()
            .map(|c| format!(", {c} AS ord"))
            .unwrap_or_default(),
        events = o.events,
        ord_ok = if order.is_some() { ", ev.ord" } else { "" },
        back = d.days_between("a.d", "ev.act_day"),
        last_window = WINDOW_DAYS - 1,
        block = d.div("back", 7),
        seats = seats(o, &key, &region),
        monthly = MONTHLY_DAYS_BACK,
        daily = DAILY_MIN_DAYS,
        weekly = WEEKLY_MIN_BLOCKS,
        unknown = match o.roster {
            Some(_) => "SELECT COUNT(DISTINCT ok.u) AS n FROM ok LEFT JOIN roster_seats AS r ON r.u = ok.u WHERE r.u IS NULL",
            None => "SELECT 0 AS n",
        },
        mean = d.div(&format!("active_days * 200 + {WINDOW_DAYS}"), 2 * WINDOW_DAYS),
        whole = d.text(&d.div("h", 100)),
        cents = d.text(&d.modulo("h", 100)),
        as_of_text = d.date_text("a.d"),
        source = literal(&source),
    ));
    sql
}

/// The seat holders: the roster, or every user of the log in the region
/// of their latest event.
fn seats(o: &SqlOptions, key: &dyn Fn(&str) -> String, region: &dyn Fn(&str) -> String) -> String {
    let q = |name: &str| o.dialect.column(name);
    match &o.roster {
        // A user named twice on the roster takes the first region by name
        // (dealbench takes the first line; SQL cannot see line order).
        Some(table) => format!(
            "roster_seats AS (
    SELECT {user} AS u, MIN({region}) AS region
    FROM {table}
    WHERE {user} <> ''
    GROUP BY {user}
),
seats AS (
    SELECT u, region FROM roster_seats
)",
            user = key(&q(&o.user_col)),
            region = region(&q(&o.region_col)),
        ),
        None => format!(
            "latest AS (        -- each user's latest event; a tie goes to the {tie}
    SELECT u, region,
           ROW_NUMBER() OVER (PARTITION BY u ORDER BY ts DESC{ord}, region DESC) AS rn
    FROM ok
),
seats AS (
    SELECT u, region FROM latest WHERE rn = 1
)",
            tie = if o.order_col.is_some() {
                "later row"
            } else {
                "greater region name"
            },
            ord = if o.order_col.is_some() {
                ", ord DESC"
            } else {
                ""
            },
        ),
    }
}

/// The comment at the top of the query: what it is and how to run it.
fn head(o: &SqlOptions) -> String {
    let mut h = format!(
        "-- The SPEC.md §5 seat funnel, written by `dealbench usage --sql {}`.\n\
         -- One row per region and a total row. Export the result as CSV and read it\n\
         -- with `dealbench usage --from-funnel RESULT.csv` (see docs/usage.md).\n",
        o.dialect.name()
    );
    let zone = match o.zone {
        Zone::Fixed(s) => format!("UTC{}", offset(s)),
        Zone::Named(tz) => tz.name().to_string(),
    };
    h.push_str(&format!(
        "-- Days are counted in {zone}; the date column is read as {}.\n",
        match o.date_type {
            DateType::Timestamptz => "an instant (timestamp with time zone)",
            DateType::Timestamp => "wall-clock time (timestamp without time zone)",
            DateType::Date => "a date",
        }
    ));
    if o.dialect == Dialect::Spark
        && matches!(o.zone, Zone::Named(_))
        && o.date_type == DateType::Timestamptz
    {
        h.push_str("-- Run with spark.sql.session.timeZone = UTC.\n");
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(dialect: Dialect) -> SqlOptions {
        SqlOptions {
            dialect,
            events: "events".into(),
            roster: None,
            user_col: "user".into(),
            region_col: "region".into(),
            date_col: "timestamp".into(),
            date_type: DateType::Timestamptz,
            order_col: None,
            as_of: None,
            zone: Zone::UTC,
        }
    }

    #[test]
    fn names_are_quoted_for_each_dialect() {
        assert_eq!(Dialect::Postgres.column("user"), "\"user\"");
        assert_eq!(Dialect::Bigquery.column("user"), "`user`");
        assert_eq!(Dialect::Snowflake.column("user"), "\"USER\"");
        assert_eq!(Dialect::Snowflake.column("Mixed Case"), "\"Mixed Case\"");
    }

    #[test]
    fn offsets_are_written_as_hours_and_minutes() {
        assert_eq!(offset(7200), "+02:00");
        assert_eq!(offset(-19_800), "-05:30");
    }

    #[test]
    fn the_query_names_its_source_and_thresholds() {
        let mut o = options(Dialect::Duckdb);
        o.roster = Some("seats".into());
        let sql = funnel_query(&o);
        assert!(sql.contains("'duckdb query on events, roster seats' AS funnel_source"));
        assert!(sql.contains("active_days >= 12 OR active_weeks >= 3"));
        assert!(sql.contains("FROM seats\n"));
    }
}
