#!/usr/bin/env python3
"""Run a `dealbench usage --sql` query in a real engine on CSV files and
print its result as CSV, as a warehouse's export would hold it.

  scripts/run-funnel-sql.py ENGINE QUERY.sql EVENTS.csv DATE_TYPE [ROSTER.csv]
  scripts/run-funnel-sql.py ENGINE --batch JOBS.tsv

A batch runs many queries in one engine session (Spark takes ~20 s to
start): each line of JOBS.tsv is `QUERY.sql EVENTS.csv DATE_TYPE ROSTER.csv|- RESULT.csv`
separated by tabs, and each result goes to its RESULT.csv.

ENGINE is `duckdb` (the Python package), `postgres` (`psql` on the server
PGHOST/PGPORT/PGUSER name; a database of its own is made and dropped) or
`spark` (PySpark in local mode; needs Java).
The events table is `events(user, region, <date column>[, seq])` with the
date column typed as DATE_TYPE (timestamptz, timestamp or date) and named as
in the CSV header, and a column `seq`, if any, a BIGINT row number; the roster is `roster(user, region)`. Empty cells are
NULL. The tests (tests/usage_sql.rs) and the benchmark use it.
"""

import csv
import os
import subprocess
import sys
import tempfile

SQL_TYPES = {"timestamptz": "TIMESTAMPTZ", "timestamp": "TIMESTAMP", "date": "DATE"}


def column_type(i, name, date_type, types=SQL_TYPES, text="VARCHAR", number="BIGINT"):
    """The third column is the date; one named `seq` is a row number."""
    if i == 2:
        return types[date_type]
    return number if name == "seq" else text


def header(path):
    with open(path, newline="") as f:
        return next(csv.reader(f))


def duckdb_run(query, events, date_type, roster, out):
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    cols = header(events)
    types = {c: column_type(i, c, date_type) for i, c in enumerate(cols)}
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
    write_rows(out, [d[0] for d in cur.description], cur.fetchall())


def write_rows(out, columns, rows):
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])


def psql(*args, db=None, stdin=None):
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    if db:
        cmd += ["-d", db]
    return subprocess.run(cmd + list(args), input=stdin, check=True, capture_output=True, text=True).stdout


def postgres_run(query, events, date_type, roster, out):
    db = f"dealbench_{os.getpid()}"
    psql("-d", "postgres", "-c", f"CREATE DATABASE {db}")
    try:
        cols = header(events)
        defs = ", ".join(
            f'"{c}" ' + column_type(i, c, date_type, text="TEXT") for i, c in enumerate(cols)
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
            out.write(psql("--csv", "-f", f.name, db=db))
        finally:
            os.unlink(f.name)
    finally:
        psql("-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {db}")


SPARK = []


def spark_session():
    from pyspark.sql import SparkSession

    if SPARK:
        return SPARK[0]
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("dealbench-funnel")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    SPARK.append(spark)
    return spark


def spark_run(query, events, date_type, roster, out):
    spark = spark_session()
    spark_types = {"timestamptz": "TIMESTAMP", "timestamp": "TIMESTAMP_NTZ", "date": "DATE"}
    cols = header(events)
    schema = ", ".join(
        f"`{c}` " + column_type(i, c, date_type, spark_types, "STRING") for i, c in enumerate(cols)
    )
    (spark.read.schema(schema).option("header", True).option("mode", "FAILFAST")
     .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX")
     .option("timestampNTZFormat", "yyyy-MM-dd HH:mm:ss")
     .csv(events).createOrReplaceTempView("events"))
    if roster:
        rschema = ", ".join(f"`{c}` STRING" for c in header(roster))
        spark.read.schema(rschema).option("header", True).csv(roster).createOrReplaceTempView("roster")
    result = spark.sql(query.rstrip().rstrip(";"))
    write_rows(out, result.columns, result.collect())


ENGINES = {"duckdb": duckdb_run, "postgres": postgres_run, "spark": spark_run}


def job(engine, query_path, events, date_type, roster, out):
    with open(query_path) as f:
        query = f.read()
    events = os.path.abspath(events)
    roster = os.path.abspath(roster) if roster and roster != "-" else None
    ENGINES[engine](query, events, date_type, roster, out)


def main():
    if len(sys.argv) == 4 and sys.argv[2] == "--batch":
        with open(sys.argv[3]) as f:
            for line in f:
                if line.strip():
                    *args, result = line.rstrip("\n").split("\t")
                    with open(result, "w", newline="") as out:
                        job(sys.argv[1], *args, out)
        return
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    roster = sys.argv[5] if len(sys.argv) == 6 else None
    job(sys.argv[1], *sys.argv[2:5], roster, sys.stdout)


if __name__ == "__main__":
    main()
