#!/usr/bin/env bash
# Runs every casefile fuzz target for a set time (default 600 s each), seeded from the
# repository's corpus and gazetteers, and prints the executions per target.
# Usage: bash fuzz/run.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (installed here if missing); the stable toolchain is used with
# RUSTC_BOOTSTRAP=1. Crashes land in fuzz/artifacts/TARGET/; turn each into a regression
# test under tests/ before fixing it.
#
# Slow and greedy inputs are failures too, not just panics:
#   -timeout=10          an input that runs 10 s fails (artifact timeout-*): inputs are at
#                        most 16 KB (-max_len), which linear code handles in milliseconds,
#                        so only work that grows faster than the input (a rescan per
#                        position, a quadratic key) gets near it;
#   -rss_limit_mb=2048   the process's peak RSS (the gazetteers and rules take about
#                        50 MB; libFuzzer's own corpus and coverage tables the rest);
#   -malloc_limit_mb=256 one allocation over 256 MB for a 16 KB input is a defect (a
#                        per-byte table of the input's square); artifact oom-*.
#   -max_len=16384       inputs up to 16 KB. Superlinear work reaches the time limit only
#                        on inputs large enough for it to take seconds: to hunt slow
#                        inputs, run with MAX_LEN=1048576 (fewer executions per second).
# TIMEOUT, RSS_MB, MALLOC_MB and MAX_LEN override them.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(html_clean text_fold dates gazetteer_load annotate_jsonl warc pdf)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
# Safe Rust needs no AddressSanitizer; without it the large regex caches stay fast.
cargo fuzz build -O -s none >/dev/null
seed() {
  local t="$1" d="fuzz/corpus/$1"
  mkdir -p "$d"
  case "$t" in
    html_clean|text_fold|dates)
      for f in corpus/*.txt tests/golden/case_histories.txt; do
        head -c 4000 "$f" > "$d/seed-$(basename "$f")"; done ;;
    gazetteer_load)
      for f in gazetteers/*.gaz; do head -c 4000 "$f" > "$d/seed-$(basename "$f")"; done ;;
    warc)
      python3 - "$d/seed.warc" <<'PY'
import sys
page = b"<html><head><title>T</title></head><body><p>Kharkova was arrested on 5 May 2017.</p></body></html>"
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
       b"WARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
       b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
open(sys.argv[1], "wb").write(rec * 2)
PY
      ;;
    pdf)
      cp tests/fixtures/pdf/two-column.pdf tests/fixtures/pdf/scanned.pdf "$d/" ;;
    annotate_jsonl)
      printf '%s\n' '{"id":1,"text":"On 7 April 2017, Kushakbayev was sentenced."}' \
        '{"id":2,"html":"<p>Kharkova was arrested on 5 May 2017.</p>"}' 'not json' \
        > "$d/seed-lines.jsonl" ;;
  esac
}
for t in "${targets[@]}"; do
  seed "$t"
  log="fuzz/$t.log"
  # The PDF seeds (printed fixtures) are up to 44 KB: a cut PDF loses its cross-reference
  # table and the reader its structure.
  max_len="${MAX_LEN:-16384}"
  [ "$t" = pdf ] && max_len="${MAX_LEN:-65536}"
  cargo fuzz run -O -s none "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" \
    -timeout="${TIMEOUT:-10}" -rss_limit_mb="${RSS_MB:-2048}" -malloc_limit_mb="${MALLOC_MB:-256}" \
    -max_len="$max_len" -print_final_stats=1 >"$log" 2>&1 || {
    echo "$t: FAILED: a crash, a slow input or too much memory (see $log and fuzz/artifacts/$t)"
    continue
  }
  execs=$(grep -o "stat::number_of_executed_units: [0-9]*" "$log" | awk "{print \$2}" | tail -1 || true)
  echo "$t: ${execs:-?} executions in ${secs}s, no crash"
done
