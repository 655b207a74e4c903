#!/usr/bin/env bash
# Measures LLM reviewer throughput against the fake OpenAI-compatible server (tests/Shipwise.FakeLlm)
# answering in 500 ms: 64 reviews at concurrency limits 1, 4 and 16, with the most requests the
# server saw in flight at once. No model runs; this measures our client, not a model.
# Results: docs/benchmarks.md.
#   bash bench/run-llm.sh [--reviews N] [--latency-ms MS] [--concurrency 1,4,16]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Shipwise.slnx -c Release -nologo -v quiet >/dev/null
dotnet bench/Shipwise.Bench/bin/Release/net10.0/Shipwise.Bench.dll llm-throughput "$@"
