#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: sets up everything first, then lint (ruff),
# the layer contracts (import-linter), pytest, and the clock-sensitive tests again with the
# machine's date moved years ahead and behind (libfaketime).
#
#   bash scripts/test.sh            everything CI must prove
#   bash scripts/test.sh --fast     the edit loop: lint, contracts and every test not marked slow
#   bash scripts/test.sh ARGS…      lint, contracts, then pytest ARGS… (e.g. -k issue)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
PY=.venv/bin/python

.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache

if [ "${1:-}" = "--fast" ]; then
    shift
    exec "$PY" -m pytest -m "not slow and not benchmark" "$@"
fi
if [ $# -gt 0 ]; then
    exec "$PY" -m pytest "$@"
fi

"$PY" -m pytest
# The same signing, issuing and numbering tests with the computer's clock three years ahead
# and one year behind: nothing in the core may read the calendar except app/clock.py.
# (tests/shifted_clock/sitecustomize.py works around a libfaketime sleep bug; see there.)
for shift in "+3y" "-1y"; do
    echo "== saat kaydırılmış: faketime $shift =="
    PYTHONPATH="$PWD/tests/shifted_clock${PYTHONPATH:+:$PYTHONPATH}" FAKETIME_DONT_FAKE_MONOTONIC=1 \
        faketime -f "$shift" "$PY" -m pytest -q -p no:cacheprovider -m "not slow" \
        -k "sign or issue or numbering or clock" tests/unit tests/integration
done
