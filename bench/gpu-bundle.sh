#!/usr/bin/env bash
# Packs what a GPU machine without Java needs to run the engine's CUDA tests and benchmarks into
# engine/target/gpu-bundle.tar.xz (about 32 MB, within the device tool's 64 MiB carry limit): a jlink-ed Java 25
# runtime, the engine's test-scope jars plus the JUnit launcher, and bench/GpuTests.java compiled (a JUnit
# launcher main). Carry it with engine/target/classes and engine/target/test-classes; docs/benchmarks.md
# ("First measurements on a GPU") has the commands to run there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME="$java_home"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
mvn -o -q -pl engine test-compile
mvn -o -q -pl engine dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
launcher=$(find ~/.m2/repository/org/junit/platform/junit-platform-launcher -name 'junit-platform-launcher-1.14.1.jar' | head -1)
[ -n "$launcher" ] || { echo "junit-platform-launcher 1.14.1 is not in ~/.m2" >&2; exit 1; }
mkdir -p "$work/bundle/lib" "$work/bundle/gpuh"
# The class path file has no final newline: without "|| [ -n ... ]" the last jar (slf4j-simple, so every log
# line of the engine) was left out.
tr ':' '\n' < "$work/cp.txt" | while read -r jar || [ -n "$jar" ]; do cp "$jar" "$work/bundle/lib/"; done
cp "$launcher" "$work/bundle/lib/"
"$java_home/bin/javac" -cp "$(ls "$work"/bundle/lib/*.jar | tr '\n' ':')" -d "$work/bundle/gpuh" bench/GpuTests.java
"$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.incubator.vector,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$work/bundle/jre" 2>/dev/null
tar cJf engine/target/gpu-bundle.tar.xz -C "$work" bundle
ls -la engine/target/gpu-bundle.tar.xz
