#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary folder, pg_ctl start on a
# loopback port, the command with DATABASE_URL set, then pg_ctl stop and the folder removed, whatever the
# command's outcome. Used by the server tests (npm run test:server) and the server benchmark.
#
# SOURCELENS_PG_KEEP=DIR keeps the cluster instead: created in DIR the first time, started again from
# DIR on later runs (its database and data as the last run left them), stopped but not removed at the
# end. For benchmarks that reuse a loaded database (npm run bench:server -- --reuse); remove DIR by hand.
#
# PostgreSQL refuses to run as root, so as root (CI) the cluster belongs to the `postgres` user that
# Debian's package creates. Needs Debian's `postgresql` package: `apt-get install -y postgresql`
# (.ci/run does it).
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "with-postgres: PostgreSQL is not installed; run: sudo apt-get install -y --no-install-recommends postgresql" >&2
  exit 2
fi

# The first free port from 54329 (a benchmark's cluster may hold one while tests run), unless given.
port="${SOURCELENS_PG_PORT:-}"
if [[ -z "$port" ]]; then
  for candidate in $(seq 54329 54399); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
fi
keep="${SOURCELENS_PG_KEEP:-}"
if [[ -n "$keep" ]]; then
  mkdir -p "$keep"
  dir="$(cd "$keep" && pwd)"
else
  dir="$(mktemp -d /tmp/sourcelens-pg.XXXXXX)"
fi
fresh=1
[[ -f "$dir/data/PG_VERSION" ]] && fresh=0
as=()
if [[ "$(id -u)" == 0 ]]; then
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi

stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  [[ -n "$keep" ]] || rm -rf "$dir"
}
trap stop EXIT

if [[ "$fresh" == 1 ]]; then
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U sourcelens --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
fi
# Settings for a throwaway cluster on a shared 2-core machine: no fsync (nothing here must survive a
# power cut), a modest cache, and enough WAL that a bulk load does not checkpoint every few seconds.
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${SOURCELENS_PG_FSYNC:-off} -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=${SOURCELENS_PG_SHARED_BUFFERS:-256MB} -c max_wal_size=4GB -c maintenance_work_mem=256MB" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
[[ "$fresh" == 1 ]] && "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U sourcelens sourcelens

export DATABASE_URL="postgres://sourcelens@127.0.0.1:$port/sourcelens"
# The fault tests stop and start the database while the server runs (shell commands, run with sh -c).
pg_opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
export SOURCELENS_PG_STOP="${as[*]:+${as[*]} }$bin/pg_ctl -D $dir/data -m fast -w stop"
export SOURCELENS_PG_START="${as[*]:+${as[*]} }$bin/pg_ctl -D $dir/data -w -l $dir/server.log -o '$pg_opts' start"
"$@"
