#!/usr/bin/env bash
# Installs the Debian packages ImageMap builds against, if any is missing:
# libpng (PNG), TurboJPEG and libjpeg-turbo (JPEG), libdeflate (fast PNG), pkg-config, and
# marble-qt-data (the NASA rasters of the built-in catalog, examples/catalog; 34 MB, public domain).
# Extra package names given as arguments are installed too (scripts/test adds what only the
# tests use).
# Usage: scripts/install-dependencies.sh [PACKAGE...]   (run by scripts/imagemap and scripts/test)
set -euo pipefail

packages=(libpng-dev libjpeg62-turbo-dev libturbojpeg0-dev libdeflate-dev libisal-dev pkg-config marble-qt-data "$@")
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "imagemap: installing ${missing[*]} (apt-get)" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "imagemap: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "imagemap: swift is not on PATH; install Swift 6.1 or later (swift.org) and try again" >&2; exit 1; }
