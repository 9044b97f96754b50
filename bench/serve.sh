# shellcheck shell=bash disable=SC2154  # sourced: port, jar and body are the caller's
# Sourced by the bench scripts that load the running service: starts the packaged jar (demo profile, the rule set
# bundled in the jar, loopback only, no request log) on $port, with `java -jar` or, with START=launcher, as the README
# does (bin/all-cds), waits until it is ready, and writes $work/post.lua, a
# wrk script that posts $body. Sets $pid and $work; both are cleaned up when the calling script exits.
# Needs: port, jar, body; JAVA_OPTS is passed to the JVM (default: the README's and the container's settings), and
# MALLOC_ARENA_MAX (default 2, as the container); SERVICE_ARGS adds the service's settings (--name=value ...).
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk / brew install wrk)" >&2; exit 2; }
[[ -r "$jar" ]] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }

work=$(mktemp -d)
# A rules folder that does not exist: the rule set bundled in the jar is served. SERVICE_ARGS adds settings.
# shellcheck disable=SC2206
args=(--spring.profiles.active=demo --server.port="$port" --allcds.rules.dir="$work/none"
  --logging.level.org.allcds.security.RequestLogFilter=WARN ${SERVICE_ARGS:-})
if [[ "${START:-jar}" == launcher ]]; then
  # The README's run command (bin/all-cds: the extracted layout, its class-data archive, its JIT setting); it replaces
  # itself with the JVM (exec), so $pid is the service's.
  ALLCDS_JAR="$jar" bin/all-cds "${args[@]}" >"$work/log" 2>&1 &
else
  # shellcheck disable=SC2086
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" java ${JAVA_OPTS--Xmx256m -Xmn128m -XX:+UseSerialGC} -jar "$jar" "${args[@]}" >"$work/log" 2>&1 &
fi
pid=$!
# `|| true`: under `set -e` a failing command in the trap (wait returns the killed service's status) ends it early.
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 3000); do
  curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP && break
  kill -0 $pid 2>/dev/null || { cat "$work/log" >&2; exit 1; }
  sleep 0.1
done

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("$PWD/$body", "rb")); wrk.body = f:read("*a"); f:close()
LUA
