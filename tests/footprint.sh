#!/usr/bin/env bash
# The footprint benchmark: the release app and command line, measured as a new user meets them.
# Prints the start-up time and memory of the window (tests/e2e/footprint.mjs), the .deb's size, and
# listing every tracker of a 10,000-tracker company with the command line set side by side, in the
# same run, with a raw parallel fetch of the same pages (curl, 8 at a time) and with a Python client
# that reads one page at a time, at 0 and 200 ms per request. It prints figures and fails only on a
# gross regression. Reuses the release build the installer test made; builds it when missing.
# Run inside scripts/with-keyring.sh (the window keeps its key in the Secret Service).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target="${CARGO_TARGET_DIR:?set CARGO_TARGET_DIR}"
app="$target/release/tracker-desk"
export PATH="$HOME/.cargo/bin:$PATH"

if ! ls "$target"/release/bundle/deb/*.deb >/dev/null 2>&1; then
  (cd "$root/ui" && npm run tauri -- build --bundles deb)
fi
cargo build --release --locked -p trackerdesk-cli -p callrail-sim
cli="$target/release/trackerdesk"
simbin="$target/release/callrail-sim"
deb=$(ls -t "$target"/release/bundle/deb/*.deb | head -n1)

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
key="footprint-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"

# A simulator with no rate limit, `$1` ms per answer, and the rest of the arguments (10,000
# trackers in its first company unless told); its address in `sim_url`. Not run in a subshell, so
# that its pid reaches `pids` and the cleanup.
start_sim() {
  local port latency=$1; shift
  port=$(free_port)
  [ $# -gt 0 ] || set -- --trackers 10000
  "$simbin" --listen "127.0.0.1:$port" --api-key "$key" "$@" \
    --rate-limit-per-hour 0 --rate-limit-per-day 0 ${latency:+--latency-ms "$latency"} > "$work/sim-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do grep -q "listening on" "$work/sim-$port.log" && break; sleep 0.1; done
  sim_url="http://127.0.0.1:$port"
}

echo "footprint: .deb $(stat -c %s "$deb") bytes ($(basename "$deb"), the newest built); binary $(stat -c %s "$app") bytes"

# The window.
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 161 220); do [ -e "/tmp/.X$n-lock" ] || break; done
  export DISPLAY=":$n"
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
fi
# One window run: a new app (data of its own) on the simulator at `$1`, through a tauri-driver of
# its own; the rest are footprint.mjs's settings (FOOTPRINT_TRACKERS=… and so on).
window_run() {
  local base=$1 name=$2; shift 2
  local driver_port; driver_port=$(free_port)
  TRACKERDESK_API_BASE="$base" XDG_DATA_HOME="$work/data-$name" XDG_CONFIG_HOME="$work/config-$name" \
    tauri-driver --port "$driver_port" --native-port "$(free_port)" > "$work/driver-$name.log" 2>&1 &
  local driver=$!
  pids+=($driver)
  for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$driver_port") 2>/dev/null && break; sleep 0.1; done
  (cd "$root/tests/e2e" && env "$@" FOOTPRINT_APP="$app" FOOTPRINT_API_KEY="$key" FOOTPRINT_DRIVER_PORT="$driver_port" \
    node footprint.mjs) || { echo "--- tauri-driver log"; tail -n 40 "$work/driver-$name.log"; exit 1; }
  kill "$driver" 2>/dev/null || true
}
(cd "$root/tests/e2e" && npm ci --no-audit --no-fund >/dev/null)
# FOOTPRINT_ONLY=ten|fifty|soak|list runs one part alone (while working on it).
part() { [ -z "${FOOTPRINT_ONLY:-}" ] || [ "$FOOTPRINT_ONLY" = "$1" ]; }
# The first screen, and a company of 10,000 trackers.
if part ten; then
  start_sim ""
  window_run "$sim_url" ten FOOTPRINT_WELCOME=1 FOOTPRINT_TRACKERS=10000
fi
# A company of 50,000.
if part fifty; then
  start_sim "" --trackers 50000
  window_run "$sim_url" fifty FOOTPRINT_TRACKERS=50000
fi
# A franchise: 50,000 trackers over 40 locations, used round after round.
if part soak; then
  start_sim "" --trackers 50000 --companies 40
  window_run "$sim_url" soak FOOTPRINT_TRACKERS=1 FOOTPRINT_ROUNDS="${FOOTPRINT_SOAK_ROUNDS:-12}"
fi

# The engine's own floor, side by side: WebKitGTK's MiniBrowser on a blank page, same display and
# settings. What the window holds above it is the app's; what is below it no app can shed.
minibrowser=$(ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser 2>/dev/null | head -n1 || true)
if [ -n "$minibrowser" ]; then
  WEBKIT_DISABLE_COMPOSITING_MODE=1 "$minibrowser" about:blank >/dev/null 2>&1 &
  mb=$!
  pids+=($mb)
  sleep 6
  pss() { awk '/^Pss:/ {s+=$2} END {print int(s/1024)}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
  mb_ui=$(pss "$mb")
  kids=$(pgrep -P "$mb" || true)
  mb_web=0; mb_net=0
  for k in $kids; do
    case "$(cat "/proc/$k/comm" 2>/dev/null)" in
      WebKitWebProces*) mb_web=$((mb_web + $(pss "$k"))) ;;
      WebKitNetworkPr*) mb_net=$((mb_net + $(pss "$k"))) ;;
    esac
  done
  echo "footprint: WebKitGTK's floor, MiniBrowser on a blank page: $((mb_ui + mb_web + mb_net)) MiB PSS (browser $mb_ui, web process $mb_web, network process $mb_net)"
  kill "$mb" 2>/dev/null || true
else
  echo "footprint: WebKitGTK's MiniBrowser is not installed here; the engine's floor is not measured"
fi

part list || exit 0
# List-all, side by side.
ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
status=0
for latency in 0 200; do
  start_sim "$latency"
  base=$sim_url
  company=$(curl -s -H "Authorization: Token token=\"$key\"" "$base/v3/a.json" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accounts"][0]["id"])')
  account=$company
  company=$(curl -s -H "Authorization: Token token=\"$key\"" "$base/v3/a/$account/companies.json" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["companies"][0]["id"])')
  pages=$(curl -s -H "Authorization: Token token=\"$key\"" "$base/v3/a/$account/trackers.json?company_id=$company&per_page=250" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total_pages"])')
  urls="$work/urls-$latency"
  : > "$urls"
  for p in $(seq "$pages"); do echo "url = \"$base/v3/a/$account/trackers.json?company_id=$company&per_page=250&page=$p\"" >> "$urls"; echo "output = /dev/null" >> "$urls"; done
  cat > "$work/pager.py" <<'PY'
import json, sys, urllib.request
base, account, company, key = sys.argv[1:5]
page, n = 1, 0
while True:
    req = urllib.request.Request(f"{base}/v3/a/{account}/trackers.json?company_id={company}&per_page=250&page={page}",
                                 headers={"Authorization": f'Token token="{key}"'})
    body = json.load(urllib.request.urlopen(req))
    n += len(body["trackers"])
    if page >= body["total_pages"]:
        break
    page += 1
assert n > 10_000, n
PY
  cli_t=(); curl_t=(); py_t=()
  runs=5; [ "$latency" -eq 0 ] || runs=3
  for _ in $(seq "$runs"); do
    t=$(ms); CALLRAIL_API_KEY="$key" TRACKERDESK_QUOTA_PER_HOUR=1000000 TRACKERDESK_QUOTA_PER_DAY=1000000 \
      XDG_DATA_HOME="$work/cli-data" "$cli" --api-base "$base" --account "$account" --json 2>/dev/null \
      trackers list --company "$company" --status active --all > "$work/cli.json"; cli_t+=($(( $(ms) - t )))
    t=$(ms); curl -s -S --no-progress-meter --parallel --parallel-max 8 -H "Authorization: Token token=\"$key\"" -K "$urls"; curl_t+=($(( $(ms) - t )))
    t=$(ms); python3 "$work/pager.py" "$base" "$account" "$company" "$key"; py_t+=($(( $(ms) - t )))
  done
  c=$(printf '%s\n' "${cli_t[@]}" | median); r=$(printf '%s\n' "${curl_t[@]}" | median); p=$(printf '%s\n' "${py_t[@]}" | median)
  n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/cli.json")
  echo "footprint: list every tracker ($n, $pages pages) at $latency ms a request, median of $runs: command line $c ms;" \
    "curl --parallel (8) $r ms; Python, a page at a time, $p ms;" \
    "command line / curl $(python3 -c "print(f'{$c/$r:.2f}')")x, Python / command line $(python3 -c "print(f'{$p/$c:.2f}')")x"
  # Gross regressions only.
  if python3 -c "import sys; sys.exit(0 if $c > 4 * $r + 200 else 1)"; then
    echo "footprint: listing is grossly slower than the raw fetch"; status=1
  fi
done
exit $status
