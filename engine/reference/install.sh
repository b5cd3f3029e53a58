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

if installed; then
  echo "llama.cpp reference already installed in $(pwd)/node_modules"
  exit 0
fi
# SKIP_DOWNLOAD: never fetch or build llama.cpp sources; --omit=optional keeps the large GPU prebuilt
# packages out (the CPU one is a direct dependency).
NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --omit=optional --no-audit --no-fund --no-save
installed || { echo "install.sh: node-llama-cpp did not install as pinned" >&2; exit 1; }
echo "llama.cpp reference installed in $(pwd)/node_modules"
