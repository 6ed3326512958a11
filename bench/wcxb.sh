#!/usr/bin/env bash
# Main text on the WCXB development split (1,497 real pages of seven kinds, ../shared/bench/
# wcxb-dev): casefile's word F1, precision and recall per page kind, with the shared scorer
# (`score/extraction_f1.py --metric word`, lower-cased \w+ bags per page), and pages/s of the
# extraction on one thread (decoding not timed). Peers' figures on the same split are in
# ../shared/bench/README.md. Then publication date (P, R, F1 of the exact day) and title
# (share equal to the ground truth after lower-casing and single-spacing).
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
python3 - "$shared" "$work/casefile.json" "$worst" <<'PY'
import json, sys
shared, pred_path, worst = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, f"{shared}/score")
import extraction_f1 as sc
sc.METRIC = "word"
gold = json.load(open(f"{shared}/wcxb-dev/ground-truth.json"))
pred, _ = sc.load_pred(pred_path)
kinds = sorted({g["page_type"] for g in gold.values()})
# F1: the harmonic mean of the mean page precision and recall (the scorer's F1 column);
# macro: the mean of the pages' F1 (its macroF1 column, the figure ../shared/bench/README.md
# reports for the peers).
print(f"{'kind':<14}{'pages':>6}{'F1':>7}{'P':>7}{'R':>7}{'macro':>7}{'empty':>7}")
for kind in ["all"] + kinds:
    sub = {k: v for k, v in gold.items() if kind == "all" or v["page_type"] == kind}
    m = sc.score(sub, pred, n_boot=0)
    print(f"{kind:<14}{len(sub):>6}{m['f1']:>7.3f}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['macro_f1']:>7.3f}{m['empty_predictions']:>7}")
# Metadata: publication date (exact day; precision over pages given a date, recall over
# pages that state one) and title (equal after lower-casing and single-spacing).
norm = lambda t: " ".join((t or "").lower().split())
given = [k for k in gold if (pred.get(k) or {}).get("publish_date")]
stated = [k for k in gold if gold[k].get("publish_date")]
right = [k for k in given if gold[k].get("publish_date") and pred[k]["publish_date"] == gold[k]["publish_date"][:10]]
P = len(right) / len(given) if given else 0.0
R = len(right) / len(stated) if stated else 0.0
F = 2 * P * R / (P + R) if P + R else 0.0
print(f"\npublish date: P {P:.3f} ({len(right)}/{len(given)})  R {R:.3f} ({len(right)}/{len(stated)})  F1 {F:.3f}")
titled = [k for k in gold if gold[k].get("title")]
same = [k for k in titled if norm((pred.get(k) or {}).get("title")) == norm(gold[k]["title"])]
print(f"title: exact {len(same)/len(titled):.3f} ({len(same)}/{len(titled)})")
if worst:
    for kind in kinds:
        rows = []
        for k, g in gold.items():
            if g["page_type"] != kind:
                continue
            p = (pred.get(k) or {}).get("articleBody") or ""
            tp, fp, fn = sc.page_counts(g["articleBody"], p)
            rows.append((sc.page_f1(tp, fp, fn), sc.page_precision(tp, fp, fn), sc.page_recall(tp, fp, fn), k, g.get("url", "")))
        rows.sort()
        print(f"\n# {kind}: worst {worst} (F1 P R id url)")
        for f, P, R, k, u in rows[:worst]:
            print(f"{f:.2f} {P:.2f} {R:.2f} {k[:16]} {u[:80]}")
PY
