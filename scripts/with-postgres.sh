#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster on a free local port; stop it afterwards,
# whatever the command's result.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$PGBIN/initdb" ] || { echo "Không tìm thấy PostgreSQL (initdb)"; exit 1; }
PGBASE=$(mktemp -d /tmp/tdkt-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PGBASE"; AS=(runuser -u postgres --); fi
chmod 700 "$PGBASE"
stop() { "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGBASE/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$PGBASE"; }
trap stop EXIT
"${AS[@]}" "$PGBIN/initdb" -D "$PGBASE/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PGBASE/initdb.log"
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGBASE/data" -l "$PGBASE/server.log" -w -t 30 \
  -o "-p $PGPORT -k $PGBASE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
"${AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres tdkt
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') trên cổng $PGPORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/tdkt"
"$@"
