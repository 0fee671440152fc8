#!/usr/bin/env python3
"""Run a `dealbench usage --sql` query in a real engine on CSV files and
print its result as CSV, as a warehouse's export would hold it.

  scripts/run-funnel-sql.py ENGINE QUERY.sql EVENTS.csv DATE_TYPE [ROSTER.csv]

ENGINE is `duckdb` (the Python package) or `postgres` (`psql` on the
server PGHOST/PGPORT/PGUSER name; a database of its own is made and dropped).
The events table is `events(user, region, <date column>)` with the
date column typed as DATE_TYPE (timestamptz, timestamp or date) and named as
in the CSV header; the roster is `roster(user, region)`. Empty cells are
NULL. The tests (tests/usage_sql.rs) and the benchmark use it.
"""

import csv
import os
import subprocess
import sys
import tempfile

SQL_TYPES = {"timestamptz": "TIMESTAMPTZ", "timestamp": "TIMESTAMP", "date": "DATE"}


def header(path):
    with open(path, newline="") as f:
        return next(csv.reader(f))


def duckdb_run(query, events, date_type, roster):
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    cols = header(events)
    types = {c: ("VARCHAR" if i < 2 else SQL_TYPES[date_type]) for i, c in enumerate(cols)}
    con.execute(
        "CREATE TABLE events AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = ?)",
        [events, types],
    )
    if roster:
        rcols = {c: "VARCHAR" for c in header(roster)}
        con.execute(
            "CREATE TABLE roster AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = ?)",
            [roster, rcols],
        )
    cur = con.execute(query)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow([d[0] for d in cur.description])
    for row in cur.fetchall():
        out.writerow(["" if v is None else v for v in row])


def psql(*args, db=None, stdin=None):
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    if db:
        cmd += ["-d", db]
    return subprocess.run(cmd + list(args), input=stdin, check=True, capture_output=True, text=True).stdout


def postgres_run(query, events, date_type, roster):
    db = f"dealbench_{os.getpid()}"
    psql("-d", "postgres", "-c", f"CREATE DATABASE {db}")
    try:
        cols = header(events)
        defs = ", ".join(
            f'"{c}" ' + ("TEXT" if i < 2 else SQL_TYPES[date_type]) for i, c in enumerate(cols)
        )
        script = "SET TimeZone = 'UTC';\n"
        script += f"CREATE TABLE events ({defs});\n"
        script += f"\\copy events FROM '{events}' WITH (FORMAT csv, HEADER true)\n"
        if roster:
            rdefs = ", ".join(f'"{c}" TEXT' for c in header(roster))
            script += f"CREATE TABLE roster ({rdefs});\n"
            script += f"\\copy roster FROM '{roster}' WITH (FORMAT csv, HEADER true)\n"
        psql(db=db, stdin=script)
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            f.write("SET TimeZone = 'UTC';\n" + query)
        try:
            sys.stdout.write(psql("--csv", "-f", f.name, db=db))
        finally:
            os.unlink(f.name)
    finally:
        psql("-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {db}")


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    engine, query_path, events, date_type = sys.argv[1:5]
    roster = sys.argv[5] if len(sys.argv) == 6 else None
    with open(query_path) as f:
        query = f.read()
    events = os.path.abspath(events)
    roster = os.path.abspath(roster) if roster else None
    {"duckdb": duckdb_run, "postgres": postgres_run}[engine](query, events, date_type, roster)


if __name__ == "__main__":
    main()
