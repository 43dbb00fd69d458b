#!/usr/bin/env bash
# Starts Tezgâh on its embedded defaults. With a screen: the desktop window (on a fresh data
# folder, the first-start wizard with "try it first" demo mode pre-selected). Without one
# (a server, CI): the command-line demo — demo company, TEST-signed invoices sent to the
# local GİB test simulator — in the demo's own folder (the platform's user data dir
# "Tezgah-Demo", never the user's data folder). Extra arguments (e.g. --data-dir DIR) are
# passed on. Accepts the install scripts/test.sh made (one shared install marker).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$(uname)" = "Darwin" ] || [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec .venv/bin/tezgah gui "$@"
fi
echo "Ekran bulunamadı; masaüstü penceresi yerine komut satırı demosu çalışıyor." >&2
exec .venv/bin/tezgah "$@" demo
