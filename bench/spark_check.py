#!/usr/bin/env python3
"""Runs casefile's map step through PySpark (local[2]) and checks the result equals a plain
run: every document of CORPUS becomes one JSON line {"id", "html" | "text"}, the lines are
split into 4 partitions and piped through `casefile annotate --format jsonl` with
RDD.pipe; the collected output must equal, line for line, what one `casefile annotate
--format jsonl` process writes for the same input.

usage: spark_check.py CASEFILE_BINARY CORPUS_DIR WORK_DIR
"""
import json
import os
import subprocess
import sys
import time


def main():
    binary, corpus, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    lines = []
    for root, _, files in os.walk(corpus):
        for f in sorted(files):
            p = os.path.join(root, f)
            if f.endswith((".html", ".htm")):
                kind = "html"
            elif f.endswith(".txt"):
                kind = "text"
            else:
                continue
            with open(p, "rb") as fh:
                body = fh.read().decode("utf-8", errors="replace")
            lines.append(json.dumps({"id": os.path.relpath(p, corpus), kind: body}, ensure_ascii=False))
    lines.sort()
    inp = os.path.join(work, "input.jsonl")
    with open(inp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    cmd = [os.path.abspath(binary), "annotate", "--format", "jsonl", "--jobs", "1",
           "--gazetteers", os.path.abspath("gazetteers"), "--rules", os.path.abspath("rules")]

    t0 = time.time()
    with open(inp, "rb") as f:
        plain = subprocess.run(cmd, stdin=f, capture_output=True, check=True).stdout
    plain_lines = plain.decode("utf-8").splitlines()
    t_plain = time.time() - t0

    from pyspark import SparkConf, SparkContext
    conf = (SparkConf().setMaster("local[2]").setAppName("casefile-pipe")
            .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    t0 = time.time()
    rdd = sc.parallelize(lines, 4)
    piped = rdd.pipe(" ".join(cmd), env={"LC_ALL": "C.UTF-8"}).collect()
    t_spark = time.time() - t0
    sc.stop()

    ok = piped == plain_lines
    print(json.dumps({"documents": len(lines), "plain_lines": len(plain_lines),
                      "spark_lines": len(piped), "equal": ok,
                      "plain_seconds": round(t_plain, 2), "spark_seconds": round(t_spark, 2)}))
    if not ok:
        for i, (a, b) in enumerate(zip(piped, plain_lines)):
            if a != b:
                print(f"first difference at line {i + 1}", file=sys.stderr)
                break
        sys.exit(1)


if __name__ == "__main__":
    main()
