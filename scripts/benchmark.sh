#!/usr/bin/env bash
# Runs every benchmark and prints the figures (see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest tests/benchmarks --benchmark-only --benchmark-columns=min,median,mean,max,rounds -p no:randomly "$@"
