#!/usr/bin/env bash
# Resident memory of `maillage serve` with everything loaded: the shipped
# data plus the synthetic cooperation layer in a SQLite database, the
# graph index built and a région's site-level graph served.
set -euo pipefail

bin=${1:?usage: scripts/bench-serve-memory.sh BINARY}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
db="sqlite://$work/bench.db"
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

start() {
	"$bin" serve --db "$db" --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
	server=$!
	for _ in $(seq 1 600); do
		grep -q "graph index built" "$work/server.log" && return 0
		kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
		sleep 0.2
	done
	echo "bench-serve-memory: index not built after 120 s" >&2
	exit 1
}

start # first start: loads the shipped data
kill "$server" && wait "$server" || true
"$bin" gen synthetic --with-real-data --db "$db" >/dev/null
start
curl -sf -H 'Content-Type: application/json' \
	-d '{"query":"{ cooperationGraph(filter: {territories: [\"REGION:84\"], level: SITE, limit: 10000}) { totalNodes nodes { id kind label latitude longitude } edges { id source target role } } }"}' \
	"http://127.0.0.1:$port/graphql" >/dev/null
grep "graph index built" "$work/server.log" | tail -1
echo "maillage serve, shipped data + synthetic layer, index built, after a région graph: $(awk '/^VmRSS:/ {printf "%.0f MB", $2/1024}' "/proc/$server/status") resident (VmRSS), peak $(awk '/^VmHWM:/ {printf "%.0f MB", $2/1024}' "/proc/$server/status") (VmHWM)"
