#!/usr/bin/env bash
# Renders a ~200-page report (PDF and DOCX), a 100-slide deck and a 1,000,000-row workbook, each in its own JVM,
# and prints wall time and peak resident memory (from /usr/bin/time -v). Usage: bench/render-bench.sh [OUTDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
. "$root/bench/module-classpath.sh"
cp="$(module_classpath renderers "$out")"
for kind in report deck workbook; do
  /usr/bin/time -v "$JAVA_HOME/bin/java" -Xmx3g -cp "$cp" io.docswarm.renderers.RenderBench "$kind" "$out" \
    2> "$out/$kind.time" | grep "^$kind:"
  grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$out/$kind.time" | sed 's/^\s*/  /'
done
ls -la "$out"
