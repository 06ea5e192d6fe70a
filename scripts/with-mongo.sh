#!/usr/bin/env bash
# Runs a command with a MongoDB-wire-compatible server on loopback for the team store: SecantusDB
# (installed by scripts/setup-tests.sh), started empty, stopped after. The command finds it in MONGODB_URI;
# tests that stop and restart a server start their own with TRACKERDESK_SECANTUSD.
set -euo pipefail
secantusd="${TRACKERDESK_SECANTUSD:-$HOME/.cache/trackerdesk-tools/secantus-0.7.0b3/bin/secantusd-py}"
[ -x "$secantusd" ] || { echo "no MongoDB surrogate at $secantusd: run scripts/setup.sh" >&2; exit 1; }
export TRACKERDESK_SECANTUSD="$secantusd"
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$secantusd" --host 127.0.0.1 --port "$port" --storage-path "$data/db" --log-level WARNING > "$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do
  python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$data/log" >&2; exit 1; }
  sleep 0.1
done
export MONGODB_URI="mongodb://127.0.0.1:$port/?directConnection=true"
echo "team store surrogate (SecantusDB 0.7.0b3) at $MONGODB_URI"
"$@"
