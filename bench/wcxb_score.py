#!/usr/bin/env python3
"""Scores extraction predictions on the WCXB development split (../shared/bench/wcxb-dev), for
bench/wcxb.sh (casefile alone) and bench/extraction.sh (casefile beside its peers).

Main text: the shared scorer's word metric (`score/extraction_f1.py`, imported, lower-cased
\\w+ bags per page), per page kind: F1 = the harmonic mean of the mean page precision and
recall (the scorer's F1 column), macro = the mean of the pages' F1 (its macroF1 column, the
figure ../shared/bench/README.md reports for the peers).
Metadata: publication date, exact day (precision over pages given a date, recall over pages
that state one); title, share of pages equal to the ground truth after lower-casing and
single-spacing; author, the same equality, precision over pages given an author and recall
over pages that state one ("-" for a tool that gives none).

usage: wcxb_score.py [--shared DIR] [--detail] [--worst N] NAME=PRED.json [NAME=PRED.json ...]
  --detail   each tool's F1, P, R, macro and empty pages per kind (with one tool: instead of
             the comparison table)
  --worst N  each tool's N worst pages of each kind (F1 P R id url)
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(t):
    return " ".join((t or "").lower().split())


def prf(right, given, stated):
    P = right / given if given else 0.0
    R = right / stated if stated else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def metadata(gold, pred):
    """{date: (P, R, F1, right, given, stated), title: (acc, same, n), author: (P, R, F1, ...) or None}."""
    out = {}
    given = [k for k in gold if (pred.get(k) or {}).get("publish_date")]
    stated = [k for k in gold if gold[k].get("publish_date")]
    right = [k for k in given if gold[k].get("publish_date")
             and str(pred[k]["publish_date"])[:10] == gold[k]["publish_date"][:10]]
    out["date"] = (*prf(len(right), len(given), len(stated)), len(right), len(given), len(stated))
    titled = [k for k in gold if gold[k].get("title")]
    same = [k for k in titled if norm((pred.get(k) or {}).get("title")) == norm(gold[k]["title"])]
    out["title"] = (len(same) / len(titled) if titled else 0.0, len(same), len(titled))
    given = [k for k in gold if norm((pred.get(k) or {}).get("author"))]
    if given:
        stated = [k for k in gold if norm(gold[k].get("author"))]
        right = [k for k in given if norm(pred[k]["author"]) == norm(gold[k].get("author"))]
        out["author"] = (*prf(len(right), len(given), len(stated)), len(right), len(given), len(stated))
    else:
        out["author"] = None
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared", "bench"))
    ap.add_argument("--detail", action="store_true")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("preds", nargs="+", metavar="NAME=PRED.json")
    a = ap.parse_args(argv)
    sys.path.insert(0, os.path.join(a.shared, "score"))
    import extraction_f1 as sc
    sc.METRIC = "word"
    with open(os.path.join(a.shared, "wcxb-dev", "ground-truth.json"), encoding="utf8") as f:
        gold = json.load(f)
    tools = []
    for arg in a.preds:
        name, _, path = arg.partition("=")
        if not path:
            ap.error(f"{arg}: expected NAME=PRED.json")
        tools.append((name, sc.load_pred(path)[0]))
    kinds = sorted({g["page_type"] for g in gold.values()})
    subsets = [("all", gold)] + [(k, {i: g for i, g in gold.items() if g["page_type"] == k}) for k in kinds]
    scores = {name: {kind: sc.score(sub, pred, n_boot=0) for kind, sub in subsets} for name, pred in tools}

    if len(tools) > 1 or not a.detail:
        print(f"WCXB dev, word F1 per page kind (F1 / macro; {len(gold)} pages)")
        print(f"{'kind':<14}{'pages':>6}" + "".join(f"{name:>18}" for name, _ in tools))
        for kind, sub in subsets:
            cells = "".join(f"{scores[n][kind]['f1']:>12.3f} {scores[n][kind]['macro_f1']:.3f}" for n, _ in tools)
            print(f"{kind:<14}{len(sub):>6}{cells}")
    if a.detail:
        for name, _ in tools:
            print(f"\n{name}\n{'kind':<14}{'pages':>6}{'F1':>7}{'P':>7}{'R':>7}{'macro':>7}{'empty':>7}")
            for kind, sub in subsets:
                m = scores[name][kind]
                print(f"{kind:<14}{len(sub):>6}{m['f1']:>7.3f}{m['precision']:>7.3f}{m['recall']:>7.3f}"
                      f"{m['macro_f1']:>7.3f}{m['empty_predictions']:>7}")

    print(f"\n{'metadata':<16}{'date P':>16}{'date R':>16}{'date F1':>8}{'title':>17}{'author P':>16}{'author R':>16}{'author F1':>10}")
    for name, pred in tools:
        m = metadata(gold, pred)
        P, R, F, right, given, stated = m["date"]
        acc, same, titled = m["title"]
        line = (f"{name:<16}{P:>6.3f} {right:>4}/{given:<4}{R:>6.3f} {right:>4}/{stated:<4}{F:>8.3f}"
                f"{acc:>7.3f} {same:>4}/{titled:<4}")
        if m["author"]:
            aP, aR, aF, right, given, stated = m["author"]
            line += f"{aP:>6.3f} {right:>4}/{given:<4}{aR:>6.3f} {right:>4}/{stated:<4}{aF:>10.3f}"
        else:
            line += f"{'-':>16}{'-':>16}{'-':>10}"
        print(line)

    for name, pred in tools if a.worst else []:
        for kind in kinds:
            rows = []
            for k, g in gold.items():
                if g["page_type"] != kind:
                    continue
                tp, fp, fn = sc.page_counts(g["articleBody"], (pred.get(k) or {}).get("articleBody") or "")
                rows.append((sc.page_f1(tp, fp, fn), sc.page_precision(tp, fp, fn),
                             sc.page_recall(tp, fp, fn), k, g.get("url", "")))
            rows.sort()
            print(f"\n# {name}, {kind}: worst {a.worst} (F1 P R id url)")
            for f1, P, R, k, u in rows[:a.worst]:
                print(f"{f1:.2f} {P:.2f} {R:.2f} {k[:16]} {u[:80]}")
    return scores


if __name__ == "__main__":
    main()
