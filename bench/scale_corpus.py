#!/usr/bin/env python3
"""Builds a large real-HTML corpus for the scale benchmark: the 181 pages of the shared
article-extraction benchmark (decompressed) and the seed corpus, repeated until the corpus
reaches the wanted size. Every copy gets a different id (an HTML comment or a last line
naming the copy), so documents differ in content hash but not in text; files go into
subdirectories of 1,000.

usage: scale_corpus.py SIZE_MB OUT_DIR [--shared DIR] [--seeds DIR]
Prints: files, MB.
"""
import argparse
import gzip
import os
import shutil


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("size_mb", type=float)
    ap.add_argument("out")
    ap.add_argument("--shared", default="../shared/bench")
    ap.add_argument("--seeds", default="corpus")
    a = ap.parse_args()
    pages = []
    src = os.path.join(a.shared, "article-extraction", "html")
    for name in sorted(os.listdir(src)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(src, name), "rb") as f:
                pages.append((name[:-3], f.read(), None))
    for name in sorted(os.listdir(a.seeds)):
        if name.endswith(".txt"):
            with open(os.path.join(a.seeds, name), "rb") as f:
                pages.append((name, f.read(), None))
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    target = int(a.size_mb * 1e6)
    total = files = copy = 0
    while total < target:
        for name, body, _ in pages:
            if total >= target:
                break
            d = os.path.join(a.out, f"d{files // 1000:04d}")
            os.makedirs(d, exist_ok=True)
            stem, ext = os.path.splitext(name)
            fname = f"c{copy:05d}_{stem}{ext}"
            if ext == ".html":
                data = body + f"\n<!-- copy {copy} -->\n".encode()
            else:
                data = body + f"\n\n(copy {copy})\n".encode()
            with open(os.path.join(d, fname), "wb") as f:
                f.write(data)
            total += len(data)
            files += 1
        copy += 1
    print(f"{files} files, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
