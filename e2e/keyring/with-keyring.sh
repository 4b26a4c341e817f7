#!/bin/sh
# Runs a command inside a private D-Bus session that has a gnome-keyring, so
# the keyring tests talk to a real Secret Service even on a machine without
# a desktop (no DISPLAY needed). The keyring lives in a temporary folder and
# disappears with the session; the user's own keyring is never touched.
#
#   sh e2e/keyring/with-keyring.sh npx vitest run electron/auth/keyring-store
#   sh e2e/keyring/with-keyring.sh --locked COMMAND...   (a locked keyring)
#
# Needs the Debian packages gnome-keyring, dbus-x11 (or another D-Bus session
# bus) and libsecret-tools (secret-tool, used by the tests).
set -eu

# Starts gnome-keyring in the foreground of this session, so it can be
# stopped by pid at the end (a daemon left behind would outlive the bus).
# Its files and control socket stay in the temporary folder, not in
# ~/.local/share/keyrings or ~/.cache. With `unlock`, it creates the
# "login" keyring, unlocked, with the password read on stdin; an empty
# password creates nothing (that would need a prompt, and there is no
# display), so a throwaway one is used.
start_keyring() {
  if [ "$2" = "unlock" ]; then
    printf '%s' 'codex-accounts-test' |
      XDG_DATA_HOME="$data" XDG_RUNTIME_DIR="$1" gnome-keyring-daemon \
        --foreground --unlock --components=secrets >/dev/null 2>&1 &
  else
    XDG_DATA_HOME="$data" XDG_RUNTIME_DIR="$1" gnome-keyring-daemon \
      --foreground --components=secrets </dev/null >/dev/null 2>&1 &
  fi
  keyring_pid=$!
  wait_for_secret_service
}

# Until gnome-keyring owns its D-Bus name, a client would make D-Bus start a
# second daemon, one that knows nothing of the temporary folder.
wait_for_secret_service() {
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus \
    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
    string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      echo "with-keyring.sh: gnome-keyring did not start" >&2
      exit 1
    fi
    sleep 0.05
  done
}

stop_keyring() {
  kill "$keyring_pid" 2>/dev/null || true
  wait "$keyring_pid" 2>/dev/null || true
}

# Inside a session started below.
if [ -n "${CODEX_ACCOUNTS_KEYRING_PHASE:-}" ]; then
  data=$CODEX_ACCOUNTS_KEYRING_DATA
  phase=$CODEX_ACCOUNTS_KEYRING_PHASE
  unset CODEX_ACCOUNTS_KEYRING_DATA CODEX_ACCOUNTS_KEYRING_PHASE

  case "$phase" in
    create)
      start_keyring "$data/first" unlock
      stop_keyring
      exit 0
      ;;
    locked)
      # The keyring made in a session of its own is opened without its
      # password: it stays locked, and unlocking needs a prompt, which
      # fails without a display, as when a user dismisses it.
      start_keyring "$data" keep-locked
      ;;
    *)
      start_keyring "$data" unlock
      # The tests that write to a keyring run only when this is set, so a
      # developer's own keyring is never written to or asked to unlock.
      export CODEX_ACCOUNTS_PRIVATE_KEYRING=1
      ;;
  esac

  set +e
  "$@"
  status=$?
  stop_keyring
  exit "$status"
fi

phase=unlocked
if [ "${1:-}" = "--locked" ]; then
  phase=locked
  shift
fi

for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring.sh: $tool is missing; install gnome-keyring," \
      "dbus-x11 and libsecret-tools" >&2
    exit 127
  fi
done

data=$(mktemp -d)
export CODEX_ACCOUNTS_KEYRING_DATA="$data"
set +e
if [ "$phase" = "locked" ]; then
  mkdir "$data/first"
  CODEX_ACCOUNTS_KEYRING_PHASE=create dbus-run-session -- sh "$0"
fi
CODEX_ACCOUNTS_KEYRING_PHASE=$phase dbus-run-session -- sh "$0" "$@"
status=$?
set -e

rm -rf "$data"
exit "$status"
