#!/usr/bin/env python3
"""trafilatura over a directory of pages, for bench/extraction.sh: the same input and output
as `casefile extract --bench DIR --out FILE` and bench/rs-trafilatura.

Reads every *.html / *.htm (gzipped or not) of DIR and decodes it with trafilatura's own
`utils.decode_file` (not timed), then extracts each page in this one thread with the call
of the shared peer script (`extract(html, include_comments=False)`) plus its metadata
(`output_format="json", with_metadata=True`: the text is the same, and title, author and
date come from the same parse; timed), and writes
{id: {"articleBody", "title", "author", "publish_date"}}. Prints pages/s to stderr.

usage: bench/.venv-peers/bin/python bench/trafilatura_run.py DIR OUT.json
"""
import gzip
import json
import os
import sys
import time
from importlib.metadata import version

import trafilatura
from trafilatura.utils import decode_file


def main():
    start = time.perf_counter()
    if len(sys.argv) != 3:
        sys.exit("usage: trafilatura_run.py DIR OUT.json")
    src, out = sys.argv[1], sys.argv[2]
    pages = {}
    for name in sorted(os.listdir(src)):
        base = name.lower().removesuffix(".gz")
        if not (base.endswith(".html") or base.endswith(".htm")):
            continue
        path = os.path.join(src, name)
        try:
            opener = gzip.open if name.lower().endswith(".gz") else open
            with opener(path, "rb") as f:
                pages[name.split(".")[0]] = decode_file(f.read())
        except (OSError, EOFError) as e:  # one unreadable page is reported, the rest go on
            print(f"trafilatura_run: skipped {path}: {e}", file=sys.stderr)
    size = sum(len(h.encode("utf8", "replace")) for h in pages.values())
    preds, spent = {}, 0.0
    for pid, html in pages.items():
        t0 = time.perf_counter()
        try:
            res = trafilatura.extract(html, include_comments=False, output_format="json",
                                      with_metadata=True)
        except Exception as e:  # an extractor crash counts as an empty page
            print(f"trafilatura_run: {pid}: {type(e).__name__}: {e}", file=sys.stderr)
            res = None
        spent += time.perf_counter() - t0
        d = json.loads(res) if res else {}
        preds[pid] = {"articleBody": d.get("text") or "", "title": d.get("title"),
                      "author": d.get("author"), "publish_date": d.get("date")}
    tmp = out + ".part"  # renamed when complete: never a half-written predictions file
    with open(tmp, "w", encoding="utf8") as f:
        json.dump(preds, f, ensure_ascii=False)
    os.replace(tmp, out)
    n, whole = len(pages), time.perf_counter() - start
    print(f"trafilatura {version('trafilatura')} extract: {n} pages, {size / 1e6:.1f} MB in "
          f"{spent:.3f}s on one thread: {n / spent:.1f} pages/s, {size / 1e6 / spent:.1f} MB/s; "
          f"whole process {whole:.3f}s: {n / whole:.1f} pages/s", file=sys.stderr)


if __name__ == "__main__":
    main()
