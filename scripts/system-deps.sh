#!/usr/bin/env bash
# Installs the Debian packages the tests need and the machine lacks
# (PostgreSQL 15 server binaries, PgBouncer, Chromium, curl, python3), or, when this
# user may not install them, stops with the exact command to run.
# `make test` and .ci/run both call it; nothing else needs installing
# (the server is pure Go, the app comes from npm).
set -euo pipefail

packages=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || packages+=(postgresql-15)
[ -x /usr/sbin/pgbouncer ] || packages+=(pgbouncer)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/bin/chromium-headless-shell ] || packages+=(chromium-headless-shell)
command -v curl >/dev/null || packages+=(curl)
command -v python3 >/dev/null || packages+=(python3)
[ ${#packages[@]} -eq 0 ] && exit 0

command="apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"
if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	sudo=(sudo -n)
else
	echo "system-deps: the tests need ${packages[*]}; install them as root, then run make test again:" >&2
	echo "  sudo sh -c '$command'" >&2
	exit 1
fi
echo "system-deps: installing ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
