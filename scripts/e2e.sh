#!/usr/bin/env bash
# Starts the built server on a fresh SQLite database and a free port,
# waits until it is ready (the shipped data loaded), runs the browser
# smoke test against it (with an editor token for the scenario that edits
# through the API), and stops it.
set -euo pipefail

bin=${1:?usage: scripts/e2e.sh BINARY}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --db "sqlite://$work/e2e.db" --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
cleanup() {
	kill "$server" 2>/dev/null || true
	wait "$server" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 240); do
	if curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then
		break
	fi
	if ! kill -0 "$server" 2>/dev/null; then
		echo "e2e: the server stopped:" >&2
		cat "$work/server.log" >&2
		exit 1
	fi
	sleep 0.5
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "e2e: server not ready after 120 s" >&2; cat "$work/server.log" >&2; exit 1; }

# An editor token for région 84, created with the same binary on the server's
# database while it runs (SQLite in WAL mode): the last scenario edits through
# the API with it. The token is printed on stdout, once.
editor_token=$("$bin" token create --role editor --territory REGION:84 --name "e2e ARS Auvergne-Rhône-Alpes" --db "sqlite://$work/e2e.db")

admin_token=$("$bin" token create --role admin --name "e2e admin" --db "sqlite://$work/e2e.db")

# Ready is the database reachable. The tokens' writes, from another
# process, make the server rebuild its graph index (SQLite says that the
# database changed, not what); a tile is answered once the graph index and
# the sites' index are built again: the browser's timings then measure the
# app, not the server's warm-up.
curl -sf -o /dev/null --max-time 120 "http://127.0.0.1:$port/tiles/sites/0/0/0.mvt" || { echo "e2e: no sites tile" >&2; cat "$work/server.log" >&2; exit 1; }

MAILLAGE_URL="http://127.0.0.1:$port" MAILLAGE_EDITOR_TOKEN="$editor_token" MAILLAGE_ADMIN_TOKEN="$admin_token" npm run e2e
