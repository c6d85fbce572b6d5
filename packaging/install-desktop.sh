#!/usr/bin/env bash
# Register DocScan with the desktop for the current user (no root): a launcher in the applications menu,
# the icon, and "Open with DocScan" for PDFs and images in file managers.
#   packaging/install-desktop.sh [BUNDLE_DIR]   (default: dist/DocScan)
#   packaging/install-desktop.sh --uninstall
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$apps/docscan.desktop" "$icons/docscan.svg"
else
  bundle="$(cd "${1:-$here/dist/DocScan}" && pwd)"
  [ -x "$bundle/DocScan" ] || { echo "no DocScan executable in $bundle (run make package first)" >&2; exit 1; }
  mkdir -p "$apps" "$icons"
  cp "$here/resources/icons/docscan.svg" "$icons/docscan.svg"
  sed "s|^Exec=DocScan %F|Exec=\"$bundle/DocScan\" %F|" "$here/resources/docscan.desktop" > "$apps/docscan.desktop"
  chmod 644 "$apps/docscan.desktop"
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "${icons%/scalable/apps}" || true
echo "done: $apps/docscan.desktop"
