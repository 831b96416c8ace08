#!/usr/bin/env bash
# Wallet creation through the HTTP API on the embedded default: throughput and p50/p99 latency.
# Usage: bench/wallet-creation.sh [--concurrency 16] [--requests 1000] [--rounds 5] [--warmup 300] [--url URL]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests install
./mvnw -q -B -ntp -pl infra exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.custody.infra.bench.WalletCreationBenchmark -Dexec.args="$*"
