#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring: a real Secret
# Service, as Linux desktops have, kept in a throwaway folder so the user's own keyring is untouched.
set -euo pipefail
if [ -z "${TRACKERDESK_KEYRING_SESSION:-}" ]; then
  export TRACKERDESK_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
printf 'trackerdesk-test' | XDG_DATA_HOME="$keyring_home" \
  gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
