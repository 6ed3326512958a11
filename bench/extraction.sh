#!/usr/bin/env bash
# Main text and metadata, side by side in one run: casefile, rs-trafilatura (the crates.io
# Rust port, built from bench/rs-trafilatura, not a dependency of casefile) and trafilatura
# (Python, the peer venv) on both benchmarks:
#   - the Scrapinghub article-extraction benchmark (181 news pages): shingle F1 / P / R with
#     the shared scorer;
#   - WCXB dev (1,497 pages of seven kinds): word F1 and macro-F1 per page kind, publication
#     date P / R / F1, title and author accuracy (bench/wcxb_score.py, as bench/wcxb.sh).
# Speed, every tool on one core (`taskset -c 0`): pages/s of the extraction (decoding not
# timed, each tool's own clock, best of the runs) and of the whole process (start-up, reading
# and decoding the pages, writing the predictions: best wall time of the runs, and CPU time),
# with the ratio casefile / rs-trafilatura. resiliparse's text on Scrapinghub for reference.
#
# usage: bash bench/extraction.sh [--runs N] [--no-python]
#   --runs N       timing runs of each Rust tool (default 3; trafilatura runs once)
#   --no-python    skip trafilatura and resiliparse (their WCXB figures are in
#                  ../shared/bench/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/bench}
venv=bench/.venv-peers
work=bench/work/extraction
runs=3
python=1
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --no-python) python=0 ;;
    *) echo "usage: bash bench/extraction.sh [--runs N] [--no-python]" >&2; exit 2 ;;
  esac
  shift
done
pin=()
if command -v taskset > /dev/null; then pin=(taskset -c 0); else echo "no taskset: not pinned to one core" >&2; fi
if [ "$python" = 1 ] && [ ! -x "$venv/bin/python" ]; then bash "$shared/peers/setup.sh" "$venv"; fi
cargo build --release --quiet
cargo build --release --quiet --manifest-path bench/rs-trafilatura/Cargo.toml
rst=bench/rs-trafilatura/target/release/rs-trafilatura-bench

# timed TAG N CMD...: runs CMD N times on one core; its stderr goes to $work/TAG.log, one
# line "wall user sys" (seconds) per run to $work/TAG.time.
timed() {
  local tag=$1 n=$2 TIMEFORMAT='%R %U %S'
  shift 2
  : > "$work/$tag.log"
  : > "$work/$tag.time"
  for _ in $(seq "$n"); do
    { time "${pin[@]}" "$@" 2>> "$work/$tag.log"; } 2>> "$work/$tag.time"
  done
  tail -n 1 "$work/$tag.log"
}

for b in article-extraction wcxb-dev; do
  mkdir -p "$work/$b"
  echo "== $b"
  timed "$b/casefile" "$runs" ./target/release/casefile extract --bench "$shared/$b/html" \
    --out "$work/$b/casefile.json"
  timed "$b/rs-trafilatura" "$runs" "$rst" "$shared/$b/html" "$work/$b/rs-trafilatura.json"
  if [ "$python" = 1 ]; then
    timed "$b/trafilatura" 1 "$venv/bin/python" bench/trafilatura_run.py "$shared/$b/html" \
      "$work/$b/trafilatura.json"
  fi
done
if [ "$python" = 1 ]; then
  "${pin[@]}" "$venv/bin/python" "$shared/peers/run_extractors.py" --data "$shared/article-extraction" \
    --only resiliparse_main --out "$work/article-extraction" --timing "$work/article-extraction/timing.json"
fi

tools=(casefile rs-trafilatura)
[ "$python" = 1 ] && tools+=(trafilatura)
preds=()
for t in "${tools[@]}"; do preds+=("$t=$work/wcxb-dev/$t.json"); done

echo
echo "== Scrapinghub article-extraction: shingle F1 (shared scorer)"
python3 - "$shared" "$work" "$python" <<'PY'
import json, sys
shared, work, python = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
sys.path.insert(0, f"{shared}/score")
import extraction_f1 as sc
gold = json.load(open(f"{shared}/article-extraction/ground-truth.json"))
names = ["casefile", "rs-trafilatura"] + (["trafilatura", "resiliparse_main"] if python else [])
print(f"{'extractor':<18}{'F1':>7}{'P':>7}{'R':>7}{'empty':>7}")
for n in names:
    m = sc.score(gold, sc.load_pred(f"{work}/article-extraction/{n}.json")[0], n_boot=0)
    print(f"{n:<18}{m['f1']:>7.3f}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['empty_predictions']:>7}")
PY

echo
echo "== WCXB dev"
python3 bench/wcxb_score.py --shared "$shared" "${preds[@]}"
[ "$python" = 1 ] || echo "(trafilatura 2.3.1 on WCXB dev, ../shared/bench/README.md: macro-F1 articles 0.937, all kinds 0.823, 22-34 pages/s)"

echo
echo "== Speed, one core (${pin[*]:-not pinned}); extraction: best of the runs by the tool's own clock;"
echo "   whole process: best wall time of the runs, and pages per CPU second (user + sys)"
python3 - "$work" "${tools[@]}" <<'PY'
import re, sys
work, tools = sys.argv[1], sys.argv[2:]
print(f"{'benchmark':<20}{'tool':<16}{'pages':>6}{'extract p/s':>13}{'whole p/s':>11}{'whole p/CPU-s':>15}")
for b in ["article-extraction", "wcxb-dev"]:
    row = {}
    for t in tools:
        log = open(f"{work}/{b}/{t}.log").read()
        pages = int(re.findall(r"(\d+) pages,", log)[-1])
        extract = max(float(x) for x in re.findall(r"on one thread: ([\d.]+) pages/s", log))
        times = [list(map(float, l.split())) for l in open(f"{work}/{b}/{t}.time") if l.strip()]
        wall = pages / min(w for w, _, _ in times)
        cpu = pages / min(u + s for _, u, s in times)
        row[t] = (extract, wall, cpu)
        print(f"{b:<20}{t:<16}{pages:>6}{extract:>13.1f}{wall:>11.1f}{cpu:>15.1f}")
    c, r = row["casefile"], row["rs-trafilatura"]
    print(f"{b:<20}{'casefile/rs-traf':<16}{'':>6}{c[0]/r[0]:>12.1f}x{c[1]/r[1]:>10.1f}x{c[2]/r[2]:>14.1f}x")
PY
