#!/usr/bin/env bash
# Runs every check and test of Tracker Desk, installing what it needs first: the UI's type check and
# Vitest tests, the workflows' linters, formatting, lints, the Rust tests (simulator over loopback,
# real Secret Service, the team store on a MongoDB surrogate), the end-to-end run of the real window under Xvfb, and the installers and the
# updater, installed here; last, the footprint benchmark (memory, start-up, installer size, list-all).
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds go outside the checkout so a fresh clone does not rebuild Tauri from scratch.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/trackerdesk-target}"
export CARGO_TERM_COLOR=never

scripts/setup-tests.sh

echo "== ui: install, type check, build, tests"
(cd ui && npm ci --no-audit --no-fund && npm run build && npm test)
echo "== workflows: actionlint (with shellcheck) and zizmor"
(PATH="$HOME/.cache/trackerdesk-tools/bin:$PATH" && actionlint && zizmor --offline --quiet .github/workflows)
echo "== format"
cargo fmt --all --check
echo "== lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p tracker-desk --all-targets --locked --features updater -- -D warnings
echo "== rust tests (bindings, client, simulator, core, command line)"
scripts/with-keyring.sh cargo test --workspace --locked
echo "== team store: the MongoDB suites on a surrogate server (two desks, the store stopped and back)"
scripts/with-mongo.sh scripts/with-keyring.sh cargo test --locked -p journal -p trackerdesk-cli \
  --test journal --test cli -- --ignored mongodb team::
echo "== end to end: the real window"
cargo build --locked -p tracker-desk -p callrail-sim -p trackerdesk-cli
scripts/with-mongo.sh scripts/with-keyring.sh tests/e2e/run.sh
echo "== installers: .deb and .rpm built; the .deb installed, launched, relaunched and uninstalled"
(cd ui && npm run tauri -- build --bundles deb,rpm)
scripts/with-keyring.sh tests/package/deb.sh
echo "== updates: the installed app refuses badly signed updates, installs a genuine one and relaunches"
tests/package/update.sh
echo "== footprint: memory, start-up, installer size and list-all (a benchmark: figures; it fails only on a gross regression)"
scripts/with-keyring.sh tests/footprint.sh
