#!/usr/bin/env bash
# Builds and opens Tracker Desk, installing what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/trackerdesk-target}"
scripts/setup.sh
cargo build -p tracker-desk
exec "$CARGO_TARGET_DIR/debug/tracker-desk" "$@"
