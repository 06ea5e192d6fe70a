#!/usr/bin/env bash
# The updater, end to end. Builds the .deb as the release workflow does (the `updater` feature and
# tauri.release.conf.json), but with a signing key made for this test and the update feed on
# loopback; installs it; then the installed app finds a newer version, refuses a download signed with
# another key and an older release announced as newer, installs the genuine one with dpkg and
# relaunches. Needs root (dpkg; the updater itself goes through pkexec or sudo).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
ui="$here/../../ui"

# Kept between runs, so the app (whose feed address and public key are built in) is not rebuilt.
keys="${XDG_CACHE_HOME:-$HOME/.cache}/trackerdesk-updater-test"
feed_port=47391
mkdir -p "$keys"
for name in release stranger; do
  [ -s "$keys/$name.key" ] || (cd "$ui" && npx tauri signer generate --ci -p "" -w "$keys/$name.key" >/dev/null)
done
cat > "$keys/feed.conf.json" <<JSON
{
  "plugins": {
    "updater": {
      "pubkey": "$(cat "$keys/release.key.pub")",
      "endpoints": ["http://127.0.0.1:$feed_port/latest.json"],
      "dangerousInsecureTransportProtocol": true
    }
  }
}
JSON

echo "== building the .deb with the updater"
(cd "$ui" && TAURI_SIGNING_PRIVATE_KEY="$(cat "$keys/release.key")" TAURI_SIGNING_PRIVATE_KEY_PASSWORD="" \
  npm run tauri -- build --bundles deb --features updater \
  --config ../tauri.release.conf.json --config "$keys/feed.conf.json")
deb=$(newest_deb)

# The feed: this package as the next version, signed three ways.
feed="$work/feed"
mkdir -p "$feed" "$work/unpacked"
current=$(dpkg-deb -f "$deb" Version)
next=$(python3 -c "import sys; v=sys.argv[1].split('.'); v[-1]=str(int(v[-1])+1); print('.'.join(v))" "$current")
dpkg-deb -R "$deb" "$work/unpacked"
sed -i "s/^Version: .*/Version: $next/" "$work/unpacked/DEBIAN/control"
dpkg-deb --root-owner-group -b "$work/unpacked" "$feed/next.deb" >/dev/null
cp "$deb" "$feed/current.deb"
sign() { # key, version the signature vouches for, file -> the signature's text
  (cd "$ui" && npx tauri signer sign -f "$keys/$1.key" -p "" --app-version "$2" "$3" >/dev/null)
  cat "$3.sig"
}
export FEED_DIR="$feed" FEED_URL="http://127.0.0.1:$feed_port" CURRENT_VERSION="$current" NEXT_VERSION="$next"
export SIG_STRANGER=$(sign stranger "$next" "$feed/next.deb")
export SIG_OLD_RELEASE=$(sign release "$current" "$feed/current.deb")
export SIG_GENUINE=$(sign release "$next" "$feed/next.deb")
python3 -m http.server "$feed_port" --bind 127.0.0.1 --directory "$feed" > "$work/feed.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$feed_port") 2>/dev/null && break; sleep 0.1; done
kill -0 "${pids[-1]}" 2>/dev/null || { echo "the feed could not listen on port $feed_port:" >&2; cat "$work/feed.log" >&2; exit 1; }

install_deb "$deb"
start_driver
status=0
(cd "$here/../e2e" && node --test --test-concurrency=1 update.test.mjs) || status=$?
pkill -f "^$app" 2>/dev/null || true
if [ $status -ne 0 ]; then
  echo "--- feed requests"; tail -n 20 "$work/feed.log"
  echo "--- tauri-driver log"; tail -n 40 "$work/driver.log"
  exit $status
fi
echo "the installed $current found $next, refused two bad downloads, installed $next and relaunched"
