#!/usr/bin/env bash
# CPU time per request of the hook and of the floor: a figure that other load on the machine barely changes, unlike
# throughput and latency, so two builds can be compared on a shared machine.
#
# Starts the packaged jar as bench/hook-vs-floor.sh does (demo profile, bundled rules, loopback only), warms both
# endpoints, then runs `wrk -t2 -c16` on each in turn and divides the CPU the service used during the run (utime+stime
# from /proc: the whole process, garbage collection and JIT included; and, by thread name, its request threads, the card
# log's writer, the JIT compilers and the VM thread, where the serial collector runs) by the number of requests answered.
#
#   bench/hook-cpu.sh [port] [jar]
#
# DURATION (default 20s) and WARMUP (default 15s) set the length of each run. WARMUP_CALLS (default 0) goes on warming
# the hook, 10 s at a time, until it has answered that many calls: on a loaded machine a timed warm-up ends while the JIT
# is still compiling the hook's path (it settles after about 30,000 calls), and the run then measures the compiler.
# A measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18125}"
jar="${2:-target/all-cds.jar}"
duration="${DURATION:-20s}"
warmup="${WARMUP:-15s}"
body=fhir-profiles/requests/ped-all-relapse-example-c.json
ticks=$(getconf CLK_TCK)
# shellcheck source=bench/serve.sh
source bench/serve.sh
floor="http://127.0.0.1:$port/cds-services"
hook="http://127.0.0.1:$port/cds-services/ped-all-relapse"

# CPU ticks of the whole process, and of its threads whose name (as /proc shows it) matches a pattern.
process_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
thread_ticks() {
  local total=0 task
  for task in /proc/"$pid"/task/*; do
    grep -Eq "$1" "$task/comm" 2>/dev/null || continue
    total=$((total + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# Tomcat's request threads, the card log's writer, the C1/C2 compilers, the VM thread (serial collections).
groups=('^http-nio' '^card-log' 'CompilerThre' '^VM Thread')
group_ticks() { local g; for g in "${groups[@]}"; do printf '%s ' "$(thread_ticks "$g")"; done; }

# measure <label> <wrk arguments…>: one run, then CPU ms per request for the process and for the request threads.
measure() {
  local label=$1; shift
  local p0 g0 p1 g1 requests
  p0=$(process_ticks); g0=$(group_ticks)
  wrk -t2 -c16 -d"$duration" "$@" >"$work/run.txt"
  p1=$(process_ticks); g1=$(group_ticks)
  requests=$(awk '/requests in/ {print $1}' "$work/run.txt")
  awk -v l="$label" -v n="$requests" -v p=$((p1 - p0)) -v a="$g0" -v b="$g1" -v t="$ticks" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    printf "%-6s %7d requests   %.3f ms CPU per request (process)   %.3f ms (request threads)", l, n, 1000 * p / t / n,
      1000 * (y[1] - x[1]) / t / n
    printf "   card log %.3f   compilers %.3f   VM thread %.3f ms\n", 1000 * (y[2] - x[2]) / t / n,
      1000 * (y[3] - x[3]) / t / n, 1000 * (y[4] - x[4]) / t / n }'
  awk '/Non-2xx/' "$work/run.txt"
}

wrk -t2 -c16 -d"$warmup" "$floor" >/dev/null
warmed=0
while :; do
  wrk -t2 -c16 -d"$warmup" -s "$work/post.lua" "$hook" >"$work/warm.txt"
  warmed=$((warmed + $(awk '/requests in/ {print $1}' "$work/warm.txt")))
  warmup=10s
  ((warmed >= ${WARMUP_CALLS:-0})) && break
done
echo "hook warm-up: $warmed calls"
measure floor "$floor"
measure hook -s "$work/post.lua" "$hook"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
