#!/usr/bin/env bash
# Linux tarball around the frozen bundle: the bundle, a desktop entry, the icon and per-user
# install/uninstall scripts. Usage: package.sh DIST/tezgah VERSION → DIST/tezgah-VERSION-linux-ARCH.tar.gz
# (AppImage tooling is not available on the build machine; the tarball needs nothing but tar.)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUNDLE=$(cd "$1" && pwd)
VERSION=$2
ARCH=$(uname -m)
NAME=tezgah-$VERSION-linux-$ARCH
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir "$STAGE/$NAME"
cp -a "$BUNDLE" "$STAGE/$NAME/tezgah"
cp installer/linux/tezgah.desktop installer/linux/install.sh installer/linux/uninstall.sh \
   "$STAGE/$NAME/"
cp resources/icons/app.svg "$STAGE/$NAME/tezgah.svg"
cat > "$STAGE/$NAME/BENIOKU.txt" <<TXT
Tezgâh $VERSION — Linux ($ARCH)

Kurulum:   ./install.sh     (yönetici yetkisi gerekmez; ~/.local altına kurar)
Başlatma:  uygulama menüsünde "Tezgâh" ya da komut satırında: tezgah
Denemek:   tezgah demo      (deneme şirketi, TEST imzası; GİB'e hiçbir şey gitmez)
Kaldırma:  ~/.local/opt/tezgah/uninstall.sh   (verileriniz silinmez)

Akıllı kart (mali mühür / e-imza) sürücüsü bu pakette yoktur: kartınızın üreticisinin
Linux sürücüsünü kurun (ör. AKİS için libakisp11.so). Tezgâh onu bilinen yerlerde bulur;
bulamazsa Ayarlar > İmza'dan dosyasını seçebilirsiniz.
TXT
chmod +x "$STAGE/$NAME/install.sh" "$STAGE/$NAME/uninstall.sh"
OUT=$(dirname "$BUNDLE")/$NAME.tar.gz
tar -C "$STAGE" -czf "$OUT" "$NAME"
echo "$OUT"
