#!/usr/bin/env bash
# Query benchmark: N synthetic events written into a lake (the launcher's lake mode, as
# `./cdp demo --lake-rows N` writes them: DuckDB partitioned COPY), query-service
# from its jar on that lake (result cache off), then a dashboard-style suite through its HTTP API
# and through raw DuckDB JDBC on the same files, alternating, in one run.
# With trino among the engines, a real Trino 476 (test-kit TrinoServer) runs over the same lake and
# query-service manages its access rules (the bench tenant is admitted on its first query).
# Usage: bench/query-bench.sh [rows] [runs-per-query] [engines: duckdb,trino]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rows=${1:-10000000}
runs=${2:-7}
engines=${3:-duckdb,trino}
work=$root/bench/target/query-run
lake=$work/lake-$rows
mkdir -p "$work/tmp"
./mvnw -B -q -pl bench,query-service -am package -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
# launcher's classes first: the lake generator as just built, not as last installed
cp="$root/bench/target/classes:$root/launcher/target/classes:$(cat "$work/classpath.txt")"
java_opts=(-Djava.io.tmpdir="$work/tmp")
if [ ! -d "$lake/events/tenant_id=bench" ]; then
  # 90 days to 2026-11-29 and 200k users: the date ranges and shapes QueryBench's queries assume
  java "${java_opts[@]}" -Xmx2g -cp "$cp" org.opencdp.launcher.demo.LakeGenerator \
    "$lake" bench "$rows" 90 2026-11-29 200000 42
fi
du -sh "$lake"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
trino_opts=()
if [[ ,$engines, == *,trino,* ]]; then
  trino=$work/trino
  rm -rf "$trino" && mkdir -p "$trino"
  # the admin alone: query-service adds each tenant it sees (cdp.query.trino.rules-file)
  cat >"$trino/initial-rules.json" <<'JSON'
{"catalogs": [{"user": "cdp", "catalog": ".*", "allow": "all"}, {"catalog": ".*", "allow": "none"}],
 "schemas": [{"user": "cdp", "owner": true}],
 "tables": [{"user": "cdp", "privileges": ["SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP"]}]}
JSON
  : >"$trino/launcher.log"
  java "${java_opts[@]}" -Xmx256m -cp "$cp" org.opencdp.testkit.TrinoServer \
    "$lake" "$trino/server" "$trino/initial-rules.json" >"$trino/launcher.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 240); do grep -q '^rules ' "$trino/launcher.log" && break; sleep 0.5; done
  trino_url=$(sed -n 's/^jdbc //p' "$trino/launcher.log")
  rules=$(sed -n 's/^rules //p' "$trino/launcher.log")
  [ -n "$trino_url" ] || { cat "$trino/launcher.log"; exit 1; }
  trino_opts=(--cdp.query.trino.enabled=true --cdp.query.trino.url="$trino_url"
    --cdp.query.trino.rules-file="$rules")
fi
java "${java_opts[@]}" -Xmx1g -jar query-service/target/query-service-0.1.0-SNAPSHOT.jar \
  --server.port=18083 --cdp.data-dir="$work/data" --cdp.lake.root="$lake" \
  --cdp.query.cache.enabled=false --cdp.query.duckdb.threads=2 --cdp.query.duckdb.memory-limit=2GB \
  "${trino_opts[@]}" --logging.level.root=WARN >"$work/query-service.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do curl -sf http://127.0.0.1:18083/actuator/health/liveness >/dev/null && break; sleep 0.5; done
java "${java_opts[@]}" -Xmx1g -cp "$cp" org.opencdp.bench.query.QueryBench \
  http://127.0.0.1:18083 "$work/data/keys/internal-token.jwk" "$lake" bench "$rows" "$runs" "$engines"
