#!/usr/bin/env bash
# Conformance: SignalWire's own code judges the practice space. The official Python SDK
# (signalwire-sdk, pinned) drives it over loopback — dial, end, update, errors, pagination, lookup,
# numbers, voice logs — and every status webhook it sends is checked by the official
# `validateRequest` of @signalwire/web-api (npm, pinned) against the URL the receiver actually got.
# Both are installed into a throwaway folder; nothing is left behind. Needs python3 (with venv),
# node/npm and network access to PyPI and npm. Run from anywhere: tests/conformance/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY_SDK_VERSION=3.7.5
JS_WEB_API_VERSION=3.1.7

WORK=$(mktemp -d)
SPACE_PID=""
RECEIVER_PID=""
cleanup() {
  [ -n "$SPACE_PID" ] && kill "$SPACE_PID" 2>/dev/null || true
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "installing signalwire-sdk==$PY_SDK_VERSION and @signalwire/web-api@$JS_WEB_API_VERSION into $WORK"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "signalwire-sdk==$PY_SDK_VERSION"
(cd "$WORK" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "@signalwire/web-api@$JS_WEB_API_VERSION" >/dev/null)

(cd "$ROOT" && cargo build --quiet -p callpad-cli)
"$ROOT/target/debug/callpad" practice-space --bind 127.0.0.1:0 --speed 20 >"$WORK/space.out" 2>"$WORK/space.err" &
SPACE_PID=$!
for _ in $(seq 100); do grep -q '^listening on' "$WORK/space.out" 2>/dev/null && break; sleep 0.1; done
SPACE_URL=$(sed -n 's/^listening on //p' "$WORK/space.out")
[ -n "$SPACE_URL" ] || { echo "the practice space did not start"; cat "$WORK/space.err"; exit 1; }

cp "$HERE/receiver.js" "$WORK/receiver.js"
(cd "$WORK" && node receiver.js PSKpractice-signing-key >"$WORK/receiver.out" 2>"$WORK/receiver.err") &
RECEIVER_PID=$!
for _ in $(seq 100); do grep -q '^listening on' "$WORK/receiver.out" 2>/dev/null && break; sleep 0.1; done
RECEIVER_URL=$(sed -n 's/^listening on //p' "$WORK/receiver.out")
[ -n "$RECEIVER_URL" ] || { echo "the webhook receiver did not start"; cat "$WORK/receiver.err"; exit 1; }

echo "practice space $SPACE_URL, webhook receiver $RECEIVER_URL"
"$WORK/venv/bin/python" "$HERE/drive.py" "$SPACE_URL" "$RECEIVER_URL"
