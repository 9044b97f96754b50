#!/usr/bin/env bash
# JMH benchmarks of the in-process pipeline (src/test/java/org/allcds/bench). Usage: bench/jmh.sh [JMH options]
# e.g. bench/jmh.sh PipelineBenchmark -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "${@:-PipelineBenchmark}"
