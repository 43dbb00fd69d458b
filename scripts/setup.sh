#!/usr/bin/env bash
# Creates or updates the project's virtual environment and installs what Tezgâh needs.
# Usage: scripts/setup.sh [--test]   (--test also installs the Debian packages the tests use)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1

# Debian packages: Qt's offscreen/xcb runtime libraries always; token, XML-signature,
# PDF and QR tools for the test suite.
DEB_RUNTIME="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xinerama0 softhsm2 opensc"
DEB_TEST="xmlsec1 poppler-utils zbar-tools nodejs faketime"
need=()
pkgs="$DEB_RUNTIME"
[ "$WANT_TEST" = 1 ] && pkgs="$pkgs $DEB_TEST"
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "Debian paketleri kuruluyor: ${need[*]}" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "Uyarı: şu Debian paketleri eksik, elle kurun: ${need[*]}" >&2
    fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$WANT_TEST
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    if [ "$WANT_TEST" = 1 ]; then
        .venv/bin/python -m pip install -q -e ".[test]"
    else
        .venv/bin/python -m pip install -q -e .
    fi
    rm -f .venv/.installed-*
    touch "$stamp"
fi
