#!/usr/bin/env bash
# Usage: bench/engine-gpu.sh MODEL.gguf [DEVICE] [PROMPT_TOKENS] [GEN_TOKENS]
# The engine's CUDA backend on one GPU (DEVICE: cuda or cuda:N, default cuda:0): prompt and generation tok/s
# after a warm-up, and the share of the GPU's memory bandwidth a generated token uses (bytes of active
# weights per token x tok/s, against the peak from the memory clock and bus width). The last line is JSON:
# pp_tok_s, tg_tok_s, active_bytes_per_token, achieved_gb_s, peak_gb_s, bandwidth_fraction.
# Model shapes as bench/engine-vs-llamacpp.sh (docs/benchmarks.md), e.g. a Qwen3-30B-A3B-shaped Q4_K_M:
#   $J io.docswarm.engine.model.RandomModelMain /tmp/qwen3-30b-a3b-q4_k_m.gguf qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
# Needs: Java 25 (JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64), the engine built with nvcc present
# (mvn -o -q -pl engine compile packages the kernels), an NVIDIA driver >= 580 and a GPU of sm_80 or newer.
# Fails with exit status 1 and a message when no CUDA device is usable.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:?usage: bench/engine-gpu.sh MODEL.gguf [DEVICE] [PROMPT_TOKENS] [GEN_TOKENS]}"
device="${2:-cuda:0}"
prompt="${3:-512}"
gen="${4:-128}"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
classes="$root/engine/target/classes"
[ -d "$classes/io/docswarm/engine" ] || { echo "build the engine first: mvn -o -q -pl engine compile" >&2; exit 1; }
[ -f "$classes/io/docswarm/engine/cuda/matvec.fatbin" ] || {
    echo "engine-gpu: the CUDA kernels are not packaged (the engine was built without nvcc)" >&2; exit 1; }
cp_file="$root/engine/target/engine-gpu.classpath"
if [ ! -s "$cp_file" ]; then
    (cd "$root" && mvn -o -q -pl engine dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
fi
exec "$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp "$classes:$(cat "$cp_file")" io.docswarm.engine.cuda.CudaBench "$model" --device "$device" \
    --prompt-tokens "$prompt" --gen-tokens "$gen"
