#!/usr/bin/env bash
# Makes sure LibreOffice Calc (Debian's package) is installed, for the XLSX test that opens our files in a
# real spreadsheet program (XlsxLibreOfficeTest). Called by .ci/run before the build, and by that test when
# `soffice` is missing. Prints where it is. Needs root and the Debian package mirror; idempotent.
#
# Measured on this machine (2 cores): 65 s the first time (/usr/lib/libreoffice: 211 MB), instant after.
set -euo pipefail

if command -v soffice >/dev/null 2>&1; then
  echo "== LibreOffice: $(command -v soffice)"
  exit 0
fi
echo "== LibreOffice is missing; installing libreoffice-calc (Debian)"
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
# The lists may be old or absent on a new machine; one update, then the install without recommends
# (no desktop, no Java bridge: the headless converter only).
apt-get update -qq
apt-get install -y -qq --no-install-recommends libreoffice-calc libreoffice-core >/dev/null
echo "== LibreOffice installed in $(( $(date +%s) - start )) s: $(command -v soffice)"
