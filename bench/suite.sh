#!/usr/bin/env bash
# The headline benchmarks side by side in one run on one embedded PostgreSQL: the storage floor (pgbench single-row
# inserts at 16 and 1 clients), the stack floor (requests that stop before any command), wallet creation, proposals
# and approvals over 32 wallets, one long-lived wallet stage by stage, then the floor again; ends with the tables of
# docs/benchmarks.md.
# Usage: bench/suite.sh [--concurrency 16] [--floor-seconds 15] [--creation-requests 2000] [--creation-rounds 5]
#          [--creation-warmup 3000] [--wallets 32] [--requests 400] [--rounds 5] [--stages 10] [--stage-size 1000]
#          [--only floor,stack,creation,proposals,stream] [--votes approve|reject] [--windows <file>]
#          [--set property=value ...]
# JFR=/tmp/suite.jfr bench/suite.sh ... records a flight recording; summarise it with bench/profile-summary.sh.
set -euo pipefail
exec "$(dirname "$0")/run.sh" io.custody.infra.bench.BenchmarkSuite "$@"
