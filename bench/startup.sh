#!/usr/bin/env bash
# Start-up of the service (demo profile, bundled rules, loopback only) and the rule authors' commands.
# Prints, for the packaged jar started with plain `java -jar` and for bin/all-cds (the README's command: the extracted
# jar plus class-data archive that the container also runs, made once per build by docker/app-cds.sh): time to
# "Started", launch to readiness UP (warm-up included) with the CPU time the JVM used until then and its RSS, and the
# latency of requests 1 and 10 with the README example; the one-time preparation of bin/all-cds's layout; then the wall
# and CPU time of `lint rules` and `test rules`, both ways. CPU seconds are printed beside wall seconds because on a
# shared machine the wall time mostly measures the others.
# JVM settings are the documented ones: JAVA_OPTS (default: the README's and the container's) for the service,
# AUTHOR_OPTS for the commands (default: bin/all-cds's own; -XX:TieredStopAtLevel=1, as the authors' guide says, for
# `java -jar`). The first `bin/all-cds test` after a build makes the author commands' archive: it is timed on its own.
# Usage: bench/startup.sh [port] [jar]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18123}"
jar="${2:-target/all-cds.jar}"
body=fhir-profiles/requests/ped-all-risk-example-a.json
java_opts="${JAVA_OPTS--Xmx256m -Xmn128m -XX:+UseSerialGC}"
author_opts="${AUTHOR_OPTS--XX:TieredStopAtLevel=1}"
work=$(mktemp -d)
ticks=$(getconf CLK_TCK)
cpu_s() { awk -v t="$ticks" '{printf "%.1f", ($14 + $15 + $16 + $17) / t}' "/proc/$1/stat"; }
pid=
trap '[ -z "$pid" ] || kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

# measure LABEL COMMAND...: starts the service with the bundled rules (a rules folder that does not exist) and reports.
measure() {
  local label="$1" log; shift
  log=$(mktemp -p "$work")
  echo "== $label"
  local start_ns; start_ns=$(date +%s%N)
  "$@" --spring.profiles.active=demo --server.port="$port" --allcds.rules.dir="$work/none" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; then break; fi
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  local ready_ns; ready_ns=$(date +%s%N)
  local ready_cpu; ready_cpu=$(cpu_s $pid)
  local ready_rss; ready_rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
  grep -o 'Started AllCdsApplication in [0-9.]* seconds' "$log" || echo "Started line not found"
  echo "readiness UP after $(( (ready_ns - start_ns) / 1000000 )) ms (launch to UP, warm-up included), ${ready_cpu} s CPU, RSS ${ready_rss} MiB"
  grep -o 'Rule set .* loaded: .*' "$log" || true
  grep -o 'Warm-up done in [0-9]* ms' "$log" || true
  # a warm-up call that failed is a fault to see beside its figure, not a faster start
  grep -o 'Warm-up \(request\|call\) .*' "$log" || true
  for i in $(seq 1 10); do
    t=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H 'Content-Type: application/json' \
        --data @"$body" "http://127.0.0.1:$port/cds-services/ped-all-risk")
    if [ "$i" = 1 ] || [ "$i" = 10 ]; then echo "request $i: $(awk -v t="$t" 'BEGIN{printf "%.1f ms", t*1000}')"; fi
  done
  kill $pid; wait $pid 2>/dev/null || true
  pid=
}

# timed LABEL COMMAND...: wall and CPU seconds (user + system of the command and its children).
timed() {
  local label="$1" out; shift
  out=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
  echo "$out" | awk -v l="$label" '{printf "%s: %.1f s wall, %.1f s CPU\n", l, $1, $2 + $3}'
}

# shellcheck disable=SC2086
measure "java $java_opts -jar $jar" java $java_opts -jar "$jar"

# bin/all-cds on a copy of the jar, so that target/ is left alone; its first run makes the layout (once per build).
cp "$jar" "$work/all-cds.jar"
launcher() {
  if [ -n "${AUTHOR_OPTS+set}" ]; then
    env ALLCDS_JAR="$work/all-cds.jar" JAVA_OPTS="$java_opts" AUTHOR_OPTS="$AUTHOR_OPTS" bin/all-cds "$@"
  else
    env ALLCDS_JAR="$work/all-cds.jar" JAVA_OPTS="$java_opts" bin/all-cds "$@"
  fi
}
echo "== bin/all-cds (README): extracted jar + class-data archive, as in the container"
timed "first run: preparing the layout (extraction, training run), then lint rules" launcher lint rules
# env and bin/all-cds exec, so the measured process is the JVM itself
measure "bin/all-cds (java $java_opts -XX:CompileThresholdScaling=4 -XX:SharedArchiveFile=… -jar <extracted>/all-cds.jar)" \
  env ALLCDS_JAR="$work/all-cds.jar" JAVA_OPTS="$java_opts" bin/all-cds

echo "== author commands"
timed "first bin/all-cds test rules: preparing the author commands' archive (a training run), then test rules" \
  launcher test rules
for command in lint test; do
  # shellcheck disable=SC2086
  timed "java $author_opts -jar … $command rules" java $author_opts -jar "$jar" "$command" rules
  timed "bin/all-cds $command rules" launcher "$command" rules
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
