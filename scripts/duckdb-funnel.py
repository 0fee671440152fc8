#!/usr/bin/env python3
"""Run scripts/usage-funnel.sql in DuckDB and print the SPEC.md §5 JSON.

  scripts/duckdb-funnel.py [--date-type TYPE] EVENTS.csv|EVENTS.parquet [ROSTER.csv]

TYPE is the DuckDB type the CSV's `timestamp` column is read as:
TIMESTAMPTZ (the default) or DATE, for a log of plain dates.

The JSON has the shape `dealbench usage --json` prints, so the two can be
compared figure by figure. The time of the query alone (without starting
Python and importing DuckDB) goes to stderr as `query_seconds=...`.
"""

import json
import os
import sys
import tempfile
import time

import duckdb

FIGURES = ["provisioned", "mau", "wau", "dau", "dormant", "mean_daily_active",
           "active_last_7_days", "active_last_30_days"]


def main():
    args = sys.argv[1:]
    date_type = "TIMESTAMPTZ"
    if args[:1] == ["--date-type"] and len(args) > 1:
        date_type, args = args[1], args[2:]
    if len(args) not in (1, 2) or date_type not in ("TIMESTAMPTZ", "DATE"):
        sys.exit(__doc__)
    events = args[0]
    roster = args[1] if len(args) == 2 else None
    sql_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "usage-funnel.sql")
    with open(sql_path) as f:
        sql = f.read()
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as empty:
        empty.write("user,region\n")
    try:
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        if events.endswith(".parquet"):
            source = f"read_parquet('{events}')"
        else:
            source = (f"read_csv('{events}', header = true, auto_detect = false, columns = "
                      f"{{'user': 'VARCHAR', 'region': 'VARCHAR', 'timestamp': '{date_type}'}})")
        con.execute(f"CREATE VIEW events_src AS SELECT \"user\", region, \"timestamp\" FROM {source}")
        con.execute("SET VARIABLE roster = ?", [roster or empty.name])
        con.execute("SET VARIABLE has_roster = ?", [roster is not None])
        start = time.perf_counter()
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, r)) for r in cursor.fetchall()]
        seconds = time.perf_counter() - start
    finally:
        os.unlink(empty.name)
    print(f"query_seconds={seconds:.3f}", file=sys.stderr)
    regions = [r for r in rows if not r["is_total"]]
    total = next(r for r in rows if r["is_total"])
    out = {
        "as_of": total["as_of"],
        "unknown_users": total["unknown_users"],
        "skipped_rows": 0,
        "regions": [{"region": r["region"], **{k: r[k] for k in FIGURES}} for r in regions],
        "total": {k: total[k] for k in FIGURES},
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
