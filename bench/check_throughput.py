"""Warm checking throughput: aligned pairs per second of ``bitext check`` at --jobs 1 and 2.

Usage (from the repository root)::

    python bench/check_throughput.py
    python bench/check_throughput.py ../shared/data/docs --repeat 2

First the pages are checked once in this process (``qa.pipeline.check_paths``, two jobs):
that fills the embedding cache (``.bitext-cache`` of the working directory) if it is cold
and counts the aligned pairs. Then ``bitext check PATH --format json --jobs N`` runs as a
fresh process for N = 1 and 2 (``--repeat`` times each, the best kept), timed whole (start-up,
reading, aligning, rules, output): wall seconds, and CPU seconds of the process and its
workers, which a busy shared machine disturbs less than wall time (for --jobs 1 only: the
workers of --jobs 2 are not this script's children, so their time is not counted). The JSON
outputs of every run must be byte-identical, else the script says so and exits 1.

The machine load (``uptime``) is printed at the end: on a shared machine compare ratios
taken in the same run, not absolute seconds across runs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))


def _count_pairs(path: str) -> tuple[int, int]:
    """Document pairs and aligned pairs of a warm-up check of ``path`` in this process."""
    from qa.pipeline import check_paths

    run = check_paths([path], jobs=2)
    return len(run.documents), sum(len(d.pairs) for d in run.documents)


def _timed_check(path: str, jobs: int) -> tuple[float, float, str]:
    """Wall and CPU seconds of one ``bitext check`` process, and its output's digest."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "qa", "check", path, "--format", "json",
                           "--jobs", str(jobs)], capture_output=True, cwd=os.getcwd())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings
        sys.exit(f"bitext check --jobs {jobs} failed:\n{done.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, hashlib.sha256(done.stdout).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(HERE.parent / "shared" / "data" / "docs"))
    parser.add_argument("--repeat", type=int, default=1, help="runs per job count (best kept)")
    args = parser.parse_args(argv)
    documents, pairs = _count_pairs(args.path)
    print(f"{args.path}: {documents} document pairs, {pairs} aligned pairs (warm-up done)")
    best: dict[int, tuple[float, float]] = {}
    digests = set()
    for _ in range(args.repeat):
        for jobs in (1, 2):
            wall, cpu, digest = _timed_check(args.path, jobs)
            digests.add(digest)
            if jobs not in best or wall < best[jobs][0]:
                best[jobs] = (wall, cpu)
    print()
    print("| jobs | wall s | pairs/s (wall) | CPU s | pairs per CPU s |")
    print("|---|---|---|---|---|")
    for jobs, (wall, cpu) in sorted(best.items()):
        cpu_cells = f"{cpu:.2f} | {pairs / cpu:.0f}" if jobs == 1 else "– | –"
        print(f"| {jobs} | {wall:.2f} | {pairs / wall:.0f} | {cpu_cells} |")
    print()
    print(f"speed-up --jobs 2 / --jobs 1: {best[1][0] / best[2][0]:.2f}x (wall)")
    same = len(digests) == 1
    print("outputs: " + ("identical" if same else f"DIFFER ({len(digests)} digests)"))
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"uptime: {load or os.getloadavg()}  (CPUs: {os.cpu_count()})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
