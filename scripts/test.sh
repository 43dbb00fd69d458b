#!/usr/bin/env bash
# Runs the whole test suite (lint included) from a fresh clone: sets up everything first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
