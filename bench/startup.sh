#!/usr/bin/env bash
# Start-up of the packaged jar (demo profile, bundled rules, loopback only) and the rule authors' commands.
# Prints: time to "Started", launch to readiness UP (warm-up included) with the CPU time the JVM used until then, the
# latency of requests 1 and 10 with the README example, then the wall and CPU time of `lint rules` and `test rules`.
# CPU seconds are printed beside wall seconds because on a shared machine the wall time mostly measures the others.
# The JVM settings are the documented ones: JAVA_OPTS (default: the README's and the container's) for the service,
# AUTHOR_OPTS (default -XX:TieredStopAtLevel=1, as the authors' guide suggests) for the commands.
# Usage: bench/startup.sh [port] [jar]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18123}"
jar="${2:-target/all-cds.jar}"
body=fhir-profiles/requests/ped-all-risk-example-a.json
java_opts="${JAVA_OPTS--Xmx256m -XX:+UseSerialGC}"
author_opts="${AUTHOR_OPTS--XX:TieredStopAtLevel=1}"
log=$(mktemp)
ticks=$(getconf CLK_TCK)
cpu_s() { awk -v t="$ticks" '{printf "%.1f", ($14 + $15 + $16 + $17) / t}' "/proc/$1/stat"; }

start_ns=$(date +%s%N)
# A rules folder that does not exist: the rule set bundled in the jar is served.
# shellcheck disable=SC2086
java $java_opts -jar "$jar" --spring.profiles.active=demo --server.port="$port" --allcds.rules.dir="$log.none" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 1200); do
  if curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; then break; fi
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
ready_ns=$(date +%s%N)
ready_cpu=$(cpu_s $pid)
ready_rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
started=$(grep -o 'Started AllCdsApplication in [0-9.]* seconds' "$log" || echo "Started line not found")
echo "$started"
echo "readiness UP after $(( (ready_ns - start_ns) / 1000000 )) ms (launch to UP, warm-up included), ${ready_cpu} s CPU, RSS ${ready_rss} MiB"
grep -o 'Rule set .* loaded: .*' "$log" || true
grep -o 'Warm-up done in [0-9]* ms' "$log" || true
for i in $(seq 1 10); do
  t=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H 'Content-Type: application/json' \
      --data @"$body" "http://127.0.0.1:$port/cds-services/ped-all-risk")
  if [ "$i" = 1 ] || [ "$i" = 10 ]; then echo "request $i: $(awk -v t="$t" 'BEGIN{printf "%.1f ms", t*1000}')"; fi
done
kill $pid; wait $pid 2>/dev/null || true

for command in lint test; do
  out=$( { TIMEFORMAT='%R %U %S'; time java $author_opts -jar "$jar" "$command" rules >/dev/null 2>/dev/null; } 2>&1 | tail -1)
  echo "$out" | awk -v c="$command" -v o="$author_opts" '{printf "%s rules [%s]: %.1f s wall, %.1f s CPU\n", c, o, $1, $2 + $3}'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
