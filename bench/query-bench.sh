#!/usr/bin/env bash
# Query benchmark: N synthetic events written into a lake (DuckDB partitioned COPY), query-service
# from its jar on that lake (result cache off), then a dashboard-style suite through its HTTP API
# and through raw DuckDB JDBC on the same files, alternating, in one run.
# Usage: bench/query-bench.sh [rows] [runs-per-query] [engine]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rows=${1:-10000000}
runs=${2:-7}
engine=${3:-duckdb}
work=$root/bench/target/query-run
lake=$work/lake-$rows
mkdir -p "$work/tmp"
./mvnw -B -q -pl bench,query-service -am package -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
cp="$root/bench/target/classes:$(cat "$work/classpath.txt")"
java_opts=(-Djava.io.tmpdir="$work/tmp")
if [ ! -d "$lake/events/tenant_id=bench" ]; then
  java "${java_opts[@]}" -Xmx2g -cp "$cp" org.opencdp.bench.query.LakeGenerator "$lake" bench "$rows"
fi
du -sh "$lake"
java "${java_opts[@]}" -Xmx1g -jar query-service/target/query-service-0.1.0-SNAPSHOT.jar \
  --server.port=18083 --cdp.data-dir="$work/data" --cdp.lake.root="$lake" \
  --cdp.query.cache.enabled=false --cdp.query.duckdb.threads=2 --cdp.query.duckdb.memory-limit=2GB \
  --logging.level.root=WARN >"$work/query-service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf http://127.0.0.1:18083/actuator/health/liveness >/dev/null && break; sleep 0.5; done
java "${java_opts[@]}" -Xmx1g -cp "$cp" org.opencdp.bench.query.QueryBench \
  http://127.0.0.1:18083 "$work/data/keys/internal-token.jwk" "$lake" bench "$rows" "$runs" "$engine"
