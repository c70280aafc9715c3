#!/usr/bin/env bash
# Gateway overhead: a real KRaft broker, ingest-service and the gateway, each in its own JVM with
# one data dir (so ingest verifies the gateway's key), then /v1/track straight to ingest and through
# the gateway in alternating rounds of one run.
# Usage: bench/gateway-bench.sh [seconds-per-round] [rounds] [connections] [requests-per-second]
# A rate paces each path at that many requests per second (latency counted from when each request
# was due); 0 runs a closed loop, each connection sending as soon as its answer is in.
# GATEWAY_HTTP_CLIENT=jdk|pooled chooses the gateway's downstream client (cdp.gateway.http-client).
# GATEWAY_JAVA_OPTS: the gateway's JVM options; by default the launcher's for every service
# (-XX:+UseSerialGC -XX:TieredStopAtLevel=1); set it empty for the JVM's defaults (G1, C2), or add
# e.g. -XX:StartFlightRecording=filename=gw.jfr to profile. GATEWAY_ARGS adds Spring arguments.
# SKIP_BUILD=1 uses the jars already in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/bench/target/gateway-run
rm -rf "$work" && mkdir -p "$work/tmp"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl bench,ingest-service,gateway -am package -DskipTests
fi
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
cp="$root/bench/target/classes:$(cat "$work/classpath.txt")"
java_opts=(-Djava.io.tmpdir="$work/tmp")
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

java "${java_opts[@]}" -Xmx1g -cp "$cp" org.opencdp.bench.BenchBroker "$work/bootstrap" >"$work/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 480); do [ -s "$work/bootstrap" ] && break; sleep 0.5; done
[ -s "$work/bootstrap" ] || { echo "the broker did not start; logs in $work" >&2; exit 1; }

gateway_jvm=${GATEWAY_JAVA_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}
# shellcheck disable=SC2086
java "${java_opts[@]}" -Xmx512m $gateway_jvm -jar gateway/target/gateway-0.1.0-SNAPSHOT.jar \
  --server.port=18080 --cdp.data-dir="$work/data" --cdp.gateway.routes.ingest=http://127.0.0.1:18081 \
  --cdp.gateway.rate-limits.ingest.capacity=1000000 --cdp.gateway.rate-limits.ingest.refill-per-second=1000000 \
  --cdp.gateway.http-client="${GATEWAY_HTTP_CLIENT:-pooled}" --logging.level.root=WARN ${GATEWAY_ARGS:-} >"$work/gateway.log" 2>&1 &
pids+=($!)
gateway_pid=$!
java "${java_opts[@]}" -Xmx1g -jar ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar \
  --server.port=18081 --spring.kafka.bootstrap-servers="$(cat "$work/bootstrap")" --cdp.data-dir="$work/data" \
  --logging.level.root=WARN >"$work/ingest.log" 2>&1 &
pids+=($!)
for port in 18080 18081; do
  for _ in $(seq 480); do curl -sf "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null || { echo "port $port did not start; logs in $work" >&2; exit 1; }
done
. "$work/data/local-credentials.env"
echo "gateway JVM options: ${gateway_jvm:-(JVM defaults)}; load before: $(uptime)"

java "${java_opts[@]}" -Xmx512m -Dgateway.pid="$gateway_pid" -cp "$cp" org.opencdp.bench.GatewayOverheadDriver \
  http://127.0.0.1:18081 "$work/data/keys/internal-token.jwk" http://127.0.0.1:18080 "$CDP_WRITE_KEY" \
  "${1:-10}" "${2:-3}" "${3:-4}" "${4:-0}"
echo "load after: $(uptime)"
