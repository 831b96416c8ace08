#!/usr/bin/env bash
# Withdrawal proposals and signed approvals through the HTTP API on the embedded default: throughput and p50/p99.
# Usage: bench/proposals-approvals.sh [--concurrency 16] [--requests 400] [--rounds 5] [--wallets 32]
#          [--set property=value ...]
set -euo pipefail
exec "$(dirname "$0")/run.sh" io.custody.infra.bench.ProposalApprovalBenchmark "$@"
