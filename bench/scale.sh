#!/usr/bin/env bash
# Scale benchmark, side by side in one run on the same files: casefile on one core, casefile
# on two, and the Python peer pipeline (trafilatura + spaCy PhraseMatcher + dateparser,
# ../shared/bench/peers/peer_pipeline.py, one process) over a real-HTML corpus of SIZE MB
# built by bench/scale_corpus.py. Prints documents/s, MB/s and peak RSS of each, and the
# ratios the README reports. casefile runs take about a second on 100 MB, so each is
# repeated (REPEAT, default 5; one-core and two-core runs alternate, half before the peer's
# run and half after) and the median wall time kept (peak RSS: the largest).
# Each round also runs two independent one-core casefile runs at once (casefile_pair): their
# combined rate over one run's is how well this machine itself scales to two busy cores at
# that moment (on a shared virtual machine it drifts), the ceiling of the two-core ratio.
# With --rss-only, runs casefile (one core) alone: for the 100 MB vs 1 GB peak-memory
# comparison.
# Usage: bash bench/scale.sh [SIZE_MB=100] [--rss-only]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100}
mode=${2:-}
shared=${SHARED:-../shared/bench}
venv=bench/.venv-peers
W=bench/work/scale
mkdir -p "$W"
corpus="$W/corpus-${size}MB"
if [ ! -f "$corpus/.built" ]; then
  python3 bench/scale_corpus.py "$size" "$corpus" --shared "$shared" --seeds corpus
  touch "$corpus/.built"
fi
cargo build --release --quiet
files=$(find "$corpus" -name '*.html' -o -name '*.txt' | wc -l)
mb=$(find "$corpus" \( -name '*.html' -o -name '*.txt' \) -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
repeat=${REPEAT:-5}
export LC_NUMERIC=C # EPOCHREALTIME with a decimal point
run_once() { # name, output to remove before the run (untimed), command...
  local name=$1 clean=$2 t0 t1; shift 2
  rm -rf "$clean"
  # Wall time to the microsecond from bash's clock (GNU time's %e truncates to 10 ms, 2%
  # of a two-core run); peak RSS from GNU time.
  t0=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$W/$name.time" "$@" > "$W/$name.stdout"
  t1=$EPOCHREALTIME
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}') $(cat "$W/$name.time")" >> "$W/$name.runs"
}
summarise() { # name: median wall time and largest peak RSS of its runs, into results.txt
  local name=$1
  [ -s "$W/$name.runs" ] || return 0
  sort -g "$W/$name.runs" | awk -v n="$name" '{w[NR]=$1; if ($2>r) r=$2} END {print n, w[int((NR+1)/2)], r}' >> "$W/results.txt"
}
round() { # one casefile run on one core, then (unless --rss-only) one on two
  run_once casefile_1core "$W/out1" target/release/casefile run --corpus "$corpus" --out "$W/out1" --jobs 1 --quiet
  if [ "$mode" != "--rss-only" ]; then
    run_once casefile_2cores "$W/out2" target/release/casefile run --corpus "$corpus" --out "$W/out2" --jobs 2 --quiet
    rm -rf "$W/outp2" # (run_once removes outp1)
    run_once casefile_pair "$W/outp1" bash -c "target/release/casefile run --corpus '$corpus' --out '$W/outp1' --jobs 1 --quiet &
      target/release/casefile run --corpus '$corpus' --out '$W/outp2' --jobs 1 --quiet; wait"
  fi
}
rm -f "$W"/*.runs "$W/results.txt"
# The machine's speed drifts from minute to minute (a shared virtual machine), so the runs
# are interleaved: one-core and two-core casefile runs alternate, half of the rounds before
# the Python peer's run and half after it; each system's median is reported.
before=$(( (repeat + 1) / 2 ))
for _ in $(seq 1 "$before"); do round; done
if [ "$mode" != "--rss-only" ]; then
  for f in documents mentions timexes events; do
    cmp -s "$W/out1/$f.jsonl" "$W/out2/$f.jsonl" || { echo "FAIL: --jobs 1 and 2 differ in $f.jsonl"; exit 1; }
  done
  [ -x "$venv/bin/python" ] || bash "$shared/peers/setup.sh" "$venv"
  target/release/casefile gazetteer export --tsv > "$W/names.tsv"
  run_once python_peer "$W/peer.jsonl" "$venv/bin/python" "$shared/peers/peer_pipeline.py" --names "$W/names.tsv" \
    --out "$W/peer.jsonl" "$corpus"
fi
for _ in $(seq $((before + 1)) "$repeat"); do round; done
for name in casefile_1core casefile_2cores casefile_pair python_peer; do summarise "$name"; done
python3 - "$W/results.txt" "$files" "$mb" "$size" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
files, mb = int(sys.argv[2]), float(sys.argv[3])
print(f"corpus: {files} files, {mb:.1f} MB of HTML and text ({sys.argv[4]} MB target); machine: "
      f"{open('/proc/cpuinfo').read().count('processor')} cores")
print(f"{'system':<16} {'seconds':>8} {'docs/s':>9} {'MB/s':>7} {'peak RSS MB':>12}")
rate = {}
for name, wall, rss in rows:
    wall = float(wall)
    # The pair is two runs over the corpus (its peak RSS is the larger run's).
    n = 2 if name == "casefile_pair" else 1
    rate[name] = n * files / wall
    print(f"{name:<16} {wall:8.3f} {n * files / wall:9.1f} {n * mb / wall:7.2f} {int(rss) / 1024:12.0f}")
if "python_peer" in rate:
    print(f"casefile one core / Python peer: {rate['casefile_1core'] / rate['python_peer']:.1f}x documents/s (bar 30x)")
if "casefile_2cores" in rate:
    print(f"casefile two cores / one core: {rate['casefile_2cores'] / rate['casefile_1core']:.2f}x (bar 1.8x)")
if "casefile_pair" in rate:
    print(f"two one-core runs at once / one core: {rate['casefile_pair'] / rate['casefile_1core']:.2f}x "
          "(this machine's own two-core scaling now: the ceiling of the ratio above)")
PY
