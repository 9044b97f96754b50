#!/usr/bin/env bash
# Reload of an edited rule set on a running service, as an author sees it: bin/all-cds (the README's command) serves a
# copy of the repository's rules with the folder watch on; once it is ready, one DRL file is edited (a comment line is
# appended, which changes the rule set's hash, so the whole set compiles: the compile, the author scenario gate and the
# swap). Printed per edit: the time from the save to the log line reporting the new set, the CPU seconds the JVM used
# meanwhile, and of those the reload thread's own (the compile; the scenario gate runs beside it on one thread per
# core, counted in the JVM's figure). EDITS edits per start (default 3); PAUSE seconds (default 5) pass before each
# save. The first reload after a start is the JVM's first DRL compile (the start loads the set precompiled into the
# jar), which the compiler warm-up after readiness prepares for.
# Usage: bench/reload.sh [port] [jar]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18124}"
jar="${2:-target/all-cds.jar}"
edits="${EDITS:-3}"
work=$(mktemp -d)
ticks=$(getconf CLK_TCK)
cpu_s() { awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
# the CPU seconds of the JVM's reload thread (the compile runs on it; the scenario gate and the JIT do not)
# (0 before the thread's first task: it is started on demand)
reload_cpu_s() { { grep -l '(rules-reload)' /proc/"$1"/task/*/stat 2>/dev/null || true; } | head -1 | xargs -r cat \
  | awk -v t="$ticks" '{sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / t} END {if (NR == 0) printf "0.00"}'; }
pid=
trap '[ -z "$pid" ] || kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

cp -r rules "$work/rules"
log="$work/log"
# bin/all-cds execs the JVM, so $pid is the JVM itself
env ALLCDS_JAR="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")" bin/all-cds --spring.profiles.active=demo \
  --server.port="$port" --allcds.rules.dir="$work/rules" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP && break
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
echo "ready; $(cpu_s $pid) s CPU"
sleep "${PAUSE:-5}"
echo "before the first save: $(cpu_s $pid) s CPU of the JVM, $(reload_cpu_s $pid) s of its reload thread (the compiler warm-up)"
# EDIT=config edits config.yaml instead (a configuration-only change: from the second such reload on, the last build is
# reused and no rule is compiled)
if [ "${EDIT:-drl}" = config ]; then
  edited="$work/rules/config.yaml"; comment='#'
else
  edited=$(find "$work/rules" -path "$work/rules/tests" -prune -o -name '*.drl' -print | sort | head -1); comment='//'
fi
for i in $(seq 1 "$edits"); do
  [ "$i" = 1 ] || sleep "${PAUSE:-5}"   # an author saves seconds after the start, not at once (and the previous reload has settled)
  before=$(grep -c 'loaded on watch' "$log" || true)
  cpu0=$(cpu_s $pid)
  thread0=$(reload_cpu_s $pid)
  t0=$(date +%s%N)
  echo "$comment edit $i" >>"$edited"
  for _ in $(seq 1 6000); do
    [ "$(grep -c 'loaded on watch' "$log" || true)" -gt "$before" ] && break
    grep -q 'reload (watch) refused' "$log" && { grep 'refused' "$log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  echo "reload $i: $(( (t1 - t0) / 1000000 )) ms from the save to the new set serving (500 ms of it the watch's debounce), $(awk -v a="$cpu0" -v b="$(cpu_s $pid)" 'BEGIN{printf "%.2f", b - a}') s CPU of the JVM, $(awk -v a="$thread0" -v b="$(reload_cpu_s $pid)" 'BEGIN{printf "%.2f", b - a}') s of its reload thread"
done
grep -o 'DRL compiler and scenario gate warmed up .*' "$log" || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
