#!/usr/bin/env bash
# Runs every check and test of Tracker Desk, installing what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds go outside the checkout so a fresh clone does not rebuild Tauri from scratch.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/trackerdesk-target}"
export CARGO_TERM_COLOR=never

scripts/setup.sh

echo "== format"
cargo fmt --all --check
echo "== lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== tests"
cargo test --workspace --locked 2>&1 | tee "${TMPDIR:-/tmp}/trackerdesk-test.log"
# The totals across every test binary, as one line.
awk '/^test result:/ { p += $4; f += $6; i += $8 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, i }' \
  "${TMPDIR:-/tmp}/trackerdesk-test.log"
