#!/usr/bin/env bash
# Single-row INSERT transactions per second on the application's embedded PostgreSQL, with its durability settings
# (pgbench when installed, otherwise a JDBC loop, which the output names).
# Usage: bench/storage-floor.sh [--clients 16,1] [--seconds 15]
set -euo pipefail
exec "$(dirname "$0")/run.sh" io.custody.infra.bench.StorageFloorBenchmark "$@"
