#!/usr/bin/env bash
# Peak memory and time of `casefile run` on one 50 MB single-line document (the bad-input
# case the limits must bear), against the 10x-the-file-size bar.
# Usage: bash bench/robustness.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=bench/work/robustness
mkdir -p "$work/corpus"
python3 - "$work/corpus/huge.txt" <<'PY'
import random, sys
random.seed(1)
words = ["Kharkova", "was", "sentenced", "on", "25", "July", "2017", "to", "four", "years",
         "the", "union", "KNPRK", "in", "Shymkent", "and", "court", "released", "Yeleusinov",
         "arrested"]
with open(sys.argv[1], "w") as f:
    f.write(" ".join(random.choice(words) for _ in range(8_000_000))[:50_000_000])
PY
cargo build --release --quiet
size=$(stat -c %s "$work/corpus/huge.txt")
rm -rf "$work/out"
/usr/bin/time -v target/release/casefile run --corpus "$work/corpus" --out "$work/out" --quiet --jobs 1 \
  2> "$work/time.txt"
rss_kb=$(grep "Maximum resident" "$work/time.txt" | awk '{print $NF}')
wall=$(grep "Elapsed" "$work/time.txt" | awk '{print $NF}')
python3 - "$size" "$rss_kb" "$wall" <<'PY'
import sys
size, rss = int(sys.argv[1]), int(sys.argv[2]) * 1024
print(f"50 MB single line: {size/1e6:.1f} MB file, peak RSS {rss/1e6:.0f} MB "
      f"({rss/size:.1f}x the file), wall {sys.argv[3]}")
PY
