#!/usr/bin/env bash
# Gateway overhead: a real KRaft broker, ingest-service and the gateway, each in its own JVM with
# one data dir (so ingest verifies the gateway's key), then /v1/track straight to ingest and through
# the gateway in alternating rounds of one run.
# Usage: bench/gateway-bench.sh [seconds-per-round] [rounds] [connections]
# GATEWAY_HTTP_CLIENT=jdk|pooled chooses the gateway's downstream client (cdp.gateway.http-client).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/bench/target/gateway-run
rm -rf "$work" && mkdir -p "$work/tmp"
./mvnw -B -q -pl bench,ingest-service,gateway -am package -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
cp="$root/bench/target/classes:$(cat "$work/classpath.txt")"
java_opts=(-Djava.io.tmpdir="$work/tmp")
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

java "${java_opts[@]}" -Xmx1g -cp "$cp" org.opencdp.bench.BenchBroker "$work/bootstrap" >"$work/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do [ -s "$work/bootstrap" ] && break; sleep 0.5; done

java "${java_opts[@]}" -Xmx512m -jar gateway/target/gateway-0.1.0-SNAPSHOT.jar \
  --server.port=18080 --cdp.data-dir="$work/data" --cdp.gateway.routes.ingest=http://127.0.0.1:18081 \
  --cdp.gateway.rate-limits.ingest.capacity=1000000 --cdp.gateway.rate-limits.ingest.refill-per-second=1000000 \
  --cdp.gateway.http-client="${GATEWAY_HTTP_CLIENT:-pooled}" --logging.level.root=WARN >"$work/gateway.log" 2>&1 &
pids+=($!)
java "${java_opts[@]}" -Xmx1g -jar ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar \
  --server.port=18081 --spring.kafka.bootstrap-servers="$(cat "$work/bootstrap")" --cdp.data-dir="$work/data" \
  --logging.level.root=WARN >"$work/ingest.log" 2>&1 &
pids+=($!)
for port in 18080 18081; do
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null && break; sleep 0.5; done
done
. "$work/data/local-credentials.env"

java "${java_opts[@]}" -Xmx512m -cp "$cp" org.opencdp.bench.GatewayOverheadDriver \
  http://127.0.0.1:18081 "$work/data/keys/internal-token.jwk" http://127.0.0.1:18080 "$CDP_WRITE_KEY" "${1:-10}" "${2:-3}" "${3:-4}"
