#!/usr/bin/env bash
# Identity latency through the HTTP API on the embedded default (issue 11): the passkey login ceremony, passkey-approved
# votes on fresh proposals, and what the bearer token check adds to a read and a command. One client, sequential;
# p50/p99/mean per round and the median and spread across rounds.
# Usage: bench/passkey-latency.sh [--rounds 5] [--iterations 80] [--warmup 20] [--members 8]
#          [--check-iterations 1000] [--set property=value ...]
set -euo pipefail
exec "$(dirname "$0")/run.sh" io.custody.infra.bench.PasskeyLatencyBenchmark "$@"
