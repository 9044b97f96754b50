#!/usr/bin/env bash
# Start-up and first-request latency of the packaged jar (demo profile, bundled rules), on loopback only.
# Prints: time to "Started", time to readiness UP, and the latency of requests 1 and 10 with the README example.
# Usage: bench/startup.sh [port]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18123}"
body=fhir-profiles/requests/ped-all-risk-example-a.json
log=$(mktemp)
start_ns=$(date +%s%N)
java -jar target/all-cds.jar --spring.profiles.active=demo --server.port="$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  if curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; then break; fi
  sleep 0.1
done
ready_ns=$(date +%s%N)
started=$(grep -o 'Started AllCdsApplication in [0-9.]* seconds' "$log" || echo "Started line not found")
echo "$started"
echo "readiness UP after $(( (ready_ns - start_ns) / 1000000 )) ms (launch to UP, warm-up included)"
for i in $(seq 1 10); do
  t=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H 'Content-Type: application/json' \
      --data @"$body" "http://127.0.0.1:$port/cds-services/ped-all-risk")
  if [ "$i" = 1 ] || [ "$i" = 10 ]; then echo "request $i: $(awk -v t="$t" 'BEGIN{printf "%.1f ms", t*1000}')"; fi
done
