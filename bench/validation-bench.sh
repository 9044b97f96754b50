#!/usr/bin/env bash
# Measures the run-time validation cost per request (warn and strict mode); see fhir-profiles/README.md.
# Usage: bench/validation-bench.sh [warm-up rounds] [measured rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "target/classes:$(cat target/bench.classpath)" bench/ValidationBench.java "$@"
