#!/usr/bin/env bash
# A/B of two builds of the packed one-token kernels in one JVM, taking turns (see KernelAB's comment).
# Usage: bench/kernel-ab.sh OLD_CLASSES NEW_CLASSES [n | memMIB] [rounds] [types...]
#   n: an n x n matrix read again and again (from the caches); memMIB, e.g. mem1024: quarters of 1,024 x 2,048
#   matrices at random from that many MiB (from memory, as decoding reads them)
#   e.g. save a build first: cp -r engine/target/classes /tmp/old-classes, change the kernels, recompile, then
#   bench/kernel-ab.sh /tmp/old-classes engine/target/classes 2048 20 Q4_K Q6_K
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ $# -ge 2 ] || { echo "usage: $0 OLD_CLASSES NEW_CLASSES [n | memMIB] [rounds] [types...]" >&2; exit 2; }
mvn -q -B -o -pl engine test-compile
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp engine/target/test-classes \
    io.docswarm.engine.quant.KernelAB "$(realpath "$1")" "$(realpath "$2")" "${@:3}"
