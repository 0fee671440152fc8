#!/usr/bin/env bash
# Time `dealbench usage --json` against the same funnel computed in DuckDB
# (scripts/usage-funnel.sql), on synthetic activity logs, in one run:
# checks both give the same figures, and reports wall time and peak
# resident memory (/usr/bin/time -f %M) of each and their ratio.
#
# Every shape of log is measured with and without a roster, as CSV and as
# Parquet (Snappy, written by DuckDB), which both tools then read:
#
#   z         RFC 3339 timestamps in UTC (`…T09:30:00Z`), in time order
#   dates     plain `YYYY-MM-DD` dates, in time order (DuckDB reads DATE)
#   offsets   the same instants in each user's UTC offset (`…-05:00`,
#             `…+05:30`); as Parquet they are instants, as in `z`
#   shuffled  `z` with the rows in random order
#
#   scripts/bench-usage.sh                 # 10M rows, 100k users, 180 days
#   SHAPES="dates z" CASES=csv ROWS=3000000 USERS=30000 scripts/bench-usage.sh
#
# Environment: SHAPES (default: every shape), CASES (of csv, csv+roster,
# parquet, parquet+roster; default: all), ROWS, USERS, DAYS (the logs),
# RUNS (per tool and case; the tools alternate run by run and the median
# wall time and the largest peak RSS are reported), BENCH_DIR (where the
# data is kept and reused, default /tmp/dealbench-bench), DEALBENCH (a
# binary to use instead of building one with `cargo build --release`),
# CARGO_TARGET_DIR. Exits 1 when the figures differ or dealbench peaks at
# 200 MB or more.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rows=${ROWS:-10000000}
users=${USERS:-100000}
days=${DAYS:-180}
runs=${RUNS:-3}
shapes=${SHAPES:-z dates offsets shuffled}
cases=${CASES:-csv csv+roster parquet parquet+roster}
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

# make_log SHAPE: generate (once, then reuse) the shape's log, roster and
# Parquet copy; sets $events, $roster, $parquet and $date_type (how DuckDB
# reads the CSV's date column).
make_log() {
    local flag=()
    case $1 in
        z) ;;
        dates) flag=(--dates) ;;
        offsets) flag=(--offsets) ;;
        shuffled) flag=(--shuffle) ;;
        *) echo "error: unknown shape '$1' (expected z, dates, offsets or shuffled)" >&2; exit 1 ;;
    esac
    date_type=TIMESTAMPTZ
    if [ "$1" = dates ]; then date_type=DATE; fi
    local base="$data/$1-${users}u-${days}d-${rows}r"
    events="$base.csv"
    roster="$base-roster.csv"
    parquet="$base.parquet"
    if [ ! -s "$events" ] || [ ! -s "$roster" ]; then
        python3 "$here/gen-activity.py" --out "$events" --roster "$roster" \
            --users "$users" --days "$days" --rows "$rows" "${flag[@]}"
    fi
    if [ ! -s "$parquet" ]; then
        echo "writing $parquet ..." >&2
        python3 - "$events" "$parquet" "$date_type" <<'EOF'
import sys, duckdb
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute(f"""COPY (SELECT * FROM read_csv('{sys.argv[1]}', header = true, auto_detect = false,
    columns = {{'user': 'VARCHAR', 'region': 'VARCHAR', 'timestamp': '{sys.argv[3]}'}}))
    TO '{sys.argv[2]}' (FORMAT parquet, COMPRESSION snappy)""")
EOF
    fi
}

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
     "on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "logs of about $rows rows, $users users, $days days; median of $runs runs"
status=0
summary=""
for shape in $shapes; do
    make_log "$shape"
    echo
    echo "$shape: $(($(wc -l < "$events") - 1)) rows, $(du -h "$events" | cut -f1) (Parquet $(du -h "$parquet" | cut -f1))"
    printf '%-15s %-11s %8s %10s %9s\n' case tool wall peak_RSS "duck/deal"
    for case in $cases; do
        name="$shape-$case"
        case $case in
            parquet*) args=("$parquet"); duck_args=("$parquet") ;;
            csv*) args=("$events"); duck_args=(--date-type "$date_type" "$events") ;;
            *) echo "error: unknown case '$case'" >&2; exit 1 ;;
        esac
        if [[ $case == *+roster ]]; then
            args+=(--roster "$roster")
            duck_args+=("$roster")
        fi
        # Alternate the tools run by run: the machine's load then weighs on both.
        for _ in $(seq "$runs"); do
            once "dealbench-$name" "$bin" usage "${args[@]}" --json
            once "duckdb-$name" python3 "$here/duckdb-funnel.py" "${duck_args[@]}"
        done
        sed -n 's/^query_seconds=//p' "$work/duckdb-$name.notes" > "$work/query-$name.runs"
        d_wall=$(median "$work/dealbench-$name.runs")
        q_wall=$(median "$work/duckdb-$name.runs")
        query=$(median "$work/query-$name.runs")
        d_mb=$(max_mb "$work/dealbench-$name.runs")
        ratio() { awk -v a="$1" -v b="$d_wall" 'BEGIN { printf "%.2fx", a / b }'; }
        printf '%-15s %-11s %7ss %7d MB %9s\n' "$case" dealbench "$d_wall" "$d_mb" ""
        printf '%-15s %-11s %7ss %7d MB %9s\n' "" duckdb "$q_wall" \
            "$(max_mb "$work/duckdb-$name.runs")" "$(ratio "$q_wall")"
        printf '%-15s %-11s %7ss %10s %9s\n' "" "query only" "$query" "" "$(ratio "$query")"
        echo "  dealbench runs (s): $(awk '{ printf "%s ", $1 }' "$work/dealbench-$name.runs")"
        echo "  duckdb runs (s):    $(awk '{ printf "%s ", $1 }' "$work/duckdb-$name.runs")"
        verdict="same figures"
        if ! same_figures "$work/dealbench-$name.json" "$work/duckdb-$name.json"; then
            echo "  FIGURES DIFFER" >&2
            verdict="FIGURES DIFFER"
            status=1
        fi
        echo "  $verdict in both"
        if [ "$d_mb" -ge 200 ]; then
            echo "  dealbench peak RSS is 200 MB or more" >&2
            status=1
        fi
        summary+=$(printf '%-9s %-15s %6ss %6ss %6s MB %7s %7s  %s' "$shape" "$case" \
            "$d_wall" "$q_wall" "$d_mb" "$(ratio "$q_wall")" "$(ratio "$query")" "$verdict")$'\n'
    done
done
echo
echo "summary: dealbench wall, DuckDB wall, dealbench peak RSS, DuckDB ÷ dealbench (whole process, query only)"
printf '%s' "$summary"
exit $status
