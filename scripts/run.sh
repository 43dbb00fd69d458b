#!/usr/bin/env bash
# Starts Tezgâh on its embedded defaults (demo company, test certificate, local GİB simulator).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/tezgah gui "$@"
