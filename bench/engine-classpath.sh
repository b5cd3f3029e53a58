# Sourced by the engine's bench scripts: engine_classpath prints the engine's runtime dependencies (SLF4J, JCuda)
# as a class path, resolved offline once per checkout and kept in engine/target/engine-bench.classpath.
# Needs $root (the checkout).
engine_classpath() {
    local cp_file="$root/engine/target/engine-bench.classpath"
    if [ ! -s "$cp_file" ]; then
        # The build's JVM options need Java 25 (the default JDK here is 17).
        (cd "$root" && JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" mvn -o -q -pl engine \
            dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >/dev/null)
    fi
    cat "$cp_file"
}
