#!/usr/bin/env bash
# Throughput of a hook call against the service's own HTTP floor, measured side by side in one run.
#
# Starts the packaged jar (demo profile, bundled rules, loopback only), waits for readiness, warms both endpoints for
# 10 s, then runs `wrk -t2 -c16 -d30s --latency` on
#   1. GET  /cds-services                      (the floor: same server, same HTTP stack, no evaluation)
#   2. POST /cds-services/ped-all-relapse      (worked example C, every prefetch key supplied: no outbound call)
# and prints both, the hook/floor throughput ratio and the service's resident memory (RSS) after the load.
#
#   bench/hook-vs-floor.sh [port] [jar]
#
# Needs wrk (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk) and the jar (mvn -B -q package -DskipTests).
# JAVA_OPTS is passed to the JVM (default -Xmx256m -Xmn128m -XX:+UseSerialGC, as the README and the container), e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/hook.jfr to profile the run;
# DURATION (default 30s) and WARMUP (default 10s) shorten a trial run. A measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18124}"
jar="${2:-target/all-cds.jar}"
duration="${DURATION:-30s}"
warmup="${WARMUP:-10s}"
body=fhir-profiles/requests/ped-all-relapse-example-c.json
# shellcheck source=bench/serve.sh
source bench/serve.sh
floor="http://127.0.0.1:$port/cds-services"
hook="http://127.0.0.1:$port/cds-services/ped-all-relapse"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$body" "$hook")
[[ "$status" == 200 ]] || { echo "the hook answered $status, not 200" >&2; exit 1; }

wrk -t2 -c16 -d"$warmup" "$floor" >/dev/null
wrk -t2 -c16 -d"$warmup" -s "$work/post.lua" "$hook" >/dev/null
wrk -t2 -c16 -d"$duration" --latency "$floor" >"$work/floor.txt"
wrk -t2 -c16 -d"$duration" --latency -s "$work/post.lua" "$hook" >"$work/hook.txt"
rss_kib=$(ps -o rss= -p $pid | tr -d ' ')

echo "== floor: GET /cds-services"; cat "$work/floor.txt"
echo "== hook: POST /cds-services/ped-all-relapse (example C, full prefetch)"; cat "$work/hook.txt"
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
awk -v h="$(rate "$work/hook.txt")" -v f="$(rate "$work/floor.txt")" -v rss="$rss_kib" 'BEGIN {
  printf "\nfloor %.0f req/s   hook %.0f req/s   hook/floor %.2f   RSS after %.0f MiB\n", f, h, h / f, rss / 1024 }'
# The background warm-up yields to every request: under these loads it should not have finished.
grep -ho 'Background warm-up: .*' "$work/log" || echo "background warm-up: not finished (it yields to requests)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
