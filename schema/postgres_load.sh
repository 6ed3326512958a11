#!/usr/bin/env bash
# Loads one casefile run into PostgreSQL (tables of schema/postgres.sql) in one transaction:
# each JSON-lines file is copied into a staging table, then schema/postgres_load.sql
# upserts by the content-derived ids. Loading the same run twice changes nothing.
# Usage: bash schema/postgres_load.sh OUT_DIR [psql options, e.g. -d casefile]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUT_DIR [psql options]" >&2; exit 2; }
out=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
for t in documents mentions timexes events entities; do
  [ -f "$out/$t.jsonl" ] || { echo "$0: $out/$t.jsonl: missing (run casefile first)" >&2; exit 2; }
done
sq() { printf "%s" "$1" | sed "s/'/''/g"; }
{
  echo "BEGIN;"
  for t in documents mentions timexes events entities; do
    echo "CREATE TEMP TABLE stage_$t (line jsonb) ON COMMIT DROP;"
    echo "\\copy stage_$t FROM '$(sq "$out/$t.jsonl")' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
  done
  echo "\\i '$(sq "$here/postgres_load.sql")'"
  echo "COMMIT;"
} | psql -X -q -v ON_ERROR_STOP=1 "$@"
