"""Leave-one-document-out check of the aligner's penalties on MAC-Dev.

For each document, pick the best (skip, merge, dictionary weight, length weight) on the other
five, score the held-out one with it, and sum the counts: an honest estimate of how well
settings tuned on MAC-Dev generalise. Prints each fold and the total next to the defaults.

Usage (from the repository root; embeddings are cached in ``.bitext-cache/``)::

    python bench/align_loo.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.aligner import AlignerConfig, align_sentences  # noqa: E402
from align.evaluate import Score, read_beads, score_document  # noqa: E402

SKIP = (1.0, 2.0)
MERGE = (0.2, 0.3, 0.4, 0.5)
DICTIONARY = (2.0, 3.0)
LENGTH = (0.1, 0.15)


def settings(base: AlignerConfig, skip: float, merge: float, dictionary: float,
             length: float) -> AlignerConfig:
    weights = dict(base.weights, dictionary=dictionary, length=length)
    return replace(base, skip=skip, merge=merge, weights=weights)


def total(scores: list[Score]) -> Score:
    out = Score()
    for s in scores:
        for name in ("precision_hits", "precision_total", "recall_hits", "recall_total"):
            setattr(out.strict, name, getattr(out.strict, name) + getattr(s.strict, name))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent
                                               / "shared" / "data"))
    args = parser.parse_args(argv)
    folder = Path(args.data) / "mac-dev"
    docs = sorted(p.stem for p in folder.glob("*.gold"))
    base = AlignerConfig()
    grid = list(itertools.product(SKIP, MERGE, DICTIONARY, LENGTH))
    results: dict[tuple, Score] = {}
    for k in docs:
        zh = (folder / f"{k}.zh").read_text(encoding="utf-8").splitlines()
        en = (folder / f"{k}.en").read_text(encoding="utf-8").splitlines()
        gold = read_beads(folder / f"{k}.gold")
        for params in grid:
            beads = align_sentences(zh, en, source_lang="zh", target_lang="en",
                                    config=settings(base, *params))
            results[params + (k,)] = score_document(gold, [(b.source, b.target) for b in beads])
    default = (base.skip, base.merge, base.weights["dictionary"], base.weights["length"])
    held_out = []
    print("| held out | chosen (skip, merge, dictionary, length) | held-out strict F1 | "
          "defaults |")
    print("|---|---|---|---|")
    for k in docs:
        train = [d for d in docs if d != k]
        best = max(grid, key=lambda p: total([results[p + (d,)] for d in train]).strict.f1)
        held_out.append(results[best + (k,)])
        d = results[default + (k,)] if default + (k,) in results else None
        print(f"| {k} | {best} | {results[best + (k,)].strict.f1:.3f} | "
              f"{d.strict.f1:.3f} |" if d else "- |")
    print(f"\nleave-one-document-out strict F1: {total(held_out).strict.f1:.3f}")
    if all(default + (k,) in results for k in docs):
        print(f"defaults {default} on all of MAC-Dev: "
              f"{total([results[default + (k,)] for k in docs]).strict.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
