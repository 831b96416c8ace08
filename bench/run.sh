#!/usr/bin/env bash
# Builds the modules the benchmarks need (without installing them into the local Maven repository, which other
# checkouts on the machine share) and runs one benchmark class from infra's test classes in a JVM of its own.
# Usage: bench/run.sh <main class> [arguments]; JFR=<file.jfr> adds a flight recording of the whole run;
# MAVEN_ARGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"; shift
classpath_file=infra/target/bench.classpath
./mvnw -q -B -ntp -DskipTests -pl infra -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file" >/dev/null
# On two cores the common pool has one thread, and the JDK then runs every asynchronous CompletableFuture stage
# without an executor on a new thread of its own; the load driver's HTTP client completes each response that way, so
# the driver started a thread per request (its CPU is in the same JVM as the application's). Two threads avoid it.
jvm_options=("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2")
if [[ -n "${JFR:-}" ]]; then
  jvm_options+=("-XX:StartFlightRecording=filename=${JFR},settings=profile,dumponexit=true"
                "-XX:FlightRecorderOptions=stackdepth=256")
fi
exec java "${jvm_options[@]}" -cp "infra/target/test-classes:infra/target/classes:$(cat "$classpath_file")" \
  "$main" "$@"
