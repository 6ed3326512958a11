#!/usr/bin/env bash
# Main text on the WCXB development split (1,497 real pages of seven kinds, ../shared/bench/
# wcxb-dev): casefile's word F1, precision and recall per page kind, with the shared scorer
# (`score/extraction_f1.py --metric word`, lower-cased \w+ bags per page), and pages/s of the
# extraction on one thread (decoding not timed). Peers' figures on the same split are in
# ../shared/bench/README.md. Then publication date (P, R, F1 of the exact day) and title
# (share equal to the ground truth after lower-casing and single-spacing).
#
# Scored by bench/wcxb_score.py; bench/extraction.sh runs rs-trafilatura and trafilatura beside
# casefile on this split and on the Scrapinghub benchmark.
#
# usage: bash bench/wcxb.sh [--pages N]    (N: print the N worst pages of each kind too)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/bench}
work=bench/work/wcxb
mkdir -p "$work"
worst=0
[ "${1:-}" = "--pages" ] && worst=${2:-10}
cargo build --release --quiet
./target/release/casefile extract --bench "$shared/wcxb-dev/html" --out "$work/casefile.json" \
  2> "$work/casefile.log"
cat "$work/casefile.log"
# Scoring shared with bench/extraction.sh (which runs the peers beside casefile).
python3 bench/wcxb_score.py --shared "$shared" --detail --worst "$worst" casefile="$work/casefile.json"
