#!/usr/bin/env bash
# make bench-peer: Maillage side by side with PostGraphile on the same
# throwaway PostgreSQL 15 cluster (shipped national data + synthetic
# cooperation layer), driven by bench/peer (vegeta as a library).
#
# usage: bench/peer/run.sh BINARY [DOC]
#   BINARY  the maillage binary (make build)
#   DOC     where to write the report (default: print only)
#
# Environment: MAILLAGE_PG_BIN (default /usr/lib/postgresql/15/bin),
# BENCH_PEER_ARGS: more flags for the driver (-runs 1 -sat 2s, say),
# BENCH_PEER_HOLD=1 keeps everything running after the setup and waits
# (for writing queries by hand; Ctrl-C cleans up).
#
# Never skips: a missing PostgreSQL or Node is an error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:?usage: bench/peer/run.sh BINARY [DOC]}")
doc=${2:-}
[ -n "$doc" ] && doc=$(realpath -m "$doc")
pgbin=${MAILLAGE_PG_BIN:-/usr/lib/postgresql/15/bin}

die() { echo "bench-peer: $*" >&2; exit 1; }
log() { echo "bench-peer: $*" >&2; }

# ---- prerequisites: fail loudly ----
for b in initdb pg_ctl postgres psql; do
	[ -x "$pgbin/$b" ] || die "PostgreSQL 15 missing: $pgbin/$b not found; install it with \`apt-get install postgresql-15\` (or set MAILLAGE_PG_BIN)"
done
[ -f "$pgbin/../lib/pg_stat_statements.so" ] || [ -f "$("$pgbin/pg_config" --pkglibdir 2>/dev/null)/pg_stat_statements.so" ] ||
	die "pg_stat_statements missing (it ships with postgresql-15's contrib)"
command -v node >/dev/null || die "Node.js missing: install Node 20 (PostGraphile 4 runs on it)"
command -v npm >/dev/null || die "npm missing: install Node 20 with npm"
command -v go >/dev/null || die "Go missing"
command -v curl >/dev/null || die "curl missing"
[ -x "$bin" ] || die "$bin is not an executable (run make build)"

runas=()
if [ "$(id -u)" = 0 ]; then
	id postgres >/dev/null 2>&1 || die "running as root and there is no postgres system user to run PostgreSQL as"
	runas=(setpriv --reuid=postgres --regid=postgres --clear-groups --)
	command -v setpriv >/dev/null || runas=(su postgres -s /bin/sh -c '"$0" "$@"')
fi

# ---- throwaway state, cleaned up on any exit ----
work=$(mktemp -d /tmp/maillage-bench-peer.XXXXXX)
chmod 755 "$work"
pgdata=$work/pgdata
maillage_pid=
nocache_pid=
peer_pid=
cleanup() {
	local rc=$?
	set +e
	for p in $maillage_pid $nocache_pid $peer_pid; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	if [ -f "$pgdata/postmaster.pid" ]; then
		"${runas[@]}" "$pgbin/pg_ctl" stop -D "$pgdata" -m immediate -s -w >/dev/null 2>&1
	fi
	if [ $rc -ne 0 ]; then
		for f in "$work"/*.log; do
			[ -f "$f" ] && { echo "--- last lines of $(basename "$f")" >&2; tail -n 15 "$f" >&2; }
		done
	fi
	rm -rf "$work"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# ---- PostgreSQL ----
[ -n "${runas[*]}" ] && chown postgres: "$work"
log "initdb in $pgdata"
(cd "$work" && "${runas[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 \
	--no-locale --no-sync --no-instructions >"$work/initdb.log" 2>&1) || { cat "$work/initdb.log" >&2; die "initdb failed"; }
pgport=$(freeport)
cat >>"$pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $pgport
unix_socket_directories = '$work'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
pg_stat_statements.max = 10000
max_connections = 200
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
EOF
(cd "$work" && "${runas[@]}" "$pgbin/pg_ctl" start -D "$pgdata" -l "$work/postgres.log" -w -t 30 -s) ||
	die "PostgreSQL did not start"

admin="postgres://postgres@127.0.0.1:$pgport/postgres?sslmode=disable"
psqlc() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$admin" "$@"; }
# One login role per server, so that pg_stat_statements tells their
# statements apart.
psqlc <<'SQL'
CREATE ROLE maillage LOGIN SUPERUSER;
CREATE ROLE peer LOGIN SUPERUSER;
CREATE DATABASE maillage OWNER maillage;
SQL
"$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "postgres://postgres@127.0.0.1:$pgport/maillage?sslmode=disable" \
	-c 'CREATE EXTENSION pg_stat_statements'
db_maillage="postgres://maillage@127.0.0.1:$pgport/maillage?sslmode=disable"
db_peer="postgres://peer@127.0.0.1:$pgport/maillage?sslmode=disable"
db_admin="postgres://postgres@127.0.0.1:$pgport/maillage?sslmode=disable"

# ---- Maillage: schema, shipped data, synthetic layer ----
maillage_port=$(freeport)
nocache_port=$(freeport)
# PostGraphile has no rate limit nor admission bound: Maillage's are off
# too (the load generator is one address sending without a token).
limits_off=(--rate-anonymous 0 --rate-token 0 --anonymous-concurrency -1)
# start_maillage PORT LOG [FLAGS…]: sets started_pid.
start_maillage() {
	local port=$1 logf=$2
	shift 2
	: >"$logf"
	"$bin" serve --db "$db_maillage" --addr "127.0.0.1:$port" "${limits_off[@]}" "$@" >>"$logf" 2>&1 &
	started_pid=$!
	for _ in $(seq 1 1500); do
		if grep -q "graph index built" "$logf" &&
			curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then
			return 0
		fi
		kill -0 "$started_pid" 2>/dev/null || die "maillage serve exited"
		sleep 0.2
	done
	die "maillage serve not ready after 300 s"
}
log "maillage migrate"
"$bin" migrate --db "$db_maillage" >"$work/migrate.log" 2>&1 || die "maillage migrate failed"
log "maillage serve (first start loads the shipped data)"
start_maillage "$maillage_port" "$work/maillage.log"
maillage_pid=$started_pid
log "maillage gen synthetic"
"$bin" gen synthetic --with-real-data --db "$db_maillage" >"$work/gen.log" 2>&1 || die "maillage gen synthetic failed"
kill "$maillage_pid" && wait "$maillage_pid" || true
maillage_pid=
# PostGraphile's neighbourhood (question c): the SQL function a user writes.
"$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$db_admin" -f "$here/neighbourhood.sql" >/dev/null || die "creating neighbourhood() failed"
"$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$db_admin" -c 'VACUUM ANALYZE' || die "VACUUM ANALYZE failed"
log "maillage serve (restart on the full data), and a second one without the response cache"
start_maillage "$maillage_port" "$work/maillage.log"
maillage_pid=$started_pid
start_maillage "$nocache_port" "$work/maillage-nocache.log" --response-cache-bytes 0
nocache_pid=$started_pid

# ---- PostGraphile ----
log "npm ci (PostGraphile, pinned in bench/peer/package-lock.json)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1) || { cat "$work/npm.log" >&2; die "npm ci failed"; }
peer_port=$(freeport)
# As PostGraphile's documentation recommends for production: NODE_ENV=
# production, and a cluster worker per core (--cluster-workers).
peer_workers=$(nproc)
(cd "$here" && NODE_ENV=production exec node node_modules/postgraphile/cli.js \
	--cluster-workers "$peer_workers" \
	--connection "$db_peer" --schema public \
	--host 127.0.0.1 --port "$peer_port" \
	--append-plugins @graphile-contrib/pg-simplify-inflector \
	--disable-default-mutations --dynamic-json --no-setof-functions-contain-nulls \
	--disable-query-log --no-ignore-rbac --max-pool-size 10 \
	>"$work/postgraphile.log" 2>&1) &
peer_pid=$!
for i in $(seq 1 300); do
	curl -sf -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' \
		"http://127.0.0.1:$peer_port/graphql" >/dev/null && break
	kill -0 "$peer_pid" 2>/dev/null || die "PostGraphile exited"
	[ "$i" = 300 ] && die "PostGraphile not ready after 60 s"
	sleep 0.2
done
log "Maillage on http://127.0.0.1:$maillage_port/graphql (pid $maillage_pid), without response cache on http://127.0.0.1:$nocache_port/graphql (pid $nocache_pid), PostGraphile on http://127.0.0.1:$peer_port/graphql (pid $peer_pid), database $db_admin"

if [ -n "${BENCH_PEER_HOLD:-}" ]; then
	log "holding (BENCH_PEER_HOLD); Ctrl-C or kill $$ to clean up"
	while :; do sleep 1; done
fi

# ---- the workload ----
log "building the load driver"
(cd "$here" && go build -o "$work/driver" .) || die "building bench/peer failed"
args=(
	-maillage "http://127.0.0.1:$maillage_port/graphql" -maillage-pid "$maillage_pid"
	-maillage-nocache "http://127.0.0.1:$nocache_port/graphql" -maillage-nocache-pid "$nocache_pid"
	-peer "http://127.0.0.1:$peer_port/graphql" -peer-pid "$peer_pid" -peer-workers "$peer_workers"
	-db "$db_admin" -pg-pid "$(head -n 1 "$pgdata/postmaster.pid")"
	-peer-version "$(node "$here/node_modules/postgraphile/cli.js" --version 2>/dev/null | tail -1)"
)
[ -n "$doc" ] && args+=(-doc "$doc")
# shellcheck disable=SC2206
args+=(${BENCH_PEER_ARGS:-})
"$work/driver" "${args[@]}"
