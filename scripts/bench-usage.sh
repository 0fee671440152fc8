#!/usr/bin/env bash
# Time `dealbench usage --json` against the same funnel computed in DuckDB
# (scripts/usage-funnel.sql), on a synthetic activity log, in one run:
# checks both give the same figures, and reports wall time and peak
# resident memory (/usr/bin/time -f %M) of each, with and without a roster.
#
#   scripts/bench-usage.sh                 # 10M rows, 100k users, 180 days
#   ROWS=1000000 RUNS=5 scripts/bench-usage.sh
#
# Environment: ROWS, USERS, DAYS (the log), RUNS (per tool and case; the
# median is reported), BENCH_DIR (where the data is kept and reused,
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

# measure NAME CMD...: run CMD $runs times; keep its JSON in $work/NAME.json,
# its stderr in $work/NAME.notes, and print "median_wall_s max_peak_rss_kb".
measure() {
    local name=$1
    shift
    : > "$work/$name.runs"
    : > "$work/$name.notes"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/$name.json" 2> "$work/$name.err" || {
            echo "error: $name failed:" >&2
            cat "$work/$name.err" >&2
            exit 1
        }
        cat "$work/time" >> "$work/$name.runs"
        cat "$work/$name.err" >> "$work/$name.notes"
    done
    sort -n "$work/$name.runs" | awk '{ w[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%s %s\n", w[int((NR + 1) / 2)], m }'
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
echo "log: $(wc -l < "$events" | tr -d ' ') lines, $(du -h "$events" | cut -f1), $users users, $days days; median of $runs runs"
printf '%-16s %-10s %10s %12s %12s\n' case tool wall peak_RSS "vs dealbench"
status=0
for case in log-only with-roster; do
    args=("$events")
    [ "$case" = with-roster ] && args+=(--roster "$roster")
    read -r d_wall d_rss < <(measure "dealbench-$case" "$bin" usage "${args[@]}" --json)
    duck_args=("$events")
    [ "$case" = with-roster ] && duck_args+=("$roster")
    read -r q_wall q_rss < <(measure "duckdb-$case" python3 "$here/duckdb-funnel.py" "${duck_args[@]}")
    query=$(sed -n 's/^query_seconds=//p' "$work/duckdb-$case.notes" | sort -n |
        awk '{ q[NR] = $1 } END { print q[int((NR + 1) / 2)] }')
    printf '%-16s %-10s %9ss %9d MB %12s\n' "$case" dealbench "$d_wall" $((d_rss / 1024)) "1.00x"
    printf '%-16s %-10s %9ss %9d MB %12s\n' "$case" duckdb "$q_wall" $((q_rss / 1024)) \
        "$(awk -v a="$q_wall" -v b="$d_wall" 'BEGIN { printf "%.2fx", a / b }')"
    printf '%-16s %-10s %9ss %12s %12s\n' "" "query only" "$query" "" \
        "$(awk -v a="$query" -v b="$d_wall" 'BEGIN { printf "%.2fx", a / b }')"
    if same_figures "$work/dealbench-$case.json" "$work/duckdb-$case.json"; then
        echo "$case: same figures in both"
    else
        echo "$case: FIGURES DIFFER" >&2
        status=1
    fi
    if [ $((d_rss / 1024)) -ge 200 ]; then
        echo "$case: dealbench peak RSS is over 200 MB" >&2
        status=1
    fi
done
exit $status
