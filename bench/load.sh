#!/usr/bin/env bash
# Latency of sequential CDS Hooks calls with every prefetch key supplied, so the service makes no outbound call
# (conformance checklist §8 B21: p95 < 500 ms over >= 50 sequential calls). A measurement, not a test.
#
#   bench/load.sh [base-url] [calls] [request-file] [service-id]
#
# Defaults: http://127.0.0.1:8080, 50 calls, the worked example A, ped-all-risk. Loopback only.
set -euo pipefail

base="${1:-http://127.0.0.1:8080}"
calls="${2:-50}"
here="$(cd "$(dirname "$0")" && pwd)"
request="${3:-$here/../fhir-profiles/requests/ped-all-risk-example-a.json}"
service="${4:-ped-all-risk}"

case "$base" in
  http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "refusing $base: this script only calls a service on the loopback interface" >&2; exit 2 ;;
esac
if ! [[ "$calls" =~ ^[0-9]+$ ]] || (( calls < 1 || calls > 1000 )); then
  echo "calls must be between 1 and 1000" >&2; exit 2
fi
[[ -r "$request" ]] || { echo "no request file $request" >&2; exit 2; }

url="$base/cds-services/$service"
times=()
for ((i = 1; i <= calls; i++)); do
  out="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 \
    -H 'Content-Type: application/json' -H 'Accept: application/json' --data-binary "@$request" "$url")"
  code="${out%% *}"
  if [[ "$code" != 200 ]]; then
    echo "call $i answered HTTP $code" >&2; exit 1
  fi
  times+=("${out#* }")
done

printf '%s\n' "${times[@]}" | sort -n | awk -v n="$calls" -v url="$url" '
  { t[NR] = $1 * 1000 }
  END {
    p50 = t[int((n - 1) * 0.50) + 1]; p95 = t[int((n - 1) * 0.95) + 1]
    printf "%d sequential calls to %s\n", n, url
    printf "p50 %.1f ms   p95 %.1f ms   max %.1f ms\n", p50, p95, t[n]
  }'
