#!/usr/bin/env bash
# `npm ci` in the folder given, tried again a few times: it fails at once when the registry or the
# npm cache is busy (a parallel CI job), and a fresh machine should not fail on that.
set -euo pipefail
if ! command -v npm >/dev/null 2>&1; then
  # A fresh Debian machine (`make serve` needs the web editor's packages): Debian's Node.js.
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installerar nodejs och npm med apt-get" >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq nodejs npm >/dev/null
fi
cd "$1"
for attempt in 1 2 3 4; do
  npm ci --no-audit --no-fund --loglevel=error && exit 0
  echo "npm ci i $1 misslyckades (försök $attempt av 4); försöker igen om $((attempt * 15)) s" >&2
  sleep $((attempt * 15))
done
exit 1
