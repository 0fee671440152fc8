#!/usr/bin/env bash
# Time `dealbench usage --json` against the same funnel computed in DuckDB
# (scripts/usage-funnel.sql), on a synthetic activity log, in one run:
# checks both give the same figures, and reports wall time and peak
# resident memory (/usr/bin/time -f %M) of each, with and without a roster,
# and on the same log as a Parquet file (Snappy, written by DuckDB), which
# both tools then read.
#
#   scripts/bench-usage.sh                 # 10M rows, 100k users, 180 days
#   ROWS=1000000 RUNS=5 scripts/bench-usage.sh
#
# Environment: ROWS, USERS, DAYS (the log), RUNS (per tool and case; the
# tools alternate run by run and the median wall time and the largest peak
# RSS are reported), BENCH_DIR (where the data is kept and reused,
# default /tmp/dealbench-bench), DEALBENCH (a binary to use instead of
# building one with `cargo build --release`), CARGO_TARGET_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rows=${ROWS:-10000000}
users=${USERS:-100000}
days=${DAYS:-180}
runs=${RUNS:-3}
data=${BENCH_DIR:-/tmp/dealbench-bench}
mkdir -p "$data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed for peak RSS" >&2; exit 1; }
if ! python3 -c 'import duckdb' 2>/dev/null; then
    echo "installing duckdb (pip) ..." >&2
    python3 -m pip install --quiet duckdb
fi

bin=${DEALBENCH:-}
if [ -z "$bin" ]; then
    (cd "$root" && cargo build --release --quiet)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/dealbench"
fi

events="$data/events-${users}u-${days}d-${rows}r.csv"
roster="$data/roster-${users}u-${days}d-${rows}r.csv"
if [ ! -s "$events" ] || [ ! -s "$roster" ]; then
    python3 "$here/gen-activity.py" --out "$events" --roster "$roster" \
        --users "$users" --days "$days" --rows "$rows"
fi

parquet="${events%.csv}.parquet"
if [ ! -s "$parquet" ]; then
    echo "writing $parquet ..." >&2
    python3 - "$events" "$parquet" <<'EOF'
import sys, duckdb
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute(f"""COPY (SELECT * FROM read_csv('{sys.argv[1]}', header = true, auto_detect = false,
    columns = {{'user': 'VARCHAR', 'region': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ'}}))
    TO '{sys.argv[2]}' (FORMAT parquet, COMPRESSION snappy)""")
EOF
fi

# once NAME CMD...: run CMD once; keep its JSON in $work/NAME.json, append
# "wall_s peak_rss_kb" to $work/NAME.runs and its stderr to $work/NAME.notes.
once() {
    local name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/$name.json" 2> "$work/$name.err" || {
        echo "error: $name failed:" >&2
        cat "$work/$name.err" >&2
        exit 1
    }
    cat "$work/time" >> "$work/$name.runs"
    cat "$work/$name.err" >> "$work/$name.notes"
}

# median FILE [COLUMN]: the median of a column of numbers (default 1).
median() {
    awk -v c="${2:-1}" '{ print $c }' "$1" | sort -n |
        awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# max_mb FILE: the largest peak RSS (column 2, KB) in MB.
max_mb() {
    awk '{ if ($2 > m) m = $2 } END { printf "%d\n", m / 1024 }' "$1"
}

same_figures() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
if a != b:
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            print(f"  differ in {key}:\n    dealbench {a.get(key)}\n    duckdb    {b.get(key)}", file=sys.stderr)
    sys.exit(1)
EOF
}

echo "dealbench usage vs DuckDB $(python3 -c 'import duckdb; print(duckdb.__version__)')" \
     "on $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "log: $(($(wc -l < "$events") - 1)) rows, $(du -h "$events" | cut -f1) (Parquet $(du -h "$parquet" | cut -f1)), $users users, $days days; median of $runs runs"
printf '%-12s %-11s %8s %10s %14s\n' case tool wall peak_RSS "duckdb/dealbench"
status=0
for case in log-only with-roster parquet; do
    args=("$events")
    duck_args=("$events")
    if [ "$case" = parquet ]; then
        args=("$parquet")
        duck_args=("$parquet")
    fi
    if [ "$case" = with-roster ]; then
        args+=(--roster "$roster")
        duck_args+=("$roster")
    fi
    # Alternate the tools run by run: the machine's load then weighs on both.
    for _ in $(seq "$runs"); do
        once "dealbench-$case" "$bin" usage "${args[@]}" --json
        once "duckdb-$case" python3 "$here/duckdb-funnel.py" "${duck_args[@]}"
    done
    sed -n 's/^query_seconds=//p' "$work/duckdb-$case.notes" > "$work/query-$case.runs"
    d_wall=$(median "$work/dealbench-$case.runs")
    q_wall=$(median "$work/duckdb-$case.runs")
    query=$(median "$work/query-$case.runs")
    d_mb=$(max_mb "$work/dealbench-$case.runs")
    ratio() { awk -v a="$1" -v b="$d_wall" 'BEGIN { printf "%.2fx", a / b }'; }
    printf '%-12s %-11s %7ss %7d MB %14s\n' "$case" dealbench "$d_wall" "$d_mb" ""
    printf '%-12s %-11s %7ss %7d MB %14s\n' "$case" duckdb "$q_wall" \
        "$(max_mb "$work/duckdb-$case.runs")" "$(ratio "$q_wall")"
    printf '%-12s %-11s %7ss %10s %14s\n' "" "query only" "$query" "" "$(ratio "$query")"
    echo "  dealbench runs (s): $(awk '{ printf "%s ", $1 }' "$work/dealbench-$case.runs")"
    echo "  duckdb runs (s):    $(awk '{ printf "%s ", $1 }' "$work/duckdb-$case.runs")"
    if same_figures "$work/dealbench-$case.json" "$work/duckdb-$case.json"; then
        echo "  same figures in both"
    else
        echo "  FIGURES DIFFER" >&2
        status=1
    fi
    if [ "$d_mb" -ge 200 ]; then
        echo "  dealbench peak RSS is 200 MB or more" >&2
        status=1
    fi
done
exit $status
