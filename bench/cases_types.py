#!/usr/bin/env python3
"""Per-event-type precision and recall on the shared cases dev set.

Reads the error list that the shared scorer (../shared/bench/score/cases_score.py) writes
with --errors, plus the gold records next to it (records.jsonl), and prints a Markdown
table: one row per event type (most gold events first), columns type, gold, predicted,
precision, recall, F1, and a total row that equals the scorer's event P / R / F1.

usage: python3 bench/cases_types.py [--errors FILE] [--names | --no-names]
                                    [--records FILE] [--json FILE] [--examples N]

  --errors FILE   the scorer's --errors output (default: bench/work/cases/errors-names.jsonl,
                  the run with the name list; --names picks that one explicitly, --no-names
                  picks bench/work/cases/errors.jsonl, the run without it)
  --records FILE  the gold records (default: records.jsonl in the errors file's folder)
  --json FILE     the scorer's --json output of the same run: check that the totals agree
                  (events_gold, events_pred, event precision / recall); exit 1 if not
  --examples N    after the table, up to N evidence spans of missed gold events per type

Run `bash bench/cases.sh --errors` first: it writes the error files (and prints this table
for the run with the name list).

How the counts follow from the scorer: it matches predicted to gold events one-to-one
within a document, and only events of the same type (then a shared subject and a
compatible date). Hence, per type t,
  gold_t      gold events of type t                      (records.jsonl)
  missed_t    "event-missed" lines whose gold.type is t  (errors file)
  spurious_t  "event-spurious" lines whose type is t     (errors file)
  matched_t = gold_t - missed_t
  pred_t    = matched_t + spurious_t   (every predicted event is matched or spurious)
  precision_t = matched_t / pred_t, recall_t = matched_t / gold_t,
  F1_t = 2 matched_t / (gold_t + pred_t).
Summed over types these are the scorer's events_gold, events_pred and event P / R / F1.
Python 3 standard library only.
"""
import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.join(HERE, "work", "cases")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def ratio(a, b):
    return a / b if b else None


def fmt(x):
    return "n/a" if x is None else f"{x:.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="See the header of this file for the definitions.")
    ap.add_argument("--errors", help="the scorer's --errors file")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--names", dest="names", action="store_true", default=True,
                       help="the run with the name list: errors-names.jsonl (default)")
    which.add_argument("--no-names", dest="names", action="store_false",
                       help="the run without a name list: errors.jsonl")
    ap.add_argument("--records", help="gold records.jsonl (default: next to the errors file)")
    ap.add_argument("--json", help="the scorer's --json output of the same run, to cross-check")
    ap.add_argument("--examples", type=int, default=0, metavar="N",
                    help="print up to N missed evidence spans per type")
    a = ap.parse_args()

    errors_path = a.errors or os.path.join(SET_DIR, "errors-names.jsonl" if a.names else "errors.jsonl")
    records_path = a.records or os.path.join(os.path.dirname(os.path.abspath(errors_path)), "records.jsonl")
    for p in (errors_path, records_path):
        if not os.path.exists(p):
            sys.exit(f"cases_types.py: {p} not found (run `bash bench/cases.sh --errors` first)")

    gold = collections.Counter()
    for r in read_jsonl(records_path):
        for e in r["events"]:
            gold[e["type"]] += 1
    missed, spurious = collections.Counter(), collections.Counter()
    missed_examples = collections.defaultdict(list)
    for e in read_jsonl(errors_path):
        if e.get("kind") == "event-missed":
            t = e["gold"]["type"]
            missed[t] += 1
            missed_examples[t].append((e["doc"], e["gold"].get("evidence")))
        elif e.get("kind") == "event-spurious":
            spurious[str(e.get("type"))] += 1  # a predicted event without a type shows as "None"
    if set(missed) - set(gold) or any(missed[t] > gold[t] for t in missed):
        sys.exit(f"cases_types.py: {errors_path} does not fit {records_path} (more misses than gold events)")

    types = set(gold) | set(spurious)
    rows = []
    for t in types:
        g, m = gold[t], gold[t] - missed[t]
        p = m + spurious[t]
        rows.append((t, g, p, m))
    rows.sort(key=lambda r: (-r[1], -r[2], r[0]))

    print(f"Events per type ({os.path.relpath(errors_path)})")
    print()
    print("| type | gold | predicted | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|")
    for t, g, p, m in rows:
        print(f"| {t} | {g} | {p} | {fmt(ratio(m, p))} | {fmt(ratio(m, g))} | {fmt(ratio(2 * m, g + p))} |")
    G, P, M = (sum(r[i] for r in rows) for i in (1, 2, 3))
    prec, rec = ratio(M, P), ratio(M, G)
    f1 = 2 * prec * rec / (prec + rec) if prec and rec else 0.0
    print(f"| **total** | **{G}** | **{P}** | **{fmt(prec)}** | **{fmt(rec)}** | **{fmt(f1)}** |")

    if a.json:
        with open(a.json, encoding="utf-8") as f:
            s = json.load(f)
        want = (s["counts"]["events_gold"], s["counts"]["events_pred"],
                round(s["event_precision"], 9), round(s["event_recall"], 9))
        got = (G, P, round(prec or 0, 9), round(rec or 0, 9))
        if want != got:
            sys.exit(f"cases_types.py: totals {got} differ from the scorer's {want} ({a.json})")

    if a.examples > 0:
        print()
        print("Missed gold events, by type (doc: evidence)")
        for t, g, p, m in sorted(rows, key=lambda r: (-missed[r[0]], r[0])):
            if not missed[t]:
                continue
            print(f"\n{t}: {missed[t]} missed of {g}")
            for doc, ev in missed_examples[t][:a.examples]:
                print(f"  {doc}: {ev}")


if __name__ == "__main__":
    main()
