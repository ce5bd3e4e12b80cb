#!/usr/bin/env bash
# Install the Debian packages a target needs, only when missing and only when root.
# Usage: install-system-packages.sh weasyprint|test|venv
set -euo pipefail

case "${1:-}" in
  # poppler-utils: the document tests read the PDFs back with pdftotext (make check too).
  weasyprint) wanted=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core gettext poppler-utils) ;;
  test) wanted=(postgresql redis-server chromium poppler-utils gettext) ;;
  venv) wanted=(python3-venv) ;;  # Debian splits venv's pip bootstrap out of python3
  *) echo "usage: $0 weasyprint|test|venv" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
