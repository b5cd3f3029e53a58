#!/usr/bin/env bash
# Installs the llama.cpp reference (node-llama-cpp's prebuilt CPU library) into engine/reference/node_modules.
# Idempotent: does nothing when the pinned versions are already installed. Tests that compare against
# llama.cpp skip themselves when node_modules is absent.
set -euo pipefail
cd "$(dirname "$0")"

installed() {
  node -e '
    const want = require("./package.json").dependencies;
    for (const [name, version] of Object.entries(want)) {
      const got = require("./node_modules/" + name + "/package.json").version;
      if (got !== version) process.exit(1);
    }' 2>/dev/null
}

# The comparison tests preload no-amx.so into llama.cpp (see no-amx.c; it matters on CPUs with AMX): build it where a C
# compiler is. Cheap, so built every time; missing only matters on an AMX machine, and then the tests say so.
if command -v cc >/dev/null 2>&1 && [[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]]; then
  cc -shared -fPIC -O2 -Wall -o no-amx.so no-amx.c -ldl
elif grep -qw amx_tile /proc/cpuinfo 2>/dev/null; then
  echo "install.sh: this CPU has AMX but there is no C compiler to build no-amx.so; llama.cpp comparisons of" \
    "DeepSeek-V2 Q8_0 models will fail (install gcc)" >&2
fi

if installed; then
  echo "llama.cpp reference already installed in $(pwd)/node_modules"
  exit 0
fi
# SKIP_DOWNLOAD: never fetch or build llama.cpp sources; --omit=optional keeps the large GPU prebuilt
# packages out (the CPU one is a direct dependency).
NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --omit=optional --no-audit --no-fund --no-save
installed || { echo "install.sh: node-llama-cpp did not install as pinned" >&2; exit 1; }
echo "llama.cpp reference installed in $(pwd)/node_modules"
