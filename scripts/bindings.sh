#!/usr/bin/env bash
# Regenerates ui/src/bindings.ts from the Rust commands (tauri-specta).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/trackerdesk-target}"
TRACKERDESK_WRITE_BINDINGS=1 cargo test -p tracker-desk --lib bindings_are_current
