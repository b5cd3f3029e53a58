# Sourced by the benches that run a module's test classes (render-bench.sh, allocation-bench.sh):
# module_classpath MODULE OUTDIR builds the module and what it uses in one offline reactor run, so the class path
# points at this checkout's modules and never at installed copies, and prints that class path.
# Needs $root (the checkout).
module_classpath() {
    local module="$1" out="$2"
    (cd "$root" && JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" mvn -q -B -o -DskipTests package \
        dependency:build-classpath -pl "$module" -am -Dmdep.includeScope=test \
        -Dmdep.outputFile="$out/classpath.txt" >/dev/null)
    echo "$root/$module/target/classes:$root/$module/target/test-classes:$(cat "$out/classpath.txt")"
}
