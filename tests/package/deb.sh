#!/usr/bin/env bash
# Installs the .deb that `tauri build` made, launches the installed binary under Xvfb and drives it
# through WebDriver (first screen, one instance only, window size and place kept), then uninstalls
# it. Needs root (dpkg) and a D-Bus session (scripts/with-keyring.sh), as a desktop has.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"

install_deb "$(newest_deb)"
"$app" --version
dpkg -L "$package" | grep -q '\.desktop$' || { echo "the package has no desktop entry" >&2; exit 1; }

start_driver
(cd "$here/../e2e" && node --test installed.test.mjs)

$sudo dpkg -r "$package" >/dev/null
[ ! -e "$app" ] || { echo "uninstalling left $app behind" >&2; exit 1; }
echo "installed, launched and uninstalled $package"
