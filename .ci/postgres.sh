#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (default port 55432) for the tests that need one,
# and prints the connection string to export as ZHONGCAO_TEST_POSTGRES. Needs Debian's postgresql package.
# Usage: eval "$(bash .ci/postgres.sh)"
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then echo "postgresql is not installed (apt-get install postgresql)" >&2; exit 1; fi
dir=${ZHONGCAO_PG_DIR:-/tmp/zhongcao-pg}
port=${ZHONGCAO_PG_PORT:-55432}
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  run "$pgbin/initdb -D $dir -A trust -U postgres --no-sync" >&2
fi
if ! run "$pgbin/pg_ctl -D $dir status" >/dev/null 2>&1; then
  run "$pgbin/pg_ctl -D $dir -w -l $dir/server.log -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200\" start" >&2
fi
echo "export ZHONGCAO_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
