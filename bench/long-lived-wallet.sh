#!/usr/bin/env bash
# Proposals and signed approvals on ONE wallet, stage after stage, so that a fall with the wallet's stream length shows.
# Usage: bench/long-lived-wallet.sh [--stages 10] [--stage-size 1000] [--concurrency 16] [--warmup 400]
#          [--votes approve|reject] [--set property=value ...]
set -euo pipefail
exec "$(dirname "$0")/run.sh" io.custody.infra.bench.LongLivedWalletBenchmark "$@"
