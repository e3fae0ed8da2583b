#!/bin/sh
# Installs the Debian packages named as arguments that are not installed yet,
# as root or through sudo. Does nothing (and needs no network) when all are there.
set -eu
# The names installed packages provide ("Provides:"), one per line: a machine
# with NodeSource's nodejs has npm inside it, and that nodejs conflicts with
# Debian's npm, so asking apt for npm there would fail or replace nodejs.
provided=$(dpkg-query -W -f='${Status}|${Provides}\n' 2>/dev/null |
    sed -n 's/^install ok installed|//p' | tr ',' '\n' | sed 's/^ *//; s/ .*//')
missing=""
for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" &&
        ! printf '%s\n' "$provided" | grep -qx "$p"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "factgraph: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "factgraph: need root or sudo to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
