#!/usr/bin/env bash
# Installs what the browser and HTML tests need on a fresh Debian machine:
# Debian's chromium (never Playwright's own download), a Java runtime for the Nu HTML Checker,
# and the pinned npm packages axe-core and vnu-jar.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing with apt-get: ${need_apt[*]}"
  # Another install (a parallel CI job, unattended upgrades) may hold the dpkg lock: wait for it.
  LOCK_WAIT=(-o DPkg::Lock::Timeout=600)
  $SUDO apt-get "${LOCK_WAIT[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${LOCK_WAIT[@]}" install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -f tests/browser/node_modules/.installed ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.installed ]; then
  bash scripts/npm-ci.sh tests/browser
  touch tests/browser/node_modules/.installed
fi
