#!/usr/bin/env bash
# Times one `sourcelens server import` and reports the CPU it cost: the importer's (all its threads,
# /usr/bin/time) and PostgreSQL's (the postmaster, its children and the children that exited, from
# /proc). For A/B runs of the import on a shared machine, where CPU time says more than wall time.
#   bash scripts/with-postgres.sh bash scripts/bench-import-cpu.sh FILE.jsonl [import options]
set -euo pipefail
file=$1
shift
dd=$(psql "$DATABASE_URL" -Atc "show data_directory")
pgcpu() {
  local pm t x
  pm=$(head -1 "$dd/postmaster.pid")
  t=$(awk '{s=$0; sub(/.*\) /,"",s); split(s,a," "); print a[12]+a[13]+a[14]+a[15]}' "/proc/$pm/stat")
  for c in $(cat "/proc/$pm/task/$pm/children"); do
    x=$(awk '{s=$0; sub(/.*\) /,"",s); split(s,a," "); print a[12]+a[13]}' "/proc/$c/stat" 2>/dev/null || echo 0)
    t=$((t + x))
  done
  echo "$t"
}
before=$(pgcpu)
/usr/bin/time -f "importer: wall %e s, user %U s, sys %S s" node --import tsx scripts/sourcelens.ts server import "$@" "$file" 2>&1 | tail -2
after=$(pgcpu)
echo "postgres: $(((after - before) * 10)) ms CPU"
psql "$DATABASE_URL" -Atc "SELECT 'database bytes ' || pg_database_size(current_database()) || ', statements ' || (SELECT count(*) FROM statements)"
