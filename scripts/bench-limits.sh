#!/usr/bin/env bash
# The largest scenario of each shape the loader accepts (the work budget of
# src/scenario/limits.rs, and the 10 MB file limit for regions and
# workloads), timed in one run against the 2 s budget: `dealbench check`,
# `dealbench report --json` and the workbench's first frame (the
# "pricing…" screen), first priced frame and one Compare frame, with the
# peak resident memory of the two commands. A file one step above each is checked to be refused.
#
#   scripts/bench-limits.sh                # every shape, RUNS=1
#   RUNS=3 SHAPES="deepest-chain mixed" scripts/bench-limits.sh
#
# Shapes (benches/synth.rs `largest`): deepest-chain (one based_on chain,
# 12 months), most-offers (all based on one, 1 month), most-plans (each
# offer its own API plan, 12 months), most-regions,
# longest-horizon (600 months), most-workloads, mixed (200 regions, 20
# workloads, 120 months). Environment: RUNS (median of), SHAPES,
# BUDGET_S (default 2), CARGO_TARGET_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-1}
budget=${BUDGET_S:-2}
shapes=${SHAPES:-deepest-chain most-offers most-plans most-regions longest-horizon most-workloads mixed}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed" >&2; exit 1; }

(cd "$root" && cargo build --release --quiet --bin dealbench --example synthetic --example first_frame)
target="${CARGO_TARGET_DIR:-$root/target}/release"
bin="$target/dealbench"

# median of numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# seconds and peak KB of one command, its output thrown away
timed() { /usr/bin/time -f '%e %M' "$@" >/dev/null 2>"$work/time" || true; tail -1 "$work/time"; }
over() { awk -v t="$1" -v b="$budget" 'BEGIN { print (t > b) ? "OVER" : "ok" }'; }

printf '%-16s %9s %8s | %8s %7s | %8s %7s | %7s %7s %7s\n' shape bytes offers \
    check MB report MB frame priced compare
for shape in $shapes; do
    file="$work/$shape.toml"
    "$target/examples/synthetic" largest "$shape" >"$file"
    if ! "$bin" check "$file" >/dev/null 2>"$work/err"; then
        echo "error: the largest $shape file is refused:" >&2
        head -3 "$work/err" >&2
        exit 1
    fi
    declare -a c=() r=() f=() p=() k=()
    cmb=0 rmb=0
    for _ in $(seq "$runs"); do
        read -r t kb < <(timed "$bin" check "$file"); c+=("$t"); cmb=$(( kb > cmb ? kb : cmb ))
        read -r t kb < <(timed "$bin" report --json "$file"); r+=("$t"); rmb=$(( kb > rmb ? kb : rmb ))
        line=$("$target/examples/first_frame" "$file")
        f+=("$(sed 's/.*first_frame=\([0-9.]*\).*/\1/' <<<"$line")")
        p+=("$(sed 's/.*priced_frame=\([0-9.]*\).*/\1/' <<<"$line")")
        k+=("$(sed 's/.*compare_frame=\([0-9.]*\).*/\1/' <<<"$line")")
    done
    cm=$(printf '%s\n' "${c[@]}" | median); rm_=$(printf '%s\n' "${r[@]}" | median)
    fm=$(printf '%s\n' "${f[@]}" | median); pm=$(printf '%s\n' "${p[@]}" | median)
    km=$(printf '%s\n' "${k[@]}" | median)
    units=$(grep -c '^\[\[offer\]\]' "$file" || true)
    printf '%-16s %9s %8s | %7ss %7s | %7ss %7s | %6ss %6ss %6ss   check %s, report %s, frame %s\n' \
        "$shape" "$(stat -c %s "$file")" "$units" "$cm" "$((cmb / 1024))" "$rm_" "$((rmb / 1024))" \
        "$fm" "$pm" "$km" "$(over "$cm")" "$(over "$rm_")" "$(over "$fm")"
done

# One offer more than the budget allows must be refused with exit 2.
above="$work/above.toml"
sed -n '1,$p' "$work/$(set -- $shapes; echo "$1").toml" >"$above"
printf '[[offer]]\nname = "one-too-many"\nbased_on = "o0"\nseats = 1\n' >>"$above"
set +e
"$bin" check "$above" >/dev/null 2>"$work/err"; status=$?
set -e
if [ "$status" -ne 2 ] || ! grep -q 'pricing work' "$work/err"; then
    echo "error: a file above the work budget was not refused (exit $status)" >&2
    exit 1
fi
echo "one offer above the budget: refused, exit 2: $(head -1 "$work/err" | cut -c1-120)…"
echo "budget ${budget}s: OVER marks a figure above it (src/scenario/limits.rs chose WORK_BUDGET for the fast engine of issue 13 to stay under it)."
