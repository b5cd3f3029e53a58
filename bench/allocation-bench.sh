#!/usr/bin/env bash
# Times the grounded drafter's once-per-job text work on generated sources (seeded, the same text every run):
# ranking (sentence split + TextRank) and the allocation of sentences to a report's sections, for 100,000, 300,000
# and 1,000,000 characters and 10, 50 and 100 sections, then a whole job at the limits (1,000,000 characters,
# 100 deliverables x 100 sections, every section part drafted). Prints the median of the timed runs after warm-up
# and a digest of the results, so runs of two versions of the code can be compared.
# Usage: bench/allocation-bench.sh [OUTDIR] [WARMUPS] [RUNS] [JOB_RUNS] [shuffled|planned]
# With PROFILE=1 the JVM also records a JFR execution-sample profile and the script prints the top frames.
. "$(dirname "${BASH_SOURCE[0]}")/module-classpath.sh" "${1:-}"
cp="$(module_classpath agents)"
jfr=()
if [[ "${PROFILE:-0}" == 1 ]]; then
  jfr=(-XX:StartFlightRecording=filename="$out/allocation.jfr",settings=profile)
fi
"$JAVA_HOME/bin/java" -Xmx3g "${jfr[@]}" -cp "$cp" io.docswarm.agents.draft.AllocationBench \
  "${2:-2}" "${3:-5}" "${4:-3}" "${5:-shuffled}"
if [[ "${PROFILE:-0}" == 1 ]]; then
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$out/allocation.jfr" > "$out/samples.txt"
  # Each sample's top frame, and its first frame in Docswarm's code (which of our lines the time is spent under).
  for which in top own; do
    echo "samples by $which frame:"
    awk -v which="$which" '
      /stackTrace = \[/ { top = 1; own = 1; next }
      /line:/ {
        frame = $0; line = match(frame, /line: [0-9]+/) ? substr(frame, RSTART + 6, RLENGTH - 6) : "?"
        sub(/^[ \t]+/, "", frame); sub(/\(.*/, "", frame); frame = frame ":" line
        if (which == "top" && top) { print frame }
        if (which == "own" && own && frame ~ /^io\.docswarm/) { print frame; own = 0 }
        top = 0
      }' "$out/samples.txt" | sort | uniq -c | sort -rn | head -20
  done
fi
