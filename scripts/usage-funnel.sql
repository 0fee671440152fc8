-- The SPEC.md §5 seat funnel in DuckDB: the reference `dealbench usage` is
-- checked and timed against (scripts/bench-usage.sh).
--
-- Inputs: the view events_src (user, region, timestamp: the activity log,
-- made by scripts/duckdb-funnel.py over a CSV or a Parquet file), and,
-- set with SET VARIABLE before running:
--   roster      path of the roster (user,region); a header-only file if none
--   has_roster  true: the roster lists the seat holders; false: every user
--               in the log holds a seat, in the region of their latest event
--
-- D = the latest day in the log (UTC). Window = D-27 .. D in four 7-day
-- blocks. daily: >= 12 active days; weekly: active in >= 3 blocks;
-- monthly: last active >= D-29; else dormant.
WITH events AS (
    SELECT lower(trim("user")) AS u,
           coalesce(nullif(trim(region), ''), 'unassigned') AS region,
           "timestamp" AS ts
    FROM events_src
    WHERE coalesce(trim("user"), '') <> '' AND "timestamp" IS NOT NULL
),
as_of AS (
    SELECT max(ts)::DATE AS d FROM events
),
user_days AS (          -- one row per user and active day
    SELECT u, ts::DATE AS day, max(ts) AS last_ts, arg_max(region, ts) AS region
    FROM events
    GROUP BY u, day
),
per_user AS (
    SELECT u,
           arg_max(region, last_ts) AS region,
           max(day) AS last_day,
           count(*) FILTER (WHERE day > a.d - 28) AS active_days,
           count(DISTINCT (a.d - day) // 7) FILTER (WHERE day > a.d - 28) AS active_weeks
    FROM user_days, as_of AS a
    GROUP BY u
),
roster AS (
    SELECT lower(trim("user")) AS u,
           first(coalesce(nullif(trim(region), ''), 'unassigned')) AS region
    FROM read_csv(getvariable('roster'), header = true, auto_detect = false,
                  columns = {'user': 'VARCHAR', 'region': 'VARCHAR'})
    WHERE coalesce(trim("user"), '') <> ''
    GROUP BY u
),
seats AS (
    SELECT u, region FROM roster WHERE getvariable('has_roster')
    UNION ALL
    SELECT u, region FROM per_user WHERE NOT getvariable('has_roster')
),
classified AS (
    SELECT s.region, p.last_day,
           coalesce(p.active_days, 0) AS active_days,
           coalesce(p.active_weeks, 0) AS active_weeks
    FROM seats AS s LEFT JOIN per_user AS p USING (u)
),
funnel AS (
    SELECT grouping(region) = 1 AS is_total,
           region,
           count(*) AS provisioned,
           count(*) FILTER (WHERE last_day >= a.d - 29) AS mau,
           count(*) FILTER (WHERE active_days >= 12 OR active_weeks >= 3) AS wau,
           count(*) FILTER (WHERE active_days >= 12) AS dau,
           count(*) FILTER (WHERE last_day IS NULL OR last_day < a.d - 29) AS dormant,
           sum(active_days) AS active_days,
           count(*) FILTER (WHERE last_day >= a.d - 6) AS active_last_7_days,
           count(*) FILTER (WHERE last_day >= a.d - 29) AS active_last_30_days
    FROM classified, as_of AS a
    GROUP BY GROUPING SETS ((region), ())
)
SELECT is_total,
       region,
       provisioned, mau, wau, dau, dormant,
       -- mean daily active = sum(active days) / 28, half up, exact integers
       format('{}.{:02d}', ((active_days * 200 + 28) // 56) // 100,
                           ((active_days * 200 + 28) // 56) % 100) AS mean_daily_active,
       active_last_7_days, active_last_30_days,
       (SELECT d FROM as_of)::VARCHAR AS as_of,
       (SELECT count(*) FROM per_user
         WHERE getvariable('has_roster') AND u NOT IN (SELECT u FROM roster)) AS unknown_users
FROM funnel
ORDER BY is_total, region;
