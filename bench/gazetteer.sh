#!/usr/bin/env bash
# Gazetteer matching throughput: the project's gazetteers plus 100,000 generated names,
# compiled (parse, validation, variants, automata) and run over about 20 MB of real news
# text (the article-extraction benchmark's article bodies and the seed corpus, repeated) on
# one thread. Prints compile time and MB/s.
#
# usage: bench/gazetteer.sh [NAMES]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/bench}
work=bench/work/gazetteer
mkdir -p "$work"
python3 - "$shared/article-extraction/ground-truth.json" "$work/text.txt" corpus/*.txt <<'PY'
import json, sys
truth, out, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
bodies = [v["articleBody"] for v in json.load(open(truth, encoding="utf8")).values()]
bodies += [open(p, encoding="utf8").read() for p in seeds]
block = "\n\n".join(bodies)
n = 0
with open(out, "w", encoding="utf8") as f:
    while n < 20_000_000:
        f.write(block + "\n\n")
        n += len(block.encode()) + 2
PY
cargo run --release --quiet --example gazetteer_bench -- "$work/text.txt" "${1:-100000}" gazetteers
