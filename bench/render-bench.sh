#!/usr/bin/env bash
# Renders a ~200-page report (PDF and DOCX), a 100-slide deck and a 1,000,000-row workbook, each in its own JVM,
# and prints wall time and peak resident memory (from /usr/bin/time -v). Usage: bench/render-bench.sh [OUTDIR]
. "$(dirname "${BASH_SOURCE[0]}")/module-classpath.sh" "${1:-}"
cp="$(module_classpath renderers)"
for kind in report deck workbook; do
  /usr/bin/time -v "$JAVA_HOME/bin/java" -Xmx3g -cp "$cp" io.docswarm.renderers.RenderBench "$kind" "$out" \
    2> "$out/$kind.time" | grep "^$kind:"
  grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$out/$kind.time" | sed 's/^\s*/  /'
done
ls -la "$out"
