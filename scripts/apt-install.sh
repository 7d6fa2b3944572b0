#!/usr/bin/env bash
# Install Debian packages only when they are missing. With --if-missing: the set the tests need.
set -euo pipefail
if [ "${1:-}" = "--if-missing" ]; then
  set -- chromium fonts-liberation2 fonts-croscore poppler-utils
  [ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || set -- "$@" postgresql-15
fi
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Cài gói hệ thống: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
