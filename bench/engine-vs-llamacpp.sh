#!/usr/bin/env bash
# Usage: bench/engine-vs-llamacpp.sh MODEL.gguf [THREADS] [PROMPT_TOKENS] [GEN_TOKENS] [REPETITIONS] [TURNS]
# Runs the Docswarm engine and llama.cpp (node-llama-cpp's prebuilt CPU library, engine/reference) on the
# same file with the same thread count (default: all cores), a prompt of 128 random tokens and 128
# generated tokens, each after a warm-up, REPETITIONS times (default 3), and prints the median prompt and
# generation tok/s for both and the ratios.
# With TURNS > 1 (default 1) the two take turns that many times, each turn a fresh process of each, and the
# ratios compare each engine's best turn: on a shared VM a core's speed drifts over minutes, and only ever
# downwards from what the machine can do, so turns in a row see the same drift and the best of each is its
# own speed. Every turn's figures are printed too.
# Needs: Java 25 (JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64), engine built (mvn -o -q -pl engine
# compile), engine/reference/install.sh run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:?usage: bench/engine-vs-llamacpp.sh MODEL.gguf [THREADS] [PROMPT_TOKENS] [GEN_TOKENS] [REPETITIONS]}"
threads="${2:-$(nproc)}"
prompt="${3:-128}"
gen="${4:-128}"
repetitions="${5:-3}"
turns="${6:-1}"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
classes="$root/engine/target/classes"
[ -d "$classes/io/docswarm/engine" ] || { echo "build the engine first: mvn -o -q -pl engine compile" >&2; exit 1; }
[ -d "$root/engine/reference/node_modules/node-llama-cpp" ] || { echo "run engine/reference/install.sh first" >&2; exit 1; }

# The same bytes for both: read the file once so neither pays the first page-in.
cat "$model" > /dev/null

# The engine's own dependencies (SLF4J, JCuda) beside its classes.
. "$root/bench/engine-classpath.sh"
classpath="$classes:$(engine_classpath)"

results=()
for ((turn = 1; turn <= turns; turn++)); do
    ours=$("$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC \
        -cp "$classpath" io.docswarm.engine.EngineBench "$model" --threads "$threads" \
        --prompt-tokens "$prompt" --gen-tokens "$gen" --repetitions "$repetitions" 2>/dev/null | tail -n 1)
    ref=$(cd "$root/engine/reference" && node bench.mjs "$model" --threads "$threads" \
        --prompt-tokens "$prompt" --gen-tokens "$gen" --repetitions "$repetitions" | tail -n 1)
    results+=("$ours" "$ref")
done

python3 - "$model" "$threads" "${results[@]}" <<'PY'
import json, sys
model, threads, runs = sys.argv[1], sys.argv[2], [json.loads(r) for r in sys.argv[3:]]
ours_runs, ref_runs = runs[0::2], runs[1::2]
print(f"model {model}, {threads} threads, {ours_runs[0]['prompt_tokens']} prompt tokens, "
      f"{ours_runs[0]['gen_tokens']} generated")
print(f"{'':12}{'prompt tok/s':>14}{'gen tok/s':>12}")
if len(runs) > 2:
    for turn, (o, r) in enumerate(zip(ours_runs, ref_runs), 1):
        print(f"{'turn ' + str(turn):12}{o['pp_tok_s']:>8.1f} /{r['pp_tok_s']:>6.1f}{o['tg_tok_s']:>6.1f} /{r['tg_tok_s']:>6.1f}")
best = lambda rs, key: max(r[key] for r in rs)
ours = {k: best(ours_runs, k) for k in ('pp_tok_s', 'tg_tok_s')}
ref = {k: best(ref_runs, k) for k in ('pp_tok_s', 'tg_tok_s')}
label = ' (best turn)' if len(runs) > 2 else ''
print(f"{'docswarm':12}{ours['pp_tok_s']:>14.1f}{ours['tg_tok_s']:>12.1f}{label}")
print(f"{'llama.cpp':12}{ref['pp_tok_s']:>14.1f}{ref['tg_tok_s']:>12.1f}{label}")
print(f"{'ratio':12}{ours['pp_tok_s'] / ref['pp_tok_s']:>14.2f}{ours['tg_tok_s'] / ref['tg_tok_s']:>12.2f}")
PY
