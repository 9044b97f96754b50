#!/bin/sh
# Lays out the service jar for a fast start, as the container (docker/Dockerfile) and bin/all-cds run it (bench/startup.sh
# measures it):
#  1. extracts the executable jar into DEST (DEST/all-cds.jar and DEST/lib/): classes then load from plain jars instead
#     of through the nested-jar loader, which searched every nested jar for each class (half of start-up's CPU);
#  2. a training run (bundled rules, stopped once the context is refreshed) writes DEST/all-cds.jsa, the application
#     class-data archive: `java -XX:SharedArchiveFile=DEST/all-cds.jsa -jar DEST/all-cds.jar` maps those classes parsed
#     and verified instead of loading them.
# The training run uses the JVM settings the service will run with: JAVA_OPTS, or JAVA_TOOL_OPTIONS (the image's ENV),
# with the client compiler only: what it compiles is thrown away at exit, and the archive (classes, not code) serves a
# JVM with either compiler; the optimising compiler made the run cost about half as much CPU again.
# It exits right after the refresh, without closing the application, so its temporary folders (the bundled rules' copy,
# Tomcat's folder) get a temporary folder of their own, deleted after it.
# Usage: docker/app-cds.sh <all-cds.jar> <dest-dir>
set -eu
jar="$1"
dest="$2"
java_opts="${JAVA_OPTS:-}"
java -Djarmode=tools -jar "$jar" extract --destination "$dest" --application-filename all-cds.jar --force >/dev/null
mkdir -p "$dest/training-tmp"
# shellcheck disable=SC2086
java $java_opts -XX:-UsePerfData -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$dest/all-cds.jsa" -Dspring.context.exit=onRefresh \
  -Djava.io.tmpdir="$dest/training-tmp" -jar "$dest/all-cds.jar" \
  --spring.profiles.active=demo --server.port=0 --management.server.port=0 --allcds.rules.dir="$dest/no-rules" \
  --logging.level.root=WARN >"$dest/training.log" 2>&1 || { cat "$dest/training.log" >&2; exit 1; }
rm -rf "$dest/training.log" "$dest/training-tmp"
