#!/usr/bin/env bash
# The in-process hook call at two commits, measured in one JVM on one thread, in alternating rounds: CPU and allocation
# per call of worked example C on the relapse service (body read, prefetch parse, evaluation, cards, response written),
# each commit's build loaded by a class loader of its own. On a shared machine two HTTP runs of the same jar differ by a
# tenth and more, and even two services loaded side by side by several per cent; rounds of the two builds that take
# turns on one thread see the same machine, so a few per cent show (bench/CallAb.java).
#
#   bench/call-ab.sh <commit-a> <commit-b> [rounds]     e.g. bench/call-ab.sh main HEAD
#
# Builds each commit's jar in a fresh clone (Maven offline, one after the other), warms both builds with WARMUP calls
# each (default 30,000: the JIT has then compiled the path), then runs `rounds` (default 20) rounds of 1,000 calls of
# each. Prints mean, median and lowest CPU µs per call, KB allocated per call (exact), and in how many rounds b was
# below a; the same commit twice shows how far the two slots differ. A measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 <commit-a> <commit-b> [rounds]" >&2; exit 2; }
work=$(mktemp -d -t allcds-call-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT

build() { # build <label> <commit>: classes, libraries, rules and example requests of that commit in $work/<label>
  local dir="$work/$1/src"
  git clone -q . "$dir"
  git -C "$dir" checkout -q "$2"
  (cd "$dir" && mvn -B -o -q package -DskipTests > "$work/$1.log" 2>&1) || { cat "$work/$1.log" >&2; exit 1; }
  java -Djarmode=tools -jar "$dir/target/all-cds.jar" extract --destination "$work/$1/layout" > /dev/null
  mv "$work/$1/layout/lib" "$dir/target/classes" "$dir/rules" "$work/$1/"
  mkdir -p "$work/$1/fhir-profiles" && mv "$dir/fhir-profiles/requests" "$work/$1/fhir-profiles/"
}
build a "$1"
build b "$2"
mkdir "$work/harness"
javac -nowarn -d "$work/harness" -cp "$work/a/classes:$work/a/lib/*" bench/CallAb.java
java -Xmx768m -Xmn256m -XX:+UseSerialGC -cp "$work/harness" CallAb "$work/a" "$work/b" "${WARMUP:-30000}" "${3:-20}" 1000 \
  2>&1 | grep -E '^(a|b) |^b below'
echo "a = $1, b = $2; load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
