#!/usr/bin/env python3
"""Print the README's identifier table: `trawl detectors list` joined with the
per-identifier precision and recall of `trawl detectors eval` on the eval corpus.

    python3 Tools/catalogue_table.py [--trawl .build/release/trawl] [--samples FILE]
"""

import argparse
import subprocess
import sys


def columns(line: str) -> list:
    return line.split()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trawl", default=".build/release/trawl")
    ap.add_argument("--samples", default="Corpus/generated/eval/samples.jsonl")
    args = ap.parse_args()
    listing = subprocess.run([args.trawl, "detectors", "list"], check=True, capture_output=True, text=True).stdout
    evaluation = subprocess.run([args.trawl, "detectors", "eval", args.samples], check=True,
                                capture_output=True, text=True).stdout
    scores = {}
    for line in evaluation.splitlines()[1:]:
        c = columns(line)
        if len(c) == 8:
            scores[c[0]] = (c[6], c[7])
    rows = [columns(l) for l in listing.splitlines()[1:-1]]
    by_category = {}
    for r in rows:
        by_category.setdefault(r[1], []).append(r)
    print("| ID | keyword | validator | severity (1 / 2-99 / 100+) | recommended | precision | recall |")
    print("|---|---|---|---|---|---:|---:|")
    for category in ["CREDENTIALS", "FINANCIAL_INFORMATION", "PERSONAL_INFORMATION"]:
        group = by_category.get(category, [])
        print(f"| **{category}** ({len(group)}) | | | | | | |")
        for r in group:
            precision, recall = scores.get(r[0], ("-", "-"))
            cells = [f"`{r[0]}`", r[2], r[3].replace("|", " + "), r[4], r[5], precision, recall]
            print("| " + " | ".join(cells) + " |")
    print(f"\n{len(rows)} identifiers: " + ", ".join(f"{len(v)} {k}" for k, v in by_category.items()) + ".")


if __name__ == "__main__":
    sys.exit(main())
