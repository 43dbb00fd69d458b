#!/usr/bin/env bash
# Builds Tezgâh's desktop bundle with PyInstaller (onedir) on Linux or macOS:
#
#   bash installer/build.sh            → dist/tezgah/tezgah (+ Linux tarball / macOS .app and .dmg)
#
# Steps: take GİB's rule packages (TEZGAH_GIB_PACKAGES=DIR, else ../shared/gib beside a
# checkout, else GİB's download addresses), check them with Tezgâh's own installer, build the
# wheel carrying them, install it into a clean build environment (build/bundle-venv) with
# PyInstaller, freeze installer/tezgah.spec, then package for the platform. Windows has its
# own script (installer/windows/build.ps1). Set-up of Debian packages: scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-python3}
BUILD=$ROOT/build
VENV=$BUILD/bundle-venv
DIST=$ROOT/dist
PYINSTALLER_VERSION=${TEZGAH_PYINSTALLER:-6.22.3}
VERSION=$("$PY" -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
started=$(date +%s)
say() { echo "== $*" >&2; }

# 1. GİB's rule packages the bundle carries (never committed to the repository).
GIB=$BUILD/gib-packages
rm -rf "$GIB" && mkdir -p "$GIB"
if [ -n "${TEZGAH_GIB_PACKAGES:-}" ]; then
    src=$TEZGAH_GIB_PACKAGES
elif [ -f "$ROOT/../shared/gib/e-FaturaPaketi.zip" ]; then
    src=$ROOT/../shared/gib
else
    src=""
fi
if [ -n "$src" ]; then
    say "GİB kural paketleri: $src"
    cp "$src/UBL-TR1.2.1_Paketi.zip" "$src/e-FaturaPaketi.zip" "$GIB/"
else
    say "GİB kural paketleri GİB'den indiriliyor"
    for z in UBL-TR1.2.1_Paketi.zip e-FaturaPaketi.zip; do
        curl -fsSL --max-time 300 -o "$GIB/$z" "https://ebelge.gib.gov.tr/dosyalar/kilavuzlar/$z"
    done
fi

# 2. A clean build environment with the wheel (carrying resources and GİB's packages).
if [ ! -x "$VENV/bin/python" ]; then
    say "derleme ortamı: $VENV"
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
fi
rm -rf "$BUILD/wheel" "$BUILD/lib" "$BUILD/bdist."*
say "wheel"
TEZGAH_BUNDLE_GIB_DIR=$GIB "$VENV/bin/python" -m pip wheel -q --no-deps -w "$BUILD/wheel" .
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "$BUILD"/wheel/tezgah-*.whl
"$VENV/bin/python" -m pip install -q "$BUILD"/wheel/tezgah-*.whl "pyinstaller==$PYINSTALLER_VERSION"
# The packages must be GİB's and complete: Tezgâh's own installer checks them.
check_dir=$(mktemp -d)
"$VENV/bin/tezgah" --data-dir "$check_dir" rules install --from "$GIB" >/dev/null
rm -rf "$check_dir"

# 3. Freeze (from outside the checkout, so nothing of it can be picked up by accident).
say "PyInstaller $PYINSTALLER_VERSION"
ICON=""
if [ "$(uname)" = "Darwin" ]; then
    "$VENV/bin/python" -m pip install -q pillow
    ICON=$BUILD/icon/tezgah.png
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" installer/icon.py resources/icons/app.svg "$ICON"
fi
rm -rf "$DIST/tezgah" "$DIST/Tezgah.app"
(cd "$BUILD" && TEZGAH_ICON=$ICON TEZGAH_VERSION=$VERSION "$VENV/bin/pyinstaller" --noconfirm \
    --log-level WARN --distpath "$DIST" --workpath "$BUILD/pyinstaller" "$ROOT/installer/tezgah.spec")
test -x "$DIST/tezgah/tezgah"

# 4. Package.
if [ "$(uname)" = "Darwin" ]; then
    bash installer/macos/make_dmg.sh "$DIST/Tezgah.app" "$DIST/Tezgah-$VERSION.dmg"
else
    bash installer/linux/package.sh "$DIST/tezgah" "$VERSION"
fi
say "bitti: $(du -sh "$DIST/tezgah" | cut -f1) dist/tezgah, $(( $(date +%s) - started )) s"
