#!/usr/bin/env bash
# Temporal expressions, side by side: casefile vs HeidelTime 2.2.1 (the standard rule-based
# tagger) on TempEval-3's training corpus (TimeBank + AQUAINT, 256 news documents, 1,822
# TIMEX3), scored by the shared TE3 scorer: strict, relaxed, value and type F1, and
# throughput. casefile runs through `casefile annotate --format jsonl --timexes timeml`
# (TimeML's scheme: every TIMEX3, vague references and sets too) with each document's DCT; its date rules alone are also timed on one thread (examples/dates_bench.rs).
#
# usage: bench/tempeval.sh [--rerun-heideltime]
#   HeidelTime takes about 11 minutes (one JVM per document); its predictions are kept in
#   bench/work/tempeval/ and reused unless --rerun-heideltime is given.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/bench}
venv=bench/.venv-peers
W=bench/work/tempeval
mkdir -p "$W/gold"
[ -x "$venv/bin/python" ] || bash "$shared/peers/setup.sh" "$venv"
cargo build --release --quiet --example dates_bench
cargo build --release --quiet

# Gold: both parts of the training corpus in one directory.
for f in "$shared"/tempeval3/train/TimeBank/*.tml "$shared"/tempeval3/train/AQUAINT/*.tml; do
  ln -sf "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$W/gold/"
done
python3 "$shared/score/te3score.py" --gold "$W/gold" --dump-text "$W/docs.jsonl"
python3 bench/tempeval_convert.py to-annotate "$W/docs.jsonl" "$W/in.jsonl"

start=$(date +%s.%N)
./target/release/casefile annotate --format jsonl --jobs 1 --timexes timeml "$W/in.jsonl" > "$W/out.jsonl"
end=$(date +%s.%N)
python3 bench/tempeval_convert.py to-pred "$W/out.jsonl" "$W/casefile.jsonl"

if [ "${1:-}" = "--rerun-heideltime" ] || [ ! -s "$W/heideltime.jsonl" ]; then
  (cd "$W" && "$OLDPWD/$venv/bin/python" "$OLDPWD/$shared/peers/run_heideltime.py" docs.jsonl heideltime.jsonl --workers 2 > heideltime.log)
fi

rm -f "$W/scores.jsonl"
python3 "$shared/score/te3score.py" --gold "$W/gold" --pred "$W/casefile.jsonl" --name casefile --json "$W/scores.jsonl" --errors "$W/errors.jsonl"
python3 "$shared/score/te3score.py" --gold "$W/gold" --pred "$W/heideltime.jsonl" --name heideltime --json "$W/scores.jsonl"
rules=$(./target/release/examples/dates_bench "$W/docs.jsonl" 20)
echo "casefile date rules: $rules"

python3 - "$W" "$start" "$end" "$rules" <<'PY'
import json, re, sys
W, start, end, rules = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
scores = {s["name"]: s for s in map(json.loads, open(f"{W}/scores.jsonl"))}
kb = sum(len(json.loads(l)["text"].encode()) for l in open(f"{W}/docs.jsonl")) / 1024
ht = json.loads(open(f"{W}/heideltime.log").readline())
print()
print(f"{'system':<12} {'strict F1':>9} {'relaxed F1':>10} {'value F1':>9} {'type F1':>8} {'KB/s':>10}")
rules_mbs = float(re.search(r"([\d.]+) MB/s", rules).group(1))
rows = [("casefile", kb / (end - start)), ("heideltime", ht["KB_per_s"])]
for name, kbs in rows:
    s = scores[name]
    print(f"{name:<12} {100*s['strict_F1']:9.2f} {100*s['relaxed_F1']:10.2f} {100*s['value_F1']:9.2f} {100*s['type_F1']:8.2f} {kbs:10.1f}")
print(f"casefile end to end (annotate, one thread, {kb:.0f} KB incl. start-up); date rules alone: {rules_mbs:.1f} MB/s")
PY
