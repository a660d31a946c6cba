"""Segmentation speed: sentences per second on about 1 MB of zh and of en text.

Run: python bench/segment_speed.py [--mb 1]

The text is the corpus document repeated to the size asked for. ``split_sentences`` is the
splitter alone, fed line by line; ``parse_document`` is the whole read → segment stage
(Markdown blocks, inline markup, sentences with positions).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from align.reader import parse_document
from align.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = ap.parse_args()
    print(f"{'lang':4} {'stage':18} {'MB':>5} {'sentences':>10} {'best s':>8} {'sent/s':>12}")
    for lang in ("zh", "en"):
        base = (ROOT / "corpus" / lang / "ketamine.md").read_text(encoding="utf-8") + "\n"
        size = int(args.mb * 1_000_000)
        text = base * max(1, size // len(base.encode()))
        mb = len(text.encode()) / 1e6
        def per_line(t: str, lang: str = lang) -> list:
            # The splitter alone, fed line by line as the block parser feeds it.
            return [s for ln in t.splitlines() for s in split_sentences(ln, lang)]

        for stage, fn in (("split_sentences", per_line),
                          ("parse_document", lambda t, lang=lang:
                           parse_document(t, "bench.md", lang).sentences)):
            best = float("inf")
            n = 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                n = len(fn(text))
                best = min(best, time.perf_counter() - t0)
            print(f"{lang:4} {stage:18} {mb:5.2f} {n:10,d} {best:8.3f} {n / best:12,.0f}")


if __name__ == "__main__":
    main()
