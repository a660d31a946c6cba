#!/usr/bin/env bash
# Install what the report's browser tests need: Debian's chromium and a CJK font (without
# one, Chinese renders as boxes in the screenshots). Idempotent and quiet: does nothing when
# both are present. Needs root (CI runs as root) or sudo. The playwright Python package comes
# from the project's `test` extra; it drives this chromium, so no browser is downloaded.
set -euo pipefail

packages=(chromium fonts-wqy-microhei)
missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
echo "install-browser: installed ${missing[*]}"
