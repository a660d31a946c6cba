"""Peak memory of ``bitext report`` as the corpus grows (issue #12).

Builds corpora of N page pairs as ``bench/speed.py --only corpus`` does (the seatunnel pages
of ``../shared/data/docs`` that exist in both languages, repeated under numbered names),
then runs ``python -m qa report . --jobs J`` in each under ``/usr/bin/time -v`` and prints
its peak RSS (the largest of its processes), CPU seconds (user + system) and wall seconds::

    PYTHONPATH=. python bench/report_memory.py --pairs 250 1000 2000 --jobs 1

``--code DIR`` runs another checkout's code (e.g. an export of the previous commit), so that
before and after can be measured back to back on the same corpora (``--work DIR`` keeps
them between runs). The embedding cache given by ``--cache`` (default: the repository's
``.bitext-cache``) is linked into each corpus, so the runs are warm.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import _docs_pages, _write_pair  # noqa: E402 - the same builder as the corpus bench

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(folder: Path, data: Path, n_pairs: int, cache: Path) -> Path:
    """``folder`` with ``n_pairs`` page pairs (kept when it is already complete)."""
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        pages = _docs_pages(data)
        for k in range(n_pairs):
            _write_pair(folder, f"p{k:05d}.md", *pages[k % len(pages)])
        done.touch()
    link = folder / ".bitext-cache"
    if not link.exists():
        link.symlink_to(cache.resolve())
    return folder


def measure(code: Path, folder: Path, jobs: int, out: Path) -> dict[str, float | int]:
    """One ``bitext report`` of ``folder``: peak MiB, CPU and wall seconds, exit code."""
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "qa", "report", ".", "--out",
           str(out), "--jobs", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(code))
    done = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True)
    stats = dict(re.findall(r"^\s*(.+?): (.+)$", done.stderr, re.M))
    wall = stats.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0:0")
    seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall.split(":"))))
    return {"peak MiB": round(int(stats.get("Maximum resident set size (kbytes)", 0)) / 1024),
            "CPU s": round(float(stats.get("User time (seconds)", 0))
                           + float(stats.get("System time (seconds)", 0)), 1),
            "wall s": round(seconds, 1), "exit": int(stats.get("Exit status", -1))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[250, 1000, 2000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose code runs")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=ROOT / ".bitext-cache")
    parser.add_argument("--work", type=Path, help="folder for the corpora (default: temporary)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bitext-report-memory-") as tmp:
        work = args.work or Path(tmp)
        for n in args.pairs:
            folder = build_corpus(work / f"corpus-{n}", args.data, n, args.cache)
            out = Path(tmp) / "reports"
            result = measure(args.code, folder, args.jobs, out)
            size = sum(p.stat().st_size for p in out.glob("*.html")) if out.exists() else 0
            shutil.rmtree(out, ignore_errors=True)
            print(f"{n} pairs --jobs {args.jobs}: " + ", ".join(f"{k} {v}"
                  for k, v in result.items()) + f", report {size / 2**20:.1f} MiB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
