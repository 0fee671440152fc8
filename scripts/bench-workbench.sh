#!/usr/bin/env bash
# The workbench's lever change + full redraw (examples/workbench_frame.rs)
# on this checkout against an earlier revision, in one run: both builds
# share the target directory's dependencies, and the two binaries are run
# alternately RUNS times so the machine's load weighs on both. Prints each
# case's median time per change + redraw and the ratio.
#
#   scripts/bench-workbench.sh                 # PEER=da19641 (before issue 13), RUNS=5
#   PEER=e5e68ed RUNS=9 scripts/bench-workbench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEER=${PEER:-da19641}
RUNS=${RUNS:-5}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
peer_dir=$(mktemp -d /tmp/dealbench-peer.XXXXXX)
trap 'git worktree remove --force "$peer_dir" >/dev/null 2>&1 || rm -rf "$peer_dir"' EXIT
git worktree add --detach -q "$peer_dir" "$PEER"
cp examples/workbench_frame.rs "$peer_dir/examples/"

cargo build -q --release --example workbench_frame
cp "$CARGO_TARGET_DIR/release/examples/workbench_frame" /tmp/workbench_frame.head
(cd "$peer_dir" && cargo build -q --release --example workbench_frame)
cp "$CARGO_TARGET_DIR/release/examples/workbench_frame" /tmp/workbench_frame.peer

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%-8s %12s %12s %8s\n' case "HEAD µs" "$PEER µs" ratio
for case in seats uplift; do
  head_t=() peer_t=()
  for _ in $(seq "$RUNS"); do
    head_t+=("$(/tmp/workbench_frame.head "$case")")
    peer_t+=("$(/tmp/workbench_frame.peer "$case")")
  done
  h=$(printf '%s\n' "${head_t[@]}" | median)
  p=$(printf '%s\n' "${peer_t[@]}" | median)
  awk -v c="$case" -v h="$h" -v p="$p" 'BEGIN { printf "%-8s %12s %12s %7.1fx\n", c, h, p, p / h }'
done
