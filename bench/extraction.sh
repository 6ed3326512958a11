#!/usr/bin/env bash
# Main-text extraction, side by side in one run: casefile vs trafilatura (the best Python
# extractor) on the public article-extraction benchmark (181 real news pages), scored by the
# shared scorer. Prints F1 / precision / recall and pages per second on one core.
#
# usage: bench/extraction.sh            (installs the peer tools on first use)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/bench}
venv=bench/.venv-peers
work=bench/work/extraction
mkdir -p "$work"
[ -x "$venv/bin/python" ] || bash "$shared/peers/setup.sh" "$venv"
cargo build --release --quiet

# casefile: one thread, extraction timed inside (decoding excluded, as for the peers).
./target/release/casefile extract --bench "$shared/article-extraction/html" \
  --out "$work/casefile.json" 2> "$work/casefile.log"
cat "$work/casefile.log"
# trafilatura (and, for reference, resiliparse): the peer script, one process, one thread.
"$venv/bin/python" "$shared/peers/run_extractors.py" --data "$shared/article-extraction" \
  --only trafilatura,resiliparse_main --out "$work" --timing "$work/timing.json"
"$venv/bin/python" "$shared/score/extraction_f1.py" "$shared/article-extraction/ground-truth.json" \
  "$work/casefile.json" "$work/trafilatura.json" "$work/resiliparse_main.json" --boot 200 --json "$work/scores.json"

"$venv/bin/python" - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
scores = json.load(open(f"{work}/scores.json"))
timing = json.load(open(f"{work}/timing.json"))
log = open(f"{work}/casefile.log").read()
cf_pps = float(re.search(r"([\d.]+) pages/s", log).group(1))
rows = [("casefile", "casefile", cf_pps), ("trafilatura", "trafilatura", timing["trafilatura"]["pages_per_s"]),
        ("resiliparse", "resiliparse_main", timing["resiliparse_main"]["pages_per_s"])]
def metric(name, key):
    s = scores.get(name, {})
    v = s.get(key)
    return v["mean"] if isinstance(v, dict) else v
print()
print(f"{'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'pages/s':>9} {'vs trafilatura':>15}")
base = timing["trafilatura"]["pages_per_s"]
for label, name, pps in rows:
    print(f"{label:<12} {metric(name,'f1'):6.3f} {metric(name,'precision'):6.3f} {metric(name,'recall'):6.3f} {pps:9.1f} {pps/base:14.1f}x")
PY
