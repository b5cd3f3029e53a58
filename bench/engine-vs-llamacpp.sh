#!/usr/bin/env bash
# Usage: bench/engine-vs-llamacpp.sh MODEL.gguf [THREADS] [PROMPT_TOKENS] [GEN_TOKENS] [REPETITIONS]
# Runs the Docswarm engine and llama.cpp (node-llama-cpp's prebuilt CPU library, engine/reference) on the
# same file with the same thread count (default: all cores), a prompt of 128 random tokens and 128
# generated tokens, each after a warm-up, REPETITIONS times (default 3), and prints the median prompt and
# generation tok/s for both and the ratios.
# Needs: Java 25 (JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64), engine built (mvn -o -q -pl engine
# compile), engine/reference/install.sh run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:?usage: bench/engine-vs-llamacpp.sh MODEL.gguf [THREADS] [PROMPT_TOKENS] [GEN_TOKENS] [REPETITIONS]}"
threads="${2:-$(nproc)}"
prompt="${3:-128}"
gen="${4:-128}"
repetitions="${5:-3}"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
classes="$root/engine/target/classes"
[ -d "$classes/io/docswarm/engine" ] || { echo "build the engine first: mvn -o -q -pl engine compile" >&2; exit 1; }
[ -d "$root/engine/reference/node_modules/node-llama-cpp" ] || { echo "run engine/reference/install.sh first" >&2; exit 1; }

# The same bytes for both: read the file once so neither pays the first page-in.
cat "$model" > /dev/null

# The engine's own dependencies (SLF4J, JCuda) beside its classes.
cp_file="$root/engine/target/engine-bench.classpath"
if [ ! -s "$cp_file" ]; then
    (cd "$root" && mvn -o -q -pl engine dependency:build-classpath -Dmdep.includeScope=runtime \
        -Dmdep.outputFile="$cp_file" >/dev/null)
fi

ours=$("$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -cp "$classes:$(cat "$cp_file")" \
    io.docswarm.engine.EngineBench "$model" --threads "$threads" --prompt-tokens "$prompt" --gen-tokens "$gen" \
    --repetitions "$repetitions" 2>/dev/null | tail -n 1)
ref=$(cd "$root/engine/reference" && node bench.mjs "$model" --threads "$threads" \
    --prompt-tokens "$prompt" --gen-tokens "$gen" --repetitions "$repetitions" | tail -n 1)

python3 - "$ours" "$ref" "$model" "$threads" <<'PY'
import json, sys
ours, ref = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"model {sys.argv[3]}, {sys.argv[4]} threads, {ours['prompt_tokens']} prompt tokens, {ours['gen_tokens']} generated")
print(f"{'':12}{'prompt tok/s':>14}{'gen tok/s':>12}")
print(f"{'docswarm':12}{ours['pp_tok_s']:>14.1f}{ours['tg_tok_s']:>12.1f}")
print(f"{'llama.cpp':12}{ref['pp_tok_s']:>14.1f}{ref['tg_tok_s']:>12.1f}")
print(f"{'ratio':12}{ours['pp_tok_s'] / ref['pp_tok_s']:>14.2f}{ours['tg_tok_s'] / ref['tg_tok_s']:>12.2f}")
PY
