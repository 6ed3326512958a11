#!/usr/bin/env python3
"""Per-page precision and recall of an extraction prediction file, worst first, with the
shared scorer's own metric (imported, not copied). For finding what an extractor gets
wrong; the corpus-level figures come from the scorer itself.

usage: extraction_pages.py GROUND_TRUTH.json PRED.json [N]
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "bench", "score"))
import extraction_f1 as sc  # noqa: E402

gold = json.load(open(sys.argv[1]))
pred, _ = sc.load_pred(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
rows = []
for pid, g in gold.items():
    p = (pred.get(pid) or {}).get("articleBody") or ""
    tp, fp, fn = sc.page_counts(g["articleBody"], p)
    P, R = sc.page_precision(tp, fp, fn), sc.page_recall(tp, fp, fn)
    rows.append((min(P, R), P, R, pid, g.get("url", "")))
rows.sort()
for m, P, R, pid, url in rows[:n]:
    print(f"{P:.2f} {R:.2f} {pid[:12]} {url[:90]}")
