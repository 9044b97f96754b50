#!/usr/bin/env bash
# The test suite's cost at two commits, measured side by side: each `mvn -B verify` runs on a fresh clone, pinned to a
# core of its own (taskset), both at the same time, so that both see the same machine. On a shared or noisy machine,
# whole-suite times of the same code vary by a tenth and more from run to run; this pairing is what makes two commits
# comparable. Needs two cores, Linux's taskset and the Maven dependencies already downloaded (it runs Maven offline).
#
#   bench/suite-ab.sh <commit-a> <commit-b>     e.g. bench/suite-ab.sh main~3 HEAD
#
# Prints, per commit, the CPU seconds (user + system of Maven and every process it started), the wall time, and the
# test counts of the unit, bounded-heap and full-server phases. On one core each, CPU and wall nearly agree; the run
# takes about twice as long as the suite on two cores. A measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 <commit-a> <commit-b>" >&2; exit 2; }
work=$(mktemp -d -t allcds-suite-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT

run() { # run <label> <commit> <core>
  local dir="$work/$1"
  git clone -q . "$dir"
  git -C "$dir" checkout -q "$2"
  (cd "$dir" && /usr/bin/time -f "%U %S %e" -o "$work/$1.time" taskset -c "$3" mvn -B -o verify > "$work/$1.log" 2>&1) \
    || echo "$1: the build failed, see the counts below" >&2
}
run a "$1" 0 & run b "$2" 1 & wait

for label in a b; do
  commit=$([ "$label" = a ] && echo "$1" || echo "$2")
  read -r user sys wall < "$work/$label.time"
  counts=$(grep -E '^\[(INFO|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$work/$label.log" \
    | sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+).*/\1 (\2 failed, \3 errors)/' | paste -sd '+' -)
  printf '%-12s CPU %6.1f s   wall %6.1f s   tests %s\n' "$commit" "$(echo "$user + $sys" | bc)" "$wall" "$counts"
done
