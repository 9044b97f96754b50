#!/usr/bin/env bash
# JMH benchmarks of the in-process pipeline (src/test/java/org/allcds/bench). Usage: bench/jmh.sh [JMH options]
# e.g. bench/jmh.sh PipelineBenchmark -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# JMH's lock file (jmh.lock) and the forks' temporary files go under target/, not into the system's temporary folder.
mkdir -p target/jmh-tmp
exec java -Djava.io.tmpdir=target/jmh-tmp -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.openjdk.jmh.Main -jvmArgsAppend -Djava.io.tmpdir=target/jmh-tmp "${@:-PipelineBenchmark}"
