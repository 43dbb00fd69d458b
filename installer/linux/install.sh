#!/bin/sh
# Tezgâh'ı bu kullanıcı için kurar (yönetici yetkisi gerekmez):
#   program     ~/.local/opt/tezgah
#   menü girdisi ~/.local/share/applications/tezgah.desktop, simge ~/.local/share/icons
#   komut       ~/.local/bin/tezgah
# Yeni sürümü kurmak için aynı komutu yeniden çalıştırın; verileriniz (faturalar, ayarlar:
# ~/.local/share/Tezgah) olduğu yerde kalır.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${TEZGAH_PREFIX:-$HOME/.local}
OPT=$PREFIX/opt/tezgah
[ -x "$HERE/tezgah/tezgah" ] || { echo "Hata: $HERE/tezgah/tezgah bulunamadı; paketi tam açın." >&2; exit 1; }
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$PREFIX/share/applications" \
         "$PREFIX/share/icons/hicolor/scalable/apps"
# a new version replaces the old one as a whole: copy beside it, then swap
rm -rf "$OPT.new"
cp -a "$HERE/tezgah" "$OPT.new"
rm -rf "$OPT.old"
[ -d "$OPT" ] && mv "$OPT" "$OPT.old"
mv "$OPT.new" "$OPT"
rm -rf "$OPT.old"
cp "$HERE/tezgah.svg" "$PREFIX/share/icons/hicolor/scalable/apps/tezgah.svg"
sed "s|@EXEC@|$OPT/tezgah|" "$HERE/tezgah.desktop" > "$PREFIX/share/applications/tezgah.desktop"
cp "$HERE/uninstall.sh" "$OPT/uninstall.sh"
ln -sf "$OPT/tezgah" "$PREFIX/bin/tezgah"
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
echo "Tezgâh kuruldu: $OPT"
echo "Uygulama menüsünde 'Tezgâh' olarak ya da komut satırında 'tezgah' ile başlatabilirsiniz."
echo "Kaldırmak için: $OPT/uninstall.sh (verileriniz silinmez)."
