#!/usr/bin/env bash
# Starts Tezgâh on its embedded defaults. With a screen: the desktop window (on a fresh data
# folder, the first-start wizard with "try it first" demo mode pre-selected). Without one
# (a server, CI): the command-line demo — demo company, TEST-signed invoices sent to the
# local GİB test simulator. Extra arguments (e.g. --data-dir DIR) are passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$(uname)" = "Darwin" ] || [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec .venv/bin/tezgah gui "$@"
fi
echo "Ekran bulunamadı; masaüstü penceresi yerine komut satırı demosu çalışıyor." >&2
exec .venv/bin/tezgah "$@" demo
