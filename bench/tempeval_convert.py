#!/usr/bin/env python3
"""Glue for bench/tempeval.sh.

  tempeval_convert.py to-annotate DOCS.jsonl OUT.jsonl   {doc,dct,text} -> annotate input
  tempeval_convert.py to-pred ANNOTATED.jsonl OUT.jsonl  annotate output -> scorer predictions
"""
import json
import sys

mode, src, dst = sys.argv[1:4]
with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    for line in f:
        d = json.loads(line)
        if mode == "to-annotate":
            out.write(json.dumps({"id": d["doc"], "text": d["text"], "published": d["dct"]},
                                 ensure_ascii=False) + "\n")
        else:
            if "error" in d:
                print("annotate error:", d, file=sys.stderr)
                continue
            for t in d["timexes"]:
                out.write(json.dumps({"doc": d["id"], "start": t["start"], "end": t["end"],
                                      "value": t["value"], "type": t["type"]}) + "\n")
