#!/usr/bin/env bash
# Inspects the release .deb that `./x package` builds (Tauri's bundler) the way dpkg will see it:
# its control fields (-I), its files (-c: the binary, the icons, the desktop entry), and the
# desktop entry itself, extracted: the x-scheme-handler MimeTypes for tel:, callto: and sip:
# links and an Exec line that takes the link (%u). Usage: tests/package/check-deb.sh [FILE.deb]
set -euo pipefail
cd "$(dirname "$0")/../.."

deb=${1:-$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)}
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "no .deb under target/release/bundle/deb/: build it with ./x package" >&2
  exit 1
fi
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

echo "Checking $deb"
info=$(dpkg-deb -I "$deb")
field() { printf '%s\n' "$info" | sed -n "s/^ $1: //p"; }
[ "$(field Package)" = "callpad" ] && pass "Package: callpad" || fail "Package is '$(field Package)', not callpad"
version=$(sed -n 's/^ *"version": "\(.*\)",/\1/p' src-tauri/tauri.conf.json | head -1)
[ "$(field Version)" = "$version" ] && pass "Version: $version (tauri.conf.json)" || fail "Version is '$(field Version)', tauri.conf.json says $version"
depends=$(field Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 xdg-utils; do
  [[ $depends == *"$dep"* ]] && pass "Depends on $dep" || fail "Depends ($depends) lacks $dep"
done

# Paths as dpkg-deb lists them, with or without a leading "./" (Tauri's bundler writes none).
files=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||')
has() { printf '%s\n' "$files" | grep -qx "$1"; }
for path in usr/bin/callpad-app usr/share/applications/Callpad.desktop \
  usr/share/icons/hicolor/32x32/apps/callpad-app.png \
  usr/share/icons/hicolor/128x128/apps/callpad-app.png \
  usr/share/icons/hicolor/256x256@2/apps/callpad-app.png; do
  has "$path" && pass "contains $path" || fail "does not contain $path"
done
dpkg-deb -c "$deb" | grep -E ' (\./)?usr/bin/callpad-app$' | grep -q '^-rwxr-xr-x' &&
  pass "the binary is executable" || fail "usr/bin/callpad-app is not mode 755"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
entry="$root/usr/share/applications/Callpad.desktop"
if [ -f "$entry" ]; then
  mime=$(sed -n 's/^MimeType=//p' "$entry")
  [ "$mime" = "x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;" ] &&
    pass "MimeType=$mime" || fail "MimeType is '$mime'"
  exec_line=$(sed -n 's/^Exec=//p' "$entry")
  [ "$exec_line" = "callpad-app %u" ] && pass "Exec=$exec_line" || fail "Exec is '$exec_line', not 'callpad-app %u'"
  grep -qx 'Icon=callpad-app' "$entry" && pass "Icon=callpad-app" || fail "Icon is not callpad-app"
  if command -v desktop-file-validate >/dev/null; then
    out=$(desktop-file-validate "$entry" 2>&1) && pass "desktop-file-validate" || fail "desktop-file-validate: $out"
  fi
else
  fail "no desktop entry to read"
fi
bin="$root/usr/bin/callpad-app"
if [ -x "$bin" ]; then
  file -b "$bin" | grep -q '^ELF 64-bit LSB pie executable' && pass "the binary is an ELF executable" ||
    fail "usr/bin/callpad-app is $(file -b "$bin")"
  missing=$(ldd "$bin" | grep 'not found' || true)
  [ -z "$missing" ] && pass "every library the binary needs is installed" || fail "missing libraries: $missing"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) of $deb failed" >&2
  exit 1
fi
echo "The .deb is complete: $deb"
