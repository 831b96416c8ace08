#!/usr/bin/env bash
# Withdrawal proposals and signed approvals through the HTTP API on the embedded default: throughput and p50/p99.
# Usage: bench/proposals-approvals.sh [--concurrency 16] [--requests 400] [--rounds 5] [--wallets 32]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests install
./mvnw -q -B -ntp -pl infra exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.custody.infra.bench.ProposalApprovalBenchmark -Dexec.args="$*"
