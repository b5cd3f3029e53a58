#!/usr/bin/env bash
# Times the analysis of a large data table: DataSummary.of (dimensions, level times, ratio detection, breakdowns),
# then the summary table, the facts and the workbook layout, on seeded generated daily sales (12 columns, then 30).
# Prints the median of the timed runs after warm-up and how each column was read.
# Usage: bench/summary-bench.sh [OUTDIR] [ROWS] [WARMUPS] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
. "$root/bench/module-classpath.sh"
cp="$(module_classpath agents "$out")"
"$JAVA_HOME/bin/java" -Xmx4g -cp "$cp" io.docswarm.agents.analysis.SummaryBench "${2:-200000}" "${3:-1}" "${4:-3}"
