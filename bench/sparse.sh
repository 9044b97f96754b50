#!/usr/bin/env bash
# Latency of sparse calls, as a hospital's traffic is: a chart opened now and then, not sixteen at once.
#
# Starts the service as the README does (bin/all-cds on the packaged jar, demo profile, bundled rules, loopback only),
# waits WAIT seconds after readiness (default 30), then makes CALLS calls (default 20) one at a time, GAP seconds apart
# (default 1): POST /cds-services/ped-all-relapse with worked example C (every prefetch key supplied), and, as the floor,
# GET /cds-services. Prints the latency seen by curl (p50, p90, max), the service's own time per call
# (allcds_service_calls_seconds, from the Prometheus endpoint) and the service's CPU seconds at readiness and at the end.
#
#   bench/sparse.sh [port] [jar]
#   SERVICE_ARGS=--allcds.warm-up.background-calls=0 bench/sparse.sh      # without the background warm-up
#
# Needs curl, wrk (serve.sh checks for it) and the jar (mvn -B -q package -DskipTests). A measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18125}"
jar="${2:-target/all-cds.jar}"
wait_s="${WAIT:-30}"
calls="${CALLS:-20}"
gap="${GAP:-1}"
body=fhir-profiles/requests/ped-all-relapse-example-c.json
START=launcher
# shellcheck source=bench/serve.sh
source bench/serve.sh
base="http://127.0.0.1:$port"
cpu() { awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$pid/stat"; }
service_seconds() {
  curl -fs "$base/actuator/prometheus" | awk '/^allcds_service_calls_seconds_sum/ {s += $2} END {printf "%.6f", s}'
}
summary() { sort -n | awk '{t[NR] = $1 * 1000} END {
  printf "p50 %.1f ms, p90 %.1f ms, max %.1f ms", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR] }'; }

echo "ready; service CPU $(cpu) s; waiting ${wait_s} s"
sleep "$wait_s"
before=$(service_seconds)
for _ in $(seq 1 "$calls"); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' --data-binary @"$body" \
    "$base/cds-services/ped-all-relapse"
  sleep "$gap"
done >"$work/hook.txt"
after=$(service_seconds)
for _ in $(seq 1 "$calls"); do
  curl -s -o /dev/null -w '%{time_total}\n' "$base/cds-services"
  sleep "$gap"
done >"$work/floor.txt"

echo "hook  POST /cds-services/ped-all-relapse, $calls calls ${gap} s apart: $(summary <"$work/hook.txt");" \
  "in the service $(awk -v a="$after" -v b="$before" -v n="$calls" 'BEGIN {printf "%.1f", (a - b) * 1000 / n}') ms per call"
echo "floor GET /cds-services: $(summary <"$work/floor.txt")"
echo "service CPU at the end $(cpu) s"
grep -ho 'Background warm-up: .*' "$work/log" || echo "no background warm-up finished"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
