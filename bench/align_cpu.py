"""CPU seconds of the document aligner alone, and a digest of every search step it took.

Usage (from the repository root, warm embedding cache in ``./.bitext-cache``)::

    python bench/align_cpu.py                   # the docs pages, one process
    python bench/align_cpu.py --mb 1            # a bigdoc pair (bench/speed.py's builder)
    python bench/align_cpu.py --profile out.prof

The pages (or the pair) are read first, untimed; then ``align_documents`` runs over them
and its CPU seconds (user + system, ``getrusage``) are printed with a SHA-256 of every
search step's shape, ends, cost and posterior (their exact bits, ``float.hex``) and of
the beads: a change meant to make the aligner faster must leave the digest as it was.
A first untimed alignment of two lines loads the modules, the dictionary and the cache.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "bench"))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _documents(data: Path, mb: float | None) -> list[tuple]:
    """Parsed (source, target) pairs: every page pair of ``data/docs`` (as ``bitext check``
    finds them), or one bigdoc pair."""
    from speed import bigdoc_texts

    from align.layout import find_pairs
    from align.reader import load_document, parse_document

    if mb is not None:
        en, zh = bigdoc_texts(data, int(mb * 2**20))
        return [(parse_document(en, "en/doc.md", "en"), parse_document(zh, "zh/doc.md", "zh"))]
    return [(load_document(p.source_path, p.source_lang, notify=None),
             load_document(p.target_path, p.target_lang, notify=None))
            for p in find_pairs([str(data / "docs")]).pairs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parent / "shared" / "data"))
    parser.add_argument("--mb", type=float, help="a bigdoc pair of this many MB of English")
    parser.add_argument("--profile", help="write a cProfile of the timed part here")
    parser.add_argument("--limit", type=int,
                        help="align only the first N pairs (0: read and warm up only, to "
                             "subtract from an instruction count of the whole process)")
    args = parser.parse_args(argv)

    import align.structure as structure
    from align.structure import align_documents

    docs = _documents(Path(args.data), args.mb)[:args.limit]
    from align.reader import parse_document

    # Warm-up: modules, dictionary, cache connection.
    align_documents(parse_document("# Cats\n\nCats sleep. Dogs run.\n", "en/a.md", "en"),
                    parse_document("# 猫\n\n猫睡觉。狗跑。\n", "zh/a.md", "zh"))

    digest = hashlib.sha256()
    searched = structure.search
    calls = [0]

    def recorded(cost, n, m, config, with_model=True):
        steps = searched(cost, n, m, config, with_model)
        calls[0] += 1
        digest.update(repr([(s.a, s.b, s.i, s.j, float(s.cost).hex(), float(s.posterior).hex())
                            for s in steps]).encode())
        return steps

    structure.search = recorded
    profile = cProfile.Profile() if args.profile else None
    start_cpu, start = _cpu(), time.perf_counter()
    if profile:
        profile.enable()
    beads = 0
    for source, target in docs:
        alignment = align_documents(source, target)
        beads += len(alignment.beads)
        digest.update(repr([(b.source, b.target, b.confidence) for b in alignment.beads]
                           + [(b.source, b.target, b.confidence)
                              for b in alignment.block_beads]).encode())
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    cpu, wall = _cpu() - start_cpu, time.perf_counter() - start
    print(f"{len(docs)} pairs, {beads} beads, {calls[0]} searches: "
          f"{wall:.2f} s, CPU {cpu:.2f} s, digest {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
