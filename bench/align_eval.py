"""Benchmark the sentence aligner on MAC-Dev and the Bible: strict/lax P/R/F1, speed, calibration.

Usage (from the repository root)::

    python bench/align_eval.py                       # every score combination, both sets
    python bench/align_eval.py --sets mac-dev --combos all
    python bench/align_eval.py --data ../shared/data --cache-dir /tmp/bench-cache

Gold files list zh first, so the aligner runs with zh as source and en as target. Each
combination is run cold (embedding cache emptied); the last one is re-run with a warm cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.aligner import AlignerConfig, align_sentences_with_signature  # noqa: E402
from align.evaluate import Score, merge_within_units, read_beads, score_document  # noqa: E402

COMBOS = {
    "length": ("length",),
    "+anchors": ("length", "anchors"),
    "+dictionary": ("length", "anchors", "dictionary"),
    "+embeddings": ("length", "anchors", "embeddings"),
    "all": ("length", "anchors", "dictionary", "embeddings"),
}


@dataclass
class Run:
    score: Score
    seconds: float
    sentences: int
    confident: int
    confident_right: int
    embedded: int
    signature: str
    timings: dict[str, float]


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def run_set(folder: Path, config: AlignerConfig) -> Run:
    total = Score()
    seconds = 0.0
    sentences = confident = right = embedded = 0
    sig = ""
    timings: dict[str, float] = {}
    for gold_path in sorted(folder.glob("*.gold")):
        stem = gold_path.with_suffix("")
        zh, en = lines(stem.with_suffix(".zh")), lines(stem.with_suffix(".en"))
        start = time.perf_counter()
        beads, sig, evidence = align_sentences_with_signature(
            zh, en, source_lang="zh", target_lang="en", config=config)
        seconds += time.perf_counter() - start
        sentences += len(zh) + len(en)
        embedded += evidence.embedded
        for k, v in evidence.timings.items():
            timings[k] = timings.get(k, 0.0) + v
        gold = read_beads(gold_path)
        predicted = [(b.source, b.target) for b in beads]
        gold_set = {(tuple(s), tuple(t)) for s, t in gold}
        for b in beads:
            if b.confidence >= 0.9:
                confident += 1
                right += (b.source, b.target) in gold_set
        zv, ev = stem.with_suffix(".zh.verse"), stem.with_suffix(".en.verse")
        if zv.exists() and ev.exists():  # the Bible's gold is verse-level
            predicted = merge_within_units(predicted, lines(zv), lines(ev))
        score_document(gold, predicted, into=total)
    return Run(total, seconds, sentences, confident, right, embedded, sig, timings)


def row(name: str, dataset: str, run: Run) -> str:
    s, x = run.score.strict, run.score.lax
    rate = run.sentences / run.seconds if run.seconds else float("inf")
    conf = f"{run.confident_right / run.confident:.3f} ({run.confident})" if run.confident else "-"
    return (f"| {dataset} | {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
            f"{x.f1:.3f} | {conf} | {run.seconds:.1f} | {rate:,.0f} |")


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1/5/15 min)"
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent
                                               / "shared" / "data"))
    parser.add_argument("--sets", nargs="+", default=["mac-dev", "bible"])
    parser.add_argument("--combos", nargs="+", default=list(COMBOS), choices=list(COMBOS))
    parser.add_argument("--cache-dir", default=None,
                        help="embedding cache folder (default: a fresh temporary one)")
    args = parser.parse_args(argv)
    cache = Path(args.cache_dir or tempfile.mkdtemp(prefix="bitext-bench-"))
    print("| set | scores | strict P | strict R | strict F1 | lax F1 | "
          "correct at conf≥0.9 (n) | seconds | sentences/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    signatures = {}
    breakdown = []
    for dataset in args.sets:
        folder = Path(args.data) / dataset
        for name in args.combos:
            shutil.rmtree(cache, ignore_errors=True)  # cold: nothing cached
            config = replace(AlignerConfig(), scores=COMBOS[name], cache_dir=str(cache))
            run = run_set(folder, config)
            print(row(name, dataset, run), flush=True)
            signatures[name] = run.signature
            if "embeddings" in COMBOS[name] and name == args.combos[-1]:
                breakdown.append((f"{dataset} {name}, cold", run))
                warm = run_set(folder, config)
                print(row(f"{name}, cached", dataset, warm), flush=True)
                breakdown.append((f"{dataset} {name}, cached", warm))
    print()
    for label, run in breakdown:
        parts = ", ".join(f"{k} {v:.1f}" for k, v in sorted(run.timings.items(),
                                                             key=lambda kv: -kv[1]))
        print(f"time ({label}): {parts}; sentences embedded: {run.embedded}")
    print("correct at conf≥0.9: share of beads with confidence ≥ 0.9 identical to a gold bead "
          "(Bible: before verse merging, so within-verse splits count as wrong)")
    print(f"load: {_load()}")
    for name, sig in signatures.items():
        print(f"{name}: {sig}")
    if args.cache_dir is None:
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
