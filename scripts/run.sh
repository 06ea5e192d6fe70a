#!/usr/bin/env bash
# Builds and opens Tracker Desk, installing what it needs first. With no CallRail connection saved,
# the first screen offers "Explore with demo data" on the built-in CallRail simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/trackerdesk-target}"
scripts/setup.sh
(cd ui && npm ci --no-audit --no-fund && npm run build)
cargo build -p tracker-desk
exec "$CARGO_TARGET_DIR/debug/tracker-desk" "$@"
