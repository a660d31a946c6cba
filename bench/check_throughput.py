"""Warm checking throughput: aligned pairs per second of ``bitext check`` at --jobs 1 and 2.

Usage (from the repository root)::

    python bench/check_throughput.py
    python bench/check_throughput.py ../shared/data/docs --repeat 2

First the pages are checked once in this process (``qa.pipeline.check_paths``, two jobs):
that fills the embedding cache and the alignment cache (``.bitext-cache`` of the working
directory) if they are cold and counts the aligned pairs. Then ``bitext check PATH --format
json --jobs N`` runs as a fresh process for N = 1 and 2 (``--repeat`` times each, the best
kept), twice over: with ``--realign`` (every pair aligned again, the sentence vectors read
from the cache: what a run costs when every page changed) and without (the alignments read
back: a CI run where the pages did not change since the last one), timed whole (start-up,
reading, aligning, rules, output): wall seconds, and the CPU seconds of the process and of each
of its workers (read from ``/proc`` while it runs, on Linux), which a busy shared machine
disturbs less than wall time. The JSON
outputs of every run must be byte-identical, else the script says so and exits 1.

The machine load (``uptime``) is printed at the end: on a shared machine compare ratios
taken in the same run, not absolute seconds across runs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))


def _count_pairs(path: str) -> tuple[int, int]:
    """Document pairs and aligned pairs of a warm-up check of ``path`` in this process."""
    from qa.pipeline import check_paths, document_aligner

    run = check_paths([path], jobs=2, aligner=document_aligner(reuse=True))
    return len(run.documents), sum(len(d.pairs) for d in run.documents)


def _process_times() -> dict[int, tuple[int, float]]:
    """Parent and CPU seconds (user + system) of every process, from ``/proc`` (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        out[int(name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return out


def _timed_check(path: str, jobs: int,
                 extra: tuple[str, ...] = ()) -> tuple[float, list[float] | None, str]:
    """Wall seconds of one ``bitext check`` process, the CPU seconds of it and of each of its
    descendants (its workers; polled from ``/proc``, ``None`` elsewhere), and its output's
    digest."""
    start = time.perf_counter()
    # As an installed package runs: its modules' bytecode read from __pycache__ (written by
    # the first run), not compiled again by every process.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen([sys.executable, "-m", "qa", "check", path, "--format", "json",
                             "--jobs", str(jobs), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=os.getcwd(), env=env)
    seen: dict[int, float] = {}
    polling = os.path.isdir("/proc")
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()))  # type: ignore[union-attr]
    reader.start()
    while proc.poll() is None:
        if polling:
            table = _process_times()
            tree = {proc.pid}
            grew = True
            while grew:
                grew = False
                for pid, (parent, _) in table.items():
                    if parent in tree and pid not in tree:
                        tree.add(pid)
                        grew = True
            for pid in tree & table.keys():
                seen[pid] = max(seen.get(pid, 0.0), table[pid][1])
        time.sleep(0.05)
    wall = time.perf_counter() - start
    reader.join()
    stderr = proc.stderr.read() if proc.stderr else b""
    if proc.returncode not in (0, 1):  # 1: findings
        sys.exit(f"bitext check --jobs {jobs} failed:\n{stderr.decode()[-2000:]}")
    cpus = sorted((c for c in seen.values() if c >= 0.05), reverse=True) if polling else None
    return wall, cpus, hashlib.sha256(b"".join(chunks)).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(HERE.parent / "shared" / "data" / "docs"))
    parser.add_argument("--repeat", type=int, default=1, help="runs per job count (best kept)")
    args = parser.parse_args(argv)
    documents, pairs = _count_pairs(args.path)
    print(f"{args.path}: {documents} document pairs, {pairs} aligned pairs (warm-up done)")
    modes = (("aligned again (--realign)", ("--realign",)), ("alignments cached", ()))
    best: dict[tuple[str, int], tuple[float, list[float] | None]] = {}
    digests = set()
    for _ in range(args.repeat):
        for mode, extra in modes:
            for jobs in (1, 2):
                wall, cpus, digest = _timed_check(args.path, jobs, extra)
                digests.add(digest)
                if (mode, jobs) not in best or wall < best[mode, jobs][0]:
                    best[mode, jobs] = (wall, cpus)
    print()
    print("| alignments | jobs | wall s | pairs/s (wall) | CPU s (all processes) | pairs per "
          "CPU s | CPU s per process |")
    print("|---|---|---|---|---|---|---|")
    for mode, _ in modes:
        for jobs in (1, 2):
            wall, cpus = best[mode, jobs]
            cells = (f"{sum(cpus):.2f} | {pairs / sum(cpus):.0f} | "
                     + " / ".join(f"{c:.1f}" for c in cpus)) if cpus else "– | – | –"
            print(f"| {mode} | {jobs} | {wall:.2f} | {pairs / wall:.0f} | {cells} |")
    print()
    for mode, _ in modes:
        print(f"speed-up --jobs 2 / --jobs 1, {mode}: "
              f"{best[mode, 1][0] / best[mode, 2][0]:.2f}x (wall)")
    same = len(digests) == 1
    print("outputs: " + ("identical" if same else f"DIFFER ({len(digests)} digests)"))
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"uptime: {load or os.getloadavg()}  (CPUs: {os.cpu_count()})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
