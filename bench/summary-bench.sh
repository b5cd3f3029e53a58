#!/usr/bin/env bash
# Times the analysis of a large data table: DataSummary.of (dimensions, level times, ratio detection, breakdowns),
# then the summary table, the facts and the workbook layout, on seeded generated daily sales (12 columns, then 30).
# Prints the median of the timed runs after warm-up and how each column was read.
# Usage: bench/summary-bench.sh [OUTDIR] [ROWS] [WARMUPS] [RUNS]
. "$(dirname "${BASH_SOURCE[0]}")/module-classpath.sh" "${1:-}"
cp="$(module_classpath agents)"
"$JAVA_HOME/bin/java" -Xmx4g -cp "$cp" io.docswarm.agents.analysis.SummaryBench "${2:-200000}" "${3:-1}" "${4:-3}"
