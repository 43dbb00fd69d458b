#!/usr/bin/env bash
# Tezgâh's macOS disk image: signs Tezgah.app (when an identity is given), puts it beside an
# /Applications link in a compressed .dmg, signs the .dmg and has it notarised and stapled
# (when credentials are given). Called by installer/build.sh on macOS:
#
#   bash installer/macos/make_dmg.sh dist/Tezgah.app dist/Tezgah-VERSION.dmg
#
# Environment (all optional; without them the .dmg is built unsigned and says so):
#   TEZGAH_MAC_IDENTITY   codesign identity, e.g. "Developer ID Application: NAME (TEAMID)",
#                         already in the keychain
#   notarisation, one of:
#     TEZGAH_NOTARY_PROFILE                  a keychain profile made with
#                                            'xcrun notarytool store-credentials'
#     TEZGAH_NOTARY_KEY, TEZGAH_NOTARY_KEY_ID, TEZGAH_NOTARY_ISSUER
#                                            App Store Connect API key (.p8 path, key id, issuer id)
#     TEZGAH_NOTARY_APPLE_ID, TEZGAH_NOTARY_TEAM_ID, TEZGAH_NOTARY_PASSWORD
#                                            Apple ID with an app-specific password
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ENTITLEMENTS=$HERE/entitlements.plist
say() { echo "== $*" >&2; }
fail() { echo "make_dmg.sh: $*" >&2; exit 1; }

[ $# -eq 2 ] || fail "usage: make_dmg.sh APP DMG"
APP=${1%/}
DMG=$2
[ -d "$APP" ] || fail "$APP is not an application bundle (run installer/build.sh first)"
[ "$(uname)" = "Darwin" ] || fail "hdiutil, codesign and notarytool exist only on macOS"
for tool in hdiutil codesign xcrun ditto; do
    command -v "$tool" >/dev/null || fail "$tool not found (install Xcode's command line tools)"
done

IDENTITY=${TEZGAH_MAC_IDENTITY:-}
notary_args=()
if [ -n "${TEZGAH_NOTARY_PROFILE:-}" ]; then
    notary_args=(--keychain-profile "$TEZGAH_NOTARY_PROFILE")
elif [ -n "${TEZGAH_NOTARY_KEY:-}" ]; then
    [ -n "${TEZGAH_NOTARY_KEY_ID:-}" ] && [ -n "${TEZGAH_NOTARY_ISSUER:-}" ] \
        || fail "TEZGAH_NOTARY_KEY needs TEZGAH_NOTARY_KEY_ID and TEZGAH_NOTARY_ISSUER"
    notary_args=(--key "$TEZGAH_NOTARY_KEY" --key-id "$TEZGAH_NOTARY_KEY_ID"
                 --issuer "$TEZGAH_NOTARY_ISSUER")
elif [ -n "${TEZGAH_NOTARY_APPLE_ID:-}" ]; then
    [ -n "${TEZGAH_NOTARY_TEAM_ID:-}" ] && [ -n "${TEZGAH_NOTARY_PASSWORD:-}" ] \
        || fail "TEZGAH_NOTARY_APPLE_ID needs TEZGAH_NOTARY_TEAM_ID and TEZGAH_NOTARY_PASSWORD"
    notary_args=(--apple-id "$TEZGAH_NOTARY_APPLE_ID" --team-id "$TEZGAH_NOTARY_TEAM_ID"
                 --password "$TEZGAH_NOTARY_PASSWORD")
fi
if [ ${#notary_args[@]} -gt 0 ] && [ -z "$IDENTITY" ]; then
    fail "notarisation credentials are set but TEZGAH_MAC_IDENTITY is not: Apple notarises only signed apps"
fi

# 1. Sign the application: every Mach-O inside (--deep), hardened runtime (--options runtime,
#    required for notarisation) with the exceptions of entitlements.plist, secure timestamp.
if [ -n "$IDENTITY" ]; then
    say "codesign: $IDENTITY"
    codesign --deep --force --options runtime --timestamp \
        --entitlements "$ENTITLEMENTS" --sign "$IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
else
    say "TEZGAH_MAC_IDENTITY not set: Tezgah.app is NOT signed (PyInstaller's ad-hoc signature only)."
    say "Gatekeeper will refuse it on other Macs unless the user allows it in System Settings."
fi

# 2. The disk image: the app and a link to /Applications to drag it onto.
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
ditto "$APP" "$STAGE/$(basename "$APP")"   # keeps symlinks, extended attributes and signatures
ln -s /Applications "$STAGE/Applications"
mkdir -p "$(dirname "$DMG")"
rm -f "$DMG"
say "hdiutil: $DMG"
hdiutil create -volname "Tezgâh" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG" >/dev/null

# 3. Sign the disk image itself (notarytool wants the outermost container signed).
if [ -n "$IDENTITY" ]; then
    codesign --force --timestamp --sign "$IDENTITY" "$DMG"
fi

# 4. Notarise and staple.
if [ ${#notary_args[@]} -gt 0 ]; then
    say "notarytool submit --wait (this takes minutes)"
    out=$(xcrun notarytool submit "$DMG" "${notary_args[@]}" --wait 2>&1) || {
        echo "$out" >&2
        fail "notarytool submit failed"
    }
    echo "$out" >&2
    if ! grep -q "status: Accepted" <<<"$out"; then
        id=$(sed -n 's/^ *id: *//p' <<<"$out" | head -n1)
        [ -n "$id" ] && xcrun notarytool log "$id" "${notary_args[@]}" >&2 || true
        fail "Apple did not accept the disk image (see the log above)"
    fi
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
else
    say "no notarisation credentials (TEZGAH_NOTARY_PROFILE / _KEY / _APPLE_ID): not notarised."
fi
echo "$DMG"
