#!/usr/bin/env bash
# Usage: bench/layer-rounding.sh MODEL.gguf [PROMPT] [GENERATED] [F16|F32] [TENSOR[:N] ...]
# Runs LayerRoundingProbe on the CPU backend: how far an ulp of jitter moves each block's update (and the output's
# logits) when every block starts from the plain run's residual stream, and how far wrong quants move them (TENSOR:N:
# the quants of the tensor's first N super-blocks XORed, default 1, in a copy of the file). These are the figures CudaCpuAgreement's block-by-block tolerances rest on
# (docs/benchmarks.md, session 20). Needs the engine's test classes built (mvn -q -pl engine test-compile).
# The session-20 model (8 blocks, 16 experts, 8 used; about 0.5 GB):
#   java --add-modules jdk.incubator.vector -cp engine/target/classes io.docswarm.engine.model.RandomModelMain \
#     /tmp/cal8.gguf qwen3moe Q4_K_M 4096 2048 8 32 4 128 768 16 8
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: bench/layer-rounding.sh MODEL.gguf [PROMPT] [GENERATED] [F16|F32] [TENSOR[:N] ...]" >&2; exit 2; }
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -d "$root/engine/target/test-classes/io/docswarm" ] || { echo "build first: mvn -q -pl engine test-compile" >&2; exit 1; }
. "$root/bench/engine-classpath.sh"
exec "$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp "$root/engine/target/classes:$root/engine/target/test-classes:$(engine_classpath)" \
    io.docswarm.engine.cuda.LayerRoundingProbe "$@"
