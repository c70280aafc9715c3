#!/usr/bin/env bash
# Quality benchmark: a real KRaft broker and quality-service from its jar, each in its own JVM.
# 1. quality-service with its intake off takes the rule set over REST (admin internal token) and
#    creates the topics; it is stopped.
# 2. N realistic raw events (2% broken) are pre-produced to cdp.raw.events; a bare KafkaConsumer
#    reads them back: the baseline.
# 3. quality-service starts with its intake on; the driver polls the lake with DuckDB until all N
#    are in events or quarantine: events/s from first landed to last, and over the second half of
#    the run (the service warmed up: the sustained rate), each with CPU per event by thread group.
# 4. Freshness: events at a steady rate, each visible when a DuckDB glob over the lake lists its file.
# Usage: bench/quality-bench.sh [events] [fresh-events-per-second or auto] [fresh-seconds]
# auto: 2,000/s, or half the landing rate of step 3 if that is lower (freshness below capacity).
# QUALITY_COMPACTION=true leaves lake compaction on during the run (off by default: it removes
# files while the driver counts them).
# QUALITY_JFR=1 records the intake JVM with Java Flight Recorder (profile settings) into
# bench/target/quality-run/intake.jfr, dumped when the service stops at the end.
# QUALITY_JAVA_OPTS: JVM options for the intake run of quality-service; by default the ones its
# README recommends for throughput (-XX:+UseParallelGC); QUALITY_JAVA_OPTS= runs the JVM defaults
# (every service of the bench has -Xmx1g; these come after it, so they may set another heap);
# QUALITY_ARGS: extra quality-service arguments for it (e.g. --cdp.lake.max-file-age=1s).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${1:-1000000}
rate=${2:-auto}
seconds=${3:-30}
work=$root/bench/target/quality-run
port=18281
rm -rf "$work" && mkdir -p "$work/tmp"
load=$(uptime | sed 's/.*load average: //')
[ -f quality-service/target/quality-service-0.1.0-SNAPSHOT.jar ] ||
  ./mvnw -B -o -q -pl quality-service package -DskipTests
./mvnw -B -o -q -pl bench package -DskipTests
./mvnw -B -o -q -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
cp="$root/bench/target/classes:$(cat "$work/classpath.txt")"
java_opts=(-Djava.io.tmpdir="$work/tmp")
pids=()
read -r -a intake_opts <<<"${QUALITY_JAVA_OPTS--XX:+UseParallelGC}"
[ -n "${QUALITY_JFR:-}" ] &&
  intake_opts+=(-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="$work/intake.jfr")
# waits for them too: a service still flushing would race the next run's cleanup (and its JFR dump)
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
driver() { java "${java_opts[@]}" -Xmx1g -cp "$cp" org.opencdp.bench.quality.QualityBench "$@"; }
service() { # $1: log name, then extra arguments
  local log=$1; shift
  local extra=()
  [ "$log" = intake ] && extra=("${intake_opts[@]}")
  java "${java_opts[@]}" -Xmx1g "${extra[@]}" -jar quality-service/target/quality-service-0.1.0-SNAPSHOT.jar \
    --server.port=$port --spring.kafka.bootstrap-servers="$bootstrap" --cdp.data-dir="$work/data" \
    --logging.level.root=WARN "$@" >"$work/$log.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 240); do curl -sf "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null && return; sleep 0.5; done
  echo "quality-service did not start; see $work/$log.log" >&2; exit 1
}

java "${java_opts[@]}" -Xmx1g -cp "$cp" org.opencdp.bench.BenchBroker "$work/bootstrap" >"$work/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do [ -s "$work/bootstrap" ] && break; sleep 0.5; done
bootstrap=$(cat "$work/bootstrap")

service setup --cdp.quality.intake.enabled=false
setup=${pids[-1]}
driver rules "http://127.0.0.1:$port" "$work/data/keys/internal-token.jwk"
kill "$setup" && wait "$setup" 2>/dev/null || true

driver produce "$bootstrap" cdp.raw.events "$n" "$work"
# compaction (on by default) merges and deletes the small files the lake watch is counting
read -r -a intake_args <<<"${QUALITY_ARGS:-}"
service intake --cdp.lake.compaction.enabled="${QUALITY_COMPACTION:-false}" "${intake_args[@]}"
driver land "$work/data/lake" cdp.raw.events "$n" "$work" "${pids[-1]}"
driver fresh "$bootstrap" cdp.raw.events "$work/data/lake" "$rate" "$seconds" "$work"
driver report "$work" "$load" | tee "$work/report.md"
