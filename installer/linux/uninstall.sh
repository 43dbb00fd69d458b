#!/bin/sh
# Tezgâh'ı bu kullanıcıdan kaldırır. Verileriniz (faturalar, imzalı belgeler, ayarlar) silinmez:
# ~/.local/share/Tezgah klasöründe kalır; on yıl saklama yükümlülüğü sizindir.
set -eu
PREFIX=${TEZGAH_PREFIX:-$HOME/.local}
rm -f "$PREFIX/share/applications/tezgah.desktop" \
      "$PREFIX/share/icons/hicolor/scalable/apps/tezgah.svg"
if [ "$(readlink "$PREFIX/bin/tezgah" 2>/dev/null)" = "$PREFIX/opt/tezgah/tezgah" ]; then
    rm -f "$PREFIX/bin/tezgah"
fi
rm -rf "$PREFIX/opt/tezgah"
echo "Tezgâh kaldırıldı. Verileriniz yerinde duruyor: ${XDG_DATA_HOME:-$HOME/.local/share}/Tezgah"
