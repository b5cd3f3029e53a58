# Sourced by the benches that run a module's test classes (render-bench.sh, allocation-bench.sh,
# summary-bench.sh) with the bench's output folder as its argument:
#   . "$(dirname "${BASH_SOURCE[0]}")/module-classpath.sh" "${1:-}"
# It sets $root (the checkout, made the working directory), $out (the folder given, else a new temporary one) and
# JAVA_HOME (Temurin 25 unless set), and defines module_classpath MODULE, which builds the module and what it uses
# in one offline reactor run, so the class path points at this checkout's modules and never at installed copies,
# and prints that class path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"

module_classpath() {
    local module="$1"
    mvn -q -B -o -DskipTests package dependency:build-classpath -pl "$module" -am -Dmdep.includeScope=test \
        -Dmdep.outputFile="$out/classpath.txt" >/dev/null
    echo "$root/$module/target/classes:$root/$module/target/test-classes:$(cat "$out/classpath.txt")"
}
