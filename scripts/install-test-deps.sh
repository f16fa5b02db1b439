#!/usr/bin/env bash
# Installs the system packages the tests use, where missing. Needs root (as CI and the dev machines run);
# elsewhere it only reports what is missing.
set -euo pipefail
missing=()
# Packages are added here as tests start to need them (PostgreSQL server, Chromium).
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages (install them as root): ${missing[*]}"
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
