#!/usr/bin/env bash
# Usage: bench/decode-allocation-stress.sh MODEL.gguf VOCAB [RUNS] [KV_CACHE]
# Runs DecodeAllocationProbe (what DecodeAllocationTest runs) RUNS times (default 10), each beside two busy
# loops that compete for the CPU as a loaded CI machine does, and prints each run's bytes per decoded token by
# round. A run whose rounds never reach 0 is a JIT compilation that left vectors boxed for good; rerun it with
# JFR (JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=filename=probe.jfr,settings=profile) and read the allocation
# samples (`jfr print --events jdk.ObjectAllocationSample --stack-depth 30 probe.jfr`) to find the method.
# Needs: the engine's test classes built (mvn -q -pl engine test-compile). Make a model with, for example,
#   java --add-modules jdk.incubator.vector -cp engine/target/classes io.docswarm.engine.model.RandomModelMain \
#     /tmp/q6.gguf qwen3moe Q6_K 320 256 2 4 2 64 256 8 2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:?usage: bench/decode-allocation-stress.sh MODEL.gguf VOCAB [RUNS] [KV_CACHE]}"
vocab="${2:?vocabulary size needed}"
runs="${3:-10}"
kv="${4:-F32}"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -d "$root/engine/target/test-classes/io/docswarm" ] || { echo "build first: mvn -q -pl engine test-compile" >&2; exit 1; }
. "$root/bench/engine-classpath.sh"
classpath="$root/engine/target/classes:$root/engine/target/test-classes:$(engine_classpath)"
busy=()
trap 'kill "${busy[@]}" 2>/dev/null || true' EXIT
for run in $(seq 1 "$runs"); do
    (while :; do :; done) & busy=($!)
    (while :; do :; done) & busy+=($!)
    line=$("$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
        -cp "$classpath" \
        io.docswarm.engine.model.DecodeAllocationProbe "$model" "$vocab" "$kv" 2>&1 | grep "bytes per token" || true)
    kill "${busy[@]}" 2>/dev/null || true
    wait "${busy[@]}" 2>/dev/null || true
    echo "run $run: ${line:-no result}"
done
