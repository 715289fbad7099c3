#!/bin/sh
# Runs a command with a real, unlocked Secret Service (gnome-keyring) in a private D-Bus session
# and a throwaway HOME, so keychain tests never touch the user's own keyring.
# Without dbus-run-session or gnome-keyring-daemon the command runs as is (keychain tests then
# use the in-memory store and say so).
set -e
if [ -n "$TIMBRE_IN_TEST_KEYRING" ]; then
  # Inside the private session: start an unlocked keyring, run, then stop the daemon we started.
  mkdir -p "$HOME/.cache" "$HOME/.local/share/keyrings"
  before=$(pgrep -x gnome-keyring-d || true)
  eval "$(printf '%s' test | gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"
  after=$(pgrep -x gnome-keyring-d || true)
  started=$(for pid in $after; do echo "$before" | grep -qx "$pid" || echo "$pid"; done)
  status=0
  "$@" || status=$?
  [ -n "$started" ] && kill $started 2>/dev/null || true
  exit $status
fi
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  home=$(mktemp -d)
  status=0
  HOME="$home" TIMBRE_IN_TEST_KEYRING=1 npm_config_cache="${npm_config_cache:-$HOME/.npm}" \
    dbus-run-session -- "$0" "$@" || status=$?
  rm -rf "$home"
  exit $status
fi
echo "with-test-keyring: no dbus-run-session/gnome-keyring-daemon; running without a Secret Service" >&2
exec "$@"
