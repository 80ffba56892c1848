#!/usr/bin/env bash
# Debian packages the test suite needs beyond Node: Chromium for the web components' browser
# tests (no test tool may download its own browser) and the PostgreSQL server the backend's
# tests also run against. Idempotent: installs only what is missing. Needs root (CI is root).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-system-deps: missing Debian packages: ${missing[*]} (run as root: apt-get install -y ${missing[*]})" >&2
  exit 1
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
