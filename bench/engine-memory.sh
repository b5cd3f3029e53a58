#!/usr/bin/env bash
# Usage: bench/engine-memory.sh MODEL.gguf [THREADS] [PROMPT_TOKENS] [GEN_TOKENS]
# Peak resident memory of `docswarm engine bench` on MODEL against issue 3's goal: the file's size plus the
# KV cache (as `docswarm engine info` reports it for the default context) plus 300 MiB. Prints one line per
# quantity and, last, a JSON object. Needs GNU time (/usr/bin/time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:?usage: bench/engine-memory.sh MODEL.gguf [THREADS] [PROMPT_TOKENS] [GEN_TOKENS]}"
threads="${2:-$(nproc)}"
prompt="${3:-128}"
gen="${4:-32}"
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install -y time" >&2; exit 1; }

file_bytes=$(stat -c %s "$model")
# "context: 4096 (trained ...), KV cache 64 MiB F32"
kv_mib=$("$root/bin/docswarm" engine info "$model" 2>/dev/null | sed -n 's/.*KV cache \([0-9.]*\) MiB.*/\1/p' | head -n 1)
[ -n "$kv_mib" ] || { echo "could not read the KV cache size from 'docswarm engine info'" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
/usr/bin/time -f '%M' -o "$log" "$root/bin/docswarm" engine bench "$model" --threads "$threads" \
    --prompt-tokens "$prompt" --gen-tokens "$gen" >/dev/null 2>&1
peak_kib=$(tail -n 1 "$log")

python3 - "$file_bytes" "$kv_mib" "$peak_kib" "$model" <<'PY'
import json, sys
file_mib = int(sys.argv[1]) / 2**20
kv_mib = float(sys.argv[2])
peak_mib = int(sys.argv[3]) / 1024
goal = file_mib + kv_mib + 300
print(f"model      {sys.argv[4]}")
print(f"file       {file_mib:10.1f} MiB")
print(f"KV cache   {kv_mib:10.1f} MiB")
print(f"goal       {goal:10.1f} MiB (file + KV cache + 300 MiB)")
print(f"peak RSS   {peak_mib:10.1f} MiB ({'within' if peak_mib <= goal else 'over'} the goal by {abs(goal - peak_mib):.1f} MiB)")
print(json.dumps({"file_mib": round(file_mib, 1), "kv_mib": kv_mib, "goal_mib": round(goal, 1),
                  "peak_rss_mib": round(peak_mib, 1), "within_goal": peak_mib <= goal}))
PY
