#!/usr/bin/env bash
# Proves the Spark path: casefile's map step (`annotate --format jsonl`) run through
# PySpark's RDD.pipe on local[2] over the benchmark corpus equals a plain run, line for line.
# Installs PySpark from PyPI into bench/.venv-spark (Java must be on the machine).
# Usage: bash bench/spark.sh [SIZE_MB=20]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-20}
shared=${SHARED:-../shared/bench}
venv=bench/.venv-spark
command -v java >/dev/null || { echo "spark: no java on this machine"; exit 2; }
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyspark
fi
cargo build --release --quiet
W=bench/work/spark
corpus="$W/corpus-${size}MB"
[ -f "$corpus/.built" ] || { python3 bench/scale_corpus.py "$size" "$corpus" --shared "$shared" --seeds corpus; touch "$corpus/.built"; }
"$venv/bin/python" bench/spark_check.py target/release/casefile "$corpus" "$W"
