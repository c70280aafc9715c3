#!/usr/bin/env bash
# Knowledge benchmark, in-process: local embedding throughput, hybrid search and offline ask
# latency on Lucene indexes of the given sizes.
# Usage: bench/knowledge-bench.sh [sizes, default 10000,100000] [queries, default 500]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/bench/target/knowledge
rm -rf "$work" && mkdir -p "$work/tmp"
./mvnw -B -q -pl bench -am package -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
cp="$root/bench/target/classes:$(cat "$work/classpath.txt")"
java -Djava.io.tmpdir="$work/tmp" -Xmx2g -cp "$cp" org.opencdp.bench.knowledge.KnowledgeBench \
  "$work" "${1:-10000,100000}" "${2:-500}"
