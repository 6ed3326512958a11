"""Hostile inputs for bench/robustness.sh: one shape at one size.

Usage: python3 bench/robustness_gen.py SHAPE SIZE DIR
SIZE is bytes of the one document written to DIR (doc.txt or doc.html), except for the
`many-docs` shape, where it is the number of small files. Every name is invented; the
output is deterministic (seeded).
"""

import random
import string
import sys


def names(rng, n_first=400, n_last=400):
    def word(k):
        w = rng.choice(string.ascii_uppercase)
        for i in range(k - 1):
            w += rng.choice("aeiou" if i % 2 == 0 else "bcdfghklmnprstvz")
        return w

    first = sorted({word(rng.randint(4, 7)) for _ in range(n_first)})
    last = sorted({word(rng.randint(5, 9)) for _ in range(n_last)})
    return first, last


def fill(size, piece):
    """Repeats `piece()` until `size` bytes, cut at `size`."""
    parts, n = [], 0
    while n < size:
        p = piece()
        parts.append(p)
        n += len(p)
    return "".join(parts)[:size]


def main():
    shape, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(7)
    ext = "txt"
    if shape == "token-cap":
        text = fill(size, lambda: "Tomasvarga")
    elif shape == "token-upper":
        text = fill(size, lambda: "TOMASVARGA")
    elif shape == "token-lower":
        text = fill(size, lambda: "tomasvarga")
    elif shape == "hyphen-upper":
        text = fill(size, lambda: "".join(rng.choice(string.ascii_uppercase) for _ in range(3)) + "-")
    elif shape == "hyphen-cap":
        text = fill(size, lambda: rng.choice(["Varga", "Moravec", "Velmara", "Tomas", "Elena"]) + "-")
    elif shape == "apostrophe-cap":
        text = fill(size, lambda: rng.choice(["O'Neil", "O'Brien", "D'Arcy", "Varga"]) + "'")
    elif shape == "apostrophe-upper":
        text = fill(size, lambda: rng.choice(["O'NEIL", "O'BRIEN", "D'ARCY", "VARGA"]) + "'")
    elif shape == "names":
        first, last = names(rng)
        verbs = ["met", "and", "with", "called", "told", "joined"]
        text = fill(size, lambda: f"{rng.choice(first)} {rng.choice(last)} {rng.choice(verbs)} "
                    f"{rng.choice(first)} {rng.choice(last)}. ")
    elif shape == "dates":
        months = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]
        text = fill(size, lambda: f"{rng.randint(1, 28)} {rng.choice(months)} {rng.randint(1990, 2024)}, ")
    elif shape == "tiny-lines":
        words = ["Tomas", "Varga", "was", "arrested", "in", "Velmara", "on", "3", "May", "2021"]
        text = fill(size, lambda: rng.choice(words) + "\n")
    elif shape == "prose":
        words = ["Varga", "was", "sentenced", "on", "25", "July", "2017", "to", "four", "years",
                 "the", "union", "in", "Velmara", "and", "court", "released", "Moravec",
                 "arrested"]
        text = fill(size, lambda: rng.choice(words) + " ")
    elif shape == "nested":
        ext = "html"
        tail = "<p>Tomas Varga was arrested in Velmara on 3 May 2021 by the police.</p>"
        text = fill(size - len(tail), lambda: "<div>") + tail
    elif shape == "unclosed":
        ext = "html"
        text = fill(size, lambda: "<p>Tomas Varga was arrested in Velmara on 3 May 2021. ")
    elif shape == "many-docs":
        for i in range(size):
            with open(f"{out}/doc{i:06}.txt", "w") as f:
                f.write("Tomas Varga was arrested in Velmara on 3 May 2021.\n")
        return
    else:
        sys.exit(f"unknown shape {shape}")
    with open(f"{out}/doc.{ext}", "w") as f:
        f.write(text)


main()
