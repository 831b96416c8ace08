#!/usr/bin/env bash
# Wallet creation through the HTTP API on the embedded default: throughput and p50/p99 latency.
# Usage: bench/wallet-creation.sh [--concurrency 16] [--requests 1000] [--rounds 5] [--warmup 300] [--url URL]
#          [--set property=value ...]
set -euo pipefail
exec "$(dirname "$0")/run.sh" io.custody.infra.bench.WalletCreationBenchmark "$@"
