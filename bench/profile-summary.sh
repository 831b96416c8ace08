#!/usr/bin/env bash
# Summarises a flight recording of a benchmark run (JFR=<file> bench/suite.sh ...): CPU samples by thread group, by
# what they were inside of (JSON, signature checks, Axon, JDBC, projections, ...), top packages and frames, and what
# the command and event-processor threads waited for (connection, aggregate lock, PostgreSQL).
# Usage: bench/profile-summary.sh <file.jfr> [--from <instant> --to <instant>] [--windows <file> --label <prefix>]
#          [--top 15]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f infra/target/bench.classpath ]] || { echo "run a benchmark through bench/run.sh first" >&2; exit 1; }
exec java -cp "infra/target/test-classes:infra/target/classes:$(cat infra/target/bench.classpath)" \
  io.custody.infra.bench.JfrSummary "$@"
