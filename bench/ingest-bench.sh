#!/usr/bin/env bash
# Ingest benchmark: a real KRaft broker and ingest-service, each in its own JVM, then the load
# driver (raw producer baseline, /v1/batch full and half load, /v1/track) against both.
# Usage: bench/ingest-bench.sh [seconds-per-phase] [batch-connections] [track-connections]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/bench/target/run
rm -rf "$work" && mkdir -p "$work/tmp"
./mvnw -B -q -pl bench,ingest-service -am package -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
cp="$root/bench/target/classes:$(cat "$work/classpath.txt")"
java_opts=(-Djava.io.tmpdir="$work/tmp")

java "${java_opts[@]}" -Xmx1g -cp "$cp" org.opencdp.bench.BenchBroker "$work/bootstrap" >"$work/broker.log" 2>&1 &
broker=$!
trap 'kill $broker ${ingest:-} 2>/dev/null || true' EXIT
for _ in $(seq 120); do [ -s "$work/bootstrap" ] && break; sleep 0.5; done
bootstrap=$(cat "$work/bootstrap")

java "${java_opts[@]}" -Xmx1g -jar ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar \
  --server.port=18081 --spring.kafka.bootstrap-servers="$bootstrap" --cdp.data-dir="$work/data" \
  --logging.level.root=WARN >"$work/ingest.log" 2>&1 &
ingest=$!
for _ in $(seq 120); do curl -sf http://127.0.0.1:18081/actuator/health/liveness >/dev/null && break; sleep 0.5; done

java "${java_opts[@]}" -Xmx512m -cp "$cp" org.opencdp.bench.IngestLoadDriver \
  "$bootstrap" http://127.0.0.1:18081 "$work/data/keys/internal-token.jwk" "${1:-20}" "${2:-16}" "${3:-64}"
