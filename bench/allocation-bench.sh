#!/usr/bin/env bash
# Times the grounded drafter's once-per-job text work on generated sources (seeded, the same text every run):
# ranking (sentence split + TextRank) and the allocation of sentences to a report's sections, for 100,000, 300,000
# and 1,000,000 characters and 10, 50 and 100 sections, then a whole job at the limits (1,000,000 characters,
# 100 deliverables x 100 sections, every section part drafted). Prints the median of the timed runs after warm-up.
# Usage: bench/allocation-bench.sh [OUTDIR] [WARMUPS] [RUNS] [JOB_RUNS]
# With PROFILE=1 the JVM also records a JFR execution-sample profile and the script prints the top frames.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
# One reactor build: the classpath then points at this checkout's modules, never at installed copies.
mvn -q -B -o -DskipTests package dependency:build-classpath -pl agents -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt" >/dev/null
cp="agents/target/classes:agents/target/test-classes:$(cat "$out/classpath.txt")"
jfr=()
if [[ "${PROFILE:-0}" == 1 ]]; then
  jfr=(-XX:StartFlightRecording=filename="$out/allocation.jfr",settings=profile)
fi
"$JAVA_HOME/bin/java" -Xmx3g "${jfr[@]}" -cp "$cp" io.docswarm.agents.draft.AllocationBench \
  "${2:-2}" "${3:-5}" "${4:-3}"
if [[ "${PROFILE:-0}" == 1 ]]; then
  # The top frame of every execution sample, counted: where the CPU time went.
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample "$out/allocation.jfr" \
    | grep -A1 "stackTrace = \[" | grep -v -e "stackTrace = \[" -e "^--" \
    | sed -e 's/^\s*//' -e 's/line:.*//' | sort | uniq -c | sort -rn | head -25
fi
