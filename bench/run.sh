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
jvm_options=()
if [[ -n "${JFR:-}" ]]; then
  jvm_options+=("-XX:StartFlightRecording=filename=${JFR},settings=profile,dumponexit=true"
                "-XX:FlightRecorderOptions=stackdepth=256")
fi
exec java "${jvm_options[@]}" -cp "infra/target/test-classes:infra/target/classes:$(cat "$classpath_file")" \
  "$main" "$@"
