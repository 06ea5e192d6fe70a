#!/usr/bin/env bash
# Installs the .deb that `tauri build` made, launches the installed binary under Xvfb and sees its
# first screen through WebDriver, then uninstalls it. Needs root (dpkg).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target="${CARGO_TARGET_DIR:?set CARGO_TARGET_DIR}"
deb=$(ls -t "$target"/release/bundle/deb/*.deb | head -n 1)
package=$(dpkg-deb -f "$deb" Package)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export PATH="$HOME/.cargo/bin:$PATH"

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  $sudo dpkg -r "$package" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "installing $(basename "$deb") ($(du -h "$deb" | cut -f1))"
$sudo dpkg -i "$deb" >/dev/null
app=$(dpkg -L "$package" | grep -E '^/usr/bin/' | head -n 1)
[ -x "$app" ] || { echo "the package installed no program in /usr/bin" >&2; exit 1; }
"$app" --version
dpkg -L "$package" | grep -q '\.desktop$' || { echo "the package has no desktop entry" >&2; exit 1; }

if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:96
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
fi
export E2E_DRIVER_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export E2E_APP="$app"
export E2E_SCREENSHOTS="${E2E_SCREENSHOTS:-$here/../e2e/screenshots}"
mkdir -p "$E2E_SCREENSHOTS"
XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" tauri-driver --port "$E2E_DRIVER_PORT" > "$work/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$E2E_DRIVER_PORT") 2>/dev/null && break; sleep 0.1; done

cd "$here/../e2e"
npm ci --no-audit --no-fund >/dev/null
node --test installed.test.mjs

$sudo dpkg -r "$package" >/dev/null
[ ! -e "$app" ] || { echo "uninstalling left $app behind" >&2; exit 1; }
echo "installed, launched and uninstalled $package"
