#!/usr/bin/env bash
# Creates or updates the project's virtual environment and installs what Tezgâh needs.
# Usage: scripts/setup.sh [--test]   (--test also installs the Debian packages and the Python
# extras the tests use). run.sh and test.sh share one install: after a --test install, a
# plain run does not install again (the test extras are a superset).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1

# Debian packages: Qt's offscreen/xcb runtime libraries always; token, XML-signature,
# PDF and QR tools for the test suite, and a PostgreSQL server the tests start in a temporary
# folder (tests/fixtures/postgres.py); Chromium and its driver for the phone page's browser
# tests (tests/browser/).
DEB_RUNTIME="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xinerama0 softhsm2 opensc"
DEB_TEST="xmlsec1 poppler-utils zbar-tools nodejs faketime xvfb x11-utils postgresql chromium chromium-driver"
# apt's and dpkg's lock files (an automatic update may hold them for minutes)
APT_LOCKS=${TEZGAH_APT_LOCKS:-/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock}
APT_WAIT_MAX=${TEZGAH_APT_WAIT:-1800}

apt_busy() {  # true while another process holds one of apt's/dpkg's locks
    python3 - $APT_LOCKS <<'PY'
import fcntl, os, sys
for path in sys.argv[1:]:
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        continue
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        sys.exit(0)
    finally:
        os.close(fd)
sys.exit(1)
PY
}

wait_for_apt() {
    local waited=0
    while apt_busy; do
        if [ "$waited" = 0 ]; then
            echo "Başka bir apt/dpkg işlemi sürüyor (ör. otomatik güncelleme); bitmesi bekleniyor…" >&2
        elif [ $((waited % 30)) = 0 ]; then
            echo "  … hâlâ bekleniyor (${waited} sn)" >&2
        fi
        if [ "$waited" -ge "$APT_WAIT_MAX" ]; then
            echo "apt/dpkg kilidi ${waited} saniyedir bırakılmadı; o işlem bitince yeniden deneyin." >&2
            return 1
        fi
        sleep 2
        waited=$((waited + 2))
    done
}

need=()
pkgs="$DEB_RUNTIME"
[ "$WANT_TEST" = 1 ] && pkgs="$pkgs $DEB_TEST"
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "Debian paketleri kuruluyor: ${need[*]}" >&2
        wait_for_apt
        apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
        wait_for_apt
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
            "${need[@]}" >/dev/null
        echo "Debian paketleri kuruldu." >&2
    else
        echo "Uyarı: şu Debian paketleri eksik, elle kurun: ${need[*]}" >&2
    fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "Sanal ortam oluşturuluyor: $ROOT/.venv" >&2
    "$PY" -m venv .venv
fi
# One marker per pyproject.toml: -1 = with the test extras, -0 = without. A plain run
# accepts either; --test needs -1.
hash=$(sha256sum pyproject.toml | cut -c1-16)
if [ -f ".venv/.installed-$hash-1" ] || { [ "$WANT_TEST" = 0 ] && [ -f ".venv/.installed-$hash-0" ]; }; then
    exit 0
fi
target="."
[ "$WANT_TEST" = 1 ] && target=".[test]"
log=.venv/pip-install.log
echo "Python paketleri kuruluyor ($target; ilk seferde birkaç dakika sürebilir, günlük: $ROOT/$log)…" >&2
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if ! .venv/bin/python -m pip install --progress-bar off -e "$target" 2>&1 | tee "$log" \
        | awk '/^(Collecting|Installing collected|Successfully installed)/ { print "  " $0; fflush() }' >&2; then
    echo "Python paketleri kurulamadı; son satırlar ($ROOT/$log):" >&2
    tail -n 20 "$log" >&2
    exit 1
fi
rm -f .venv/.installed-*
touch ".venv/.installed-$hash-$WANT_TEST"
echo "Kurulum tamam." >&2
