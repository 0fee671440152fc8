#!/usr/bin/env bash
# A throw-away PostgreSQL server on a Unix socket, for the tests that run
# the `dealbench usage --sql postgres` query for real (tests/usage_sql.rs).
#
#   eval "$(scripts/pg-local.sh start)"   # prints PGHOST=... PGUSER=... exports
#   scripts/pg-local.sh stop              # stops it and removes its files
#
# The cluster lives in a temporary directory, listens on no TCP port, and
# runs as the `postgres` user when started by root (initdb refuses root).
# Needs initdb and pg_ctl (Debian: apt-get install postgresql).
set -euo pipefail

state=${DEALBENCH_PG_DIR:-/tmp/dealbench-pg}

find_bin() {
    if command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1)
    [ -n "$found" ] || { echo "error: $1 not found (apt-get install postgresql)" >&2; exit 1; }
    echo "$found"
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        su postgres -s /bin/sh -c "$*"
    else
        sh -c "$*"
    fi
}

case "${1:-}" in
start)
    initdb=$(find_bin initdb)
    pg_ctl=$(find_bin pg_ctl)
    rm -rf "$state"
    mkdir -p "$state/socket"
    user=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        chown -R postgres "$state"
        user=postgres
    fi
    as_owner "'$initdb' -D '$state/data' -U '$user' --auth=trust --no-sync -E UTF8 --locale=C" >"$state/initdb.log" 2>&1 ||
        { cat "$state/initdb.log" >&2; exit 1; }
    as_owner "'$pg_ctl' -D '$state/data' -l '$state/server.log' -w -o \"-k '$state/socket' -c listen_addresses='' -c fsync=off\" start" >/dev/null ||
        { cat "$state/server.log" >&2; exit 1; }
    echo "export PGHOST='$state/socket' PGUSER='$user' PGDATABASE=postgres"
    ;;
stop)
    pg_ctl=$(find_bin pg_ctl)
    [ -d "$state/data" ] && as_owner "'$pg_ctl' -D '$state/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$state"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
