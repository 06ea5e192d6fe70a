#!/usr/bin/env bash
# End-to-end: the real Tracker Desk window under Xvfb, driven through tauri-driver and WebKitWebDriver,
# against the CallRail simulator, with keys in a real Secret Service (scripts/with-keyring.sh).
# Expects the app and the simulator built (scripts/test.sh does that first).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target="${CARGO_TARGET_DIR:?set CARGO_TARGET_DIR}"
app="$target/debug/tracker-desk"
sim="$target/debug/callrail-sim"
# The command line, for the team store's second desk.
export E2E_CLI="$target/debug/trackerdesk"
export PATH="$HOME/.cargo/bin:$PATH"
# The app turns WebKit's compositing off to save memory (src-tauri/src/webview.rs); WebKitWebDriver's
# screenshots stall without it, so the runs that take screenshots keep it on. tests/footprint.sh
# measures the app as it ships.
export WEBKIT_DISABLE_COMPOSITING_MODE=0

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ -z "${DISPLAY:-}" ]; then
  # A display of its own, so two runs on one machine never share a screen.
  for n in $(seq 97 160); do [ -e "/tmp/.X$n-lock" ] || break; done
  export DISPLAY=":$n"
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
fi

# A key the test makes up, so it can look for it everywhere the app writes.
export E2E_API_KEY="e2e-key-$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
sim_port=$(free_port)
# 10,000 extra trackers in the first company, for the table's measurements, and 30,000 calls over
# them for Costs and usage. The first edit is answered slowly, so the test can quit while it is on its way.
"$sim" --listen "127.0.0.1:$sim_port" --api-key "$E2E_API_KEY" --trackers 10000 --calls 30000 \
  --fault put-tracker:latency=6000:once > "$work/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q "listening on" "$work/sim.log" && break; sleep 0.1; done
grep -q "listening on" "$work/sim.log" || { cat "$work/sim.log"; exit 1; }

export E2E_SIM_BASE="http://127.0.0.1:$sim_port"
export E2E_APP="$app"
export E2E_DATA_HOME="$work/data"
export E2E_SCREENSHOTS="${E2E_SCREENSHOTS:-$here/screenshots}"
mkdir -p "$E2E_DATA_HOME" "$E2E_SCREENSHOTS"

# A tauri-driver for one suite; the app inherits its environment: the data folder DATA_HOME (each
# suite is a fresh install) and the simulator as CallRail. Its port is left in $driver_port (not
# printed: a subshell would keep its pid from the cleanup).
start_driver() {
  local data_home=$1 name=$2 port
  port=$(free_port)
  driver_port=$port
  TRACKERDESK_API_BASE="$E2E_SIM_BASE" XDG_DATA_HOME="$data_home" XDG_CONFIG_HOME="$work/config-$name" \
    tauri-driver --port "$port" --native-port "$(free_port)" > "$work/driver-$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
}

cd "$here"
npm ci --no-audit --no-fund >/dev/null
status=0
start_driver "$E2E_DATA_HOME" app
export E2E_DRIVER_PORT=$driver_port
node --test --test-concurrency=1 app.test.mjs || status=$?
[ $status -eq 0 ] || { echo "--- tauri-driver log"; tail -n 40 "$work/driver-app.log"; }

mkdir -p "$work/keyboard"
start_driver "$work/keyboard" keyboard
export E2E_KEYBOARD_DRIVER_PORT=$driver_port
node --test --test-concurrency=1 keyboard.test.mjs || { status=$?; echo "--- tauri-driver log"; tail -n 40 "$work/driver-keyboard.log"; }

# A second start, on a data folder whose journal is not a database.
export E2E_BROKEN_DATA_HOME="$work/broken"
mkdir -p "$E2E_BROKEN_DATA_HOME/com.trackerdesk.app"
echo "this is not a database" > "$E2E_BROKEN_DATA_HOME/com.trackerdesk.app/journal.sqlite3"
start_driver "$E2E_BROKEN_DATA_HOME" broken
export E2E_BROKEN_DRIVER_PORT=$driver_port
node --test --test-concurrency=1 startup.test.mjs || { status=$?; echo "--- tauri-driver log"; tail -n 40 "$work/driver-broken.log"; }
exit $status
