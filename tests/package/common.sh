# Shared by the installer tests (sourced): a scratch folder cleaned up on exit, a virtual display,
# tauri-driver for the installed app, and installing and removing the .deb. Needs root (dpkg).
export PATH="$HOME/.cargo/bin:$PATH"
# The app turns WebKit's compositing off to save memory (src-tauri/src/webview.rs); WebKitWebDriver's
# screenshots stall without it, so the runs that take screenshots keep it on. tests/footprint.sh
# measures the app as it ships.
export WEBKIT_DISABLE_COMPOSITING_MODE=0
target="${CARGO_TARGET_DIR:?set CARGO_TARGET_DIR}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

work=$(mktemp -d)
pids=()
package=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$package" ] || $sudo dpkg -r "$package" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The newest .deb that `tauri build` made.
newest_deb() { ls -t "$target"/release/bundle/deb/*.deb | head -n 1; }

# Installs the .deb; sets `package` (so it is removed on exit) and `app` (the installed program).
install_deb() {
  package=$(dpkg-deb -f "$1" Package)
  echo "installing $(basename "$1") ($(du -h "$1" | cut -f1))"
  $sudo dpkg -i "$1" >/dev/null
  app=$(dpkg -L "$package" | grep -E '^/usr/bin/' | head -n 1)
  [ -x "$app" ] || { echo "the package installed no program in /usr/bin" >&2; exit 1; }
}

# A virtual display (unless there is one) and tauri-driver for the installed app, with fresh data
# folders; the WebDriver tests find both through E2E_* variables.
start_driver() {
  if [ -z "${DISPLAY:-}" ]; then
    export DISPLAY=:96
    Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    pids+=($!)
    sleep 1
  fi
  export E2E_DRIVER_PORT=$(free_port)
  export E2E_APP="$app"
  export E2E_SCREENSHOTS="${E2E_SCREENSHOTS:-$here/../e2e/screenshots}"
  export E2E_DATA_HOME="$work/data" E2E_CONFIG_HOME="$work/config"
  mkdir -p "$E2E_SCREENSHOTS"
  XDG_DATA_HOME="$E2E_DATA_HOME" XDG_CONFIG_HOME="$E2E_CONFIG_HOME" \
    tauri-driver --port "$E2E_DRIVER_PORT" > "$work/driver.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$E2E_DRIVER_PORT") 2>/dev/null && break; sleep 0.1; done
  (cd "$here/../e2e" && npm ci --no-audit --no-fund >/dev/null)
}
