#!/usr/bin/env bash
# Installs what Tracker Desk needs to be built and opened on Debian or Ubuntu, once: the system
# packages of Tauri's WebKitGTK shell and of the OS keyring. The test tools are installed by
# scripts/setup-tests.sh, which the test command runs.
set -euo pipefail

packages=(
  # Tauri's WebKitGTK shell
  build-essential file pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
  # the OS keyring (the Secret Service over D-Bus)
  libdbus-1-dev
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "Rust is needed: install it from rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ and npm are needed" >&2; exit 1; }
