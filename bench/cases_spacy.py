#!/usr/bin/env python3
"""spaCy's statistical NER as a peer of casefile on the cases set, scored by the official
cases scorer (same definitions: entity recall all/domain, precision, linking accuracy).

usage: cases_spacy.py --set DIR --scorer cases_score.py --out DIR [--bin casefile] MODEL...

Each MODEL (an installed spaCy pipeline package) runs its NER alone over the texts; labels
PERSON->person, ORG->org, GPE/LOC/FAC->place (NORP and the rest dropped); entity_id is
"spacy/<LABEL>/<lowercased text>". Predictions go to OUT/spacy-MODEL.jsonl (character
offsets, no timexes or events) and through `cases_score.py --pred`. With --bin, casefile
annotate (without and with --names) is run on the same input, timed, and scored the same way.
docs/s: best of three passes; spaCy excludes model loading, casefile includes its process
start and rule/gazetteer loading (so it is a lower bound for casefile).
"""
import argparse
import json
import os
import subprocess
import sys
import time

TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
KEYS = ("entity_recall_all", "entity_precision", "entity_recall_domain", "linking_accuracy")


def score(a, pred):
    out = subprocess.run([sys.executable, a.scorer, "--set", a.set, "--pred", pred],
                         check=True, capture_output=True, text=True).stdout
    return dict(kv.split("=") for kv in out.split("\n")[0].split())


def run_spacy(name, gold, texts):
    import spacy
    nlp = spacy.load(name)
    keep = {"ner"}
    if "tok2vec" in nlp.pipe_names and "ner" in nlp.get_pipe("tok2vec").listening_components:
        keep.add("tok2vec")
    nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep])
    secs = float("inf")
    for _ in range(3):  # best of three (the first pass includes warm-up)
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts[r["id"]] for r in gold))
        secs = min(secs, time.perf_counter() - t0)
    preds = [{"id": r["id"], "text": d.text, "timexes": [], "events": [],
              "mentions": [{"start": e.start_char, "end": e.end_char, "entity_type": TYPES[e.label_],
                            "entity_id": f"spacy/{e.label_}/{e.text.lower()}"}
                           for e in d.ents if e.label_ in TYPES]}
             for r, d in zip(gold, docs)]
    return preds, secs, f"model {nlp.meta['version']}, spaCy {spacy.__version__}, pipes {'+'.join(nlp.pipe_names)}"


def run_casefile(binary, gold, texts, names):
    # Same input as cases_score.py --bin; rules/gazetteers are resolved from the working dir.
    inp = "".join(json.dumps({"id": r["id"], "text": texts[r["id"]],
                              "published": r["publication_date"]}) + "\n" for r in gold)
    cmd = [binary, "annotate", "--format", "jsonl"] + (["--names", names] if names else [])
    secs = float("inf")
    for _ in range(3):  # best of three, like spaCy
        t0 = time.perf_counter()
        out = subprocess.run(cmd, input=inp, check=True, capture_output=True, text=True).stdout
        secs = min(secs, time.perf_counter() - t0)
    return [json.loads(l) for l in out.splitlines() if l.strip()], secs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True)
    ap.add_argument("--scorer", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--bin")
    ap.add_argument("models", nargs="+")
    a = ap.parse_args()
    gold = [json.loads(l) for l in open(os.path.join(a.set, "records.jsonl"), encoding="utf-8") if l.strip()]
    texts = {r["id"]: open(os.path.join(a.set, "texts", r["id"] + ".txt"), encoding="utf-8").read()
             for r in gold}
    os.makedirs(a.out, exist_ok=True)
    runs = []
    for m in a.models:
        preds, secs, desc = run_spacy(m, gold, texts)
        runs.append((f"spacy {m}", preds, secs, desc))
    if a.bin:
        for label, names in (("casefile", None), ("casefile --names", os.path.join(a.set, "names.tsv"))):
            preds, secs = run_casefile(a.bin, gold, texts, names)
            runs.append((label, preds, secs, "process start and loading included"))
    print(f"{'system':<34} {'rec_all':>8} {'prec':>6} {'rec_dom':>8} {'linking':>8} {'docs/s':>8}")
    for label, preds, secs, desc in runs:
        pred = os.path.join(a.out, label.replace(" --", "-").replace(" ", "-") + ".jsonl")
        with open(pred, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in preds)
        s = score(a, pred)
        print(f"{label:<34} " + " ".join(f"{s[k]:>{w}}" for k, w in zip(KEYS, (8, 6, 8, 8)))
              + f" {len(gold) / secs:>8.1f}   ({desc})")


if __name__ == "__main__":
    main()
