#!/usr/bin/env python3
"""Write the labeled eval corpus: one JSON line per sample (see eval/common.py).

Deterministic: the same seed gives the same file byte for byte. Every module in
eval/ with a `samples(rng)` function contributes; each gets its own random stream
(seeded by the module name), so adding a module does not change the others' samples.

    python3 Corpus/generators/make_eval_corpus.py --out Corpus/generated/eval/samples.jsonl
"""

import argparse
import hashlib
import importlib
import json
import os
import pkgutil
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as eval_package  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--if-missing", action="store_true")
    args = parser.parse_args()
    if args.if_missing and os.path.exists(args.out):
        return
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    records = []
    for info in sorted(pkgutil.iter_modules(eval_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"eval.{info.name}")
        if not hasattr(module, "samples"):
            continue
        seed = int.from_bytes(hashlib.sha256(f"{args.seed}:{info.name}".encode()).digest()[:8], "big")
        for sample in module.samples(random.Random(seed)):
            records.append(sample.record())
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(tmp, args.out)
    print(f"{len(records)} samples -> {args.out}")


if __name__ == "__main__":
    main()
