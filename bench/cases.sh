#!/usr/bin/env bash
# Entities, dates and events on the shared cases dev set (../shared/cases: 33 real articles
# about other cases, gold annotations, a researcher's names.tsv), scored by the shared
# scorer, without and with the name list (`--names`). The texts are third-party and not in
# the repository: restore them once per machine into bench/work/cases/texts/ (see
# ../shared/cases/README.md); this script checks them first.
#
# usage: bench/cases.sh [--errors]     (--errors: every miss and spurious item into
#                                        bench/work/cases/errors{,-names}.jsonl, then the
#                                        events per type with --names: bench/cases_types.py)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
set_dir=bench/work/cases
mkdir -p "$set_dir"
cp "$shared/cases/records.jsonl" "$shared/cases/names.tsv" "$set_dir/"
python3 "$shared/cases/check_texts.py" "$set_dir/texts" > /dev/null || {
  echo "bench/cases.sh: restore the texts into $set_dir/texts first (../shared/cases/README.md)"; exit 1; }
cargo build --release --quiet
score="$shared/bench/score/cases_score.py"
err() { [ "${1:-}" = "--errors" ] && echo "--errors $set_dir/$2.jsonl"; }
echo "== without a name list"
python3 "$score" --set "$set_dir" --bin target/release/casefile $(err "${1:-}" errors)
echo "== with --names names.tsv"
python3 "$score" --set "$set_dir" --bin target/release/casefile --names-arg $(err "${1:-}" errors-names) \
  $([ "${1:-}" = "--errors" ] && echo "--json $set_dir/score-names.json")
if [ "${1:-}" = "--errors" ]; then
  echo "== events per type, with --names names.tsv"
  python3 bench/cases_types.py --errors "$set_dir/errors-names.jsonl" --json "$set_dir/score-names.json"
fi
