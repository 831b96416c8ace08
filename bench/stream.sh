#!/usr/bin/env bash
# The analytics stream on the embedded default: end-to-end lag command -> Kafka (p50/p99) and replay throughput.
# Usage: bench/stream.sh [--clients 4] [--commands 2000] [--warmup 300] [--wallets 8] [--set property=value ...]
set -euo pipefail
exec "$(dirname "$0")/run.sh" io.custody.infra.bench.StreamBenchmark "$@"
