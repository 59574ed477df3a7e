#!/usr/bin/env bash
# PostgreSQL for the scale-out tests (several gateway processes on one shared database).
# Idempotent: installs Debian's postgresql if missing, creates a cluster of its own under
# target/postgres (owned by the postgres user), starts it on 127.0.0.1:$GATEWAY_PG_PORT and
# creates the gateway's user and database. Prints the JDBC URL the tests take as
# -Dgateway.test.postgres-url. `postgres.sh stop` stops that cluster.
# Needs root (CI runs as root) for apt-get and to act as the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${GATEWAY_PG_PORT:-55432}"
DB=gateway
USER_NAME=gateway
PASSWORD=gateway
DIR="$PWD/target/postgres"
# The postgres user must reach the data dir; a clone under a private home directory is not
# reachable, so the cluster then lives under /tmp instead.
if ! runuser -u postgres -- test -x "$PWD" 2>/dev/null; then
    DIR="/tmp/medcom-gateway-postgres-$PORT"
fi
DATA="$DIR/data"

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_postgres() {
    runuser -u postgres -- "$@"
}

if [ "${1:-}" = "stop" ]; then
    if [ -f "$DATA/postmaster.pid" ]; then
        as_postgres "$(pg_bin)/pg_ctl" -D "$DATA" -m fast stop >&2
    fi
    exit 0
fi

if [ -z "$(pg_bin)" ] || ! id postgres >/dev/null 2>&1; then
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
fi
BIN="$(pg_bin)"

if ! "$BIN/pg_isready" -q -h "$DIR" -p "$PORT"; then
    mkdir -p "$DIR"
    chown postgres:postgres "$DIR"
    if [ ! -f "$DATA/PG_VERSION" ]; then
        as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            -E UTF8 --locale=C.UTF-8 >&2
    fi
    # Loopback only; the socket sits in the cluster's own directory.
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w -t 60 \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c max_connections=200" start >&2
fi

psql_admin() {
    as_postgres "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" ]; then
    psql_admin -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
    psql_admin -c "CREATE DATABASE $DB OWNER $USER_NAME" >&2
fi

echo "jdbc:postgresql://127.0.0.1:$PORT/$DB"
