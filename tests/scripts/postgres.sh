#!/usr/bin/env bash
# Loads a casefile run into a real PostgreSQL server with schema/postgres.sql and
# schema/postgres_load.sql, twice, and checks that the second load changes no row count,
# that the counts equal the SQLite load's, and that a person's case history comes back.
# Starts a throwaway server on loopback (installing Debian's `postgresql` when it is
# missing and this runs as root); when no server can be had, prints why and skips (exit 0).
# Usage: bash tests/scripts/postgres.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
skip() { echo "postgres test: SKIPPED: $*"; exit 0; }

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/postgres" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "postgres test: installing Debian's postgresql"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || skip "apt-get install postgresql failed"
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  fi
  [ -n "$pgbin" ] && [ -x "$pgbin/postgres" ] || skip "no PostgreSQL server binaries"
fi
command -v psql >/dev/null || skip "no psql client"

work=$(mktemp -d)
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || skip "running as root and there is no postgres user"
  chown postgres "$work"
  as_pg() { runuser -u postgres -- "$@"; }
fi
port=$((20000 + RANDOM % 20000))
cleanup() {
  as_pg "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
as_pg "$pgbin/initdb" -D "$work/data" -A trust -U casefile >/dev/null || skip "initdb failed"
as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off" start >/dev/null \
  || { cat "$work/server.log" || true; skip "the server did not start"; }
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=casefile
createdb casefile_test

cargo build --release --quiet
out="$work/out"
target/release/casefile run --quiet --out "$out"
chmod -R a+rX "$work"
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 -d casefile_test "$@"; }
q -f schema/postgres.sql
counts() {
  q -c "SELECT string_agg(t || '=' || n, ' ' ORDER BY t) FROM (
    SELECT 'conflicts' t, count(*) n FROM conflicts UNION ALL
    SELECT 'documents', count(*) FROM documents UNION ALL
    SELECT 'entities', count(*) FROM entities UNION ALL
    SELECT 'event_sources', count(*) FROM event_sources UNION ALL
    SELECT 'event_subjects', count(*) FROM event_subjects UNION ALL
    SELECT 'events', count(*) FROM events UNION ALL
    SELECT 'mentions', count(*) FROM mentions UNION ALL
    SELECT 'timexes', count(*) FROM timexes) c"
}
bash schema/postgres_load.sh "$out" -d casefile_test
first=$(counts)
bash schema/postgres_load.sh "$out" -d casefile_test
second=$(counts)
echo "postgres: after one load:  $first"
echo "postgres: after two loads: $second"
[ "$first" = "$second" ] || { echo "FAIL: a second load changed row counts"; exit 1; }

# The same counts as the SQLite load.
target/release/casefile load --sqlite "$work/x.db" --out "$out" 2>/dev/null
lite=$(python3 - "$work/x.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ts = ["conflicts", "documents", "entities", "event_sources", "event_subjects", "events",
      "mentions", "timexes"]
print(" ".join(f"{t}={c.execute(f'SELECT count(*) FROM {t}').fetchone()[0]}" for t in ts))
PY
)
echo "sqlite:   after one load:  $lite"
[ "$first" = "$lite" ] || { echo "FAIL: PostgreSQL and SQLite loads differ"; exit 1; }
[ "$(wc -l < "$out/events.jsonl")" -gt 0 ]
grep -q "events=$(wc -l < "$out/events.jsonl")" <<<"$first" \
  || { echo "FAIL: events row count differs from events.jsonl"; exit 1; }

# Larisa Kharkova's case history back out of PostgreSQL.
hist=$(q -c "SELECT e.date || ' ' || e.event_type FROM events e
  JOIN event_subjects s USING (event_id)
  WHERE s.entity_id = 'person/larisa-kharkova' ORDER BY e.date, e.event_type")
echo "postgres: history of person/larisa-kharkova:"; sed 's/^/  /' <<<"$hist"
grep -q "^2017-07-25 sentence$" <<<"$hist" || { echo "FAIL: no 2017-07-25 sentence"; exit 1; }
terms=$(q -c "SELECT string_agg(value, ',' ORDER BY value) FROM conflicts c JOIN events e USING (event_id)
  WHERE e.main_subject = 'person/larisa-kharkova' AND c.attribute = 'community_service'")
[ "$terms" = "PT100H,PT400H" ] || { echo "FAIL: community_service conflict: $terms"; exit 1; }
echo "postgres test: ok"
