"""A synthetic corpus of many page pairs checked on this machine and on a Dask cluster.

Usage (from the repository root)::

    python bench/corpus_scale.py                 # 10,000 page pairs
    python bench/corpus_scale.py --pairs 500     # a quick run

The corpus is the seatunnel pages of ``../shared/data/docs`` that exist in both languages
(see ``bench/speed.py``), written again and again under new names until it holds
``--pairs`` page pairs. Its embedding cache is filled first by one ``bitext check`` of the
distinct pages (not timed). Then, each in a fresh process, with this checkout on the path
and ``--realign`` (the copies of a page would otherwise read back its cached alignment, so
the run would measure the cache, not the work a corpus of different pages needs):

* ``bitext check . --jobs 2``: the local process pool;
* ``bitext check . --scheduler ADDRESS``: a ``distributed.LocalCluster`` of two worker
  processes (one thread each) started by this script, which aligns every pair as one task
  while the checking process runs the rules (needs ``pip install 'bitext[dask]'``; skipped
  with a message without it).

For each: wall seconds, pairs per second, CPU seconds of every process involved (the command
and, for Dask, the cluster's workers and scheduler, read with psutil), and the peak resident
memory of the largest process and of all of them together (sampled every 0.2 s). The two
runs' JSON outputs must be byte-identical, else the script says so and exits 1. The machine
load (``uptime``) is printed at the end: compare ratios taken in one run, not seconds across
runs on a shared machine.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE / "bench"))

from speed import _docs_pages, _write_pair  # noqa: E402


class _Sampler:
    """Peak resident memory and last CPU seconds of a set of processes, sampled in a thread."""

    def __init__(self, roots: list[int], interval: float = 0.2) -> None:
        import psutil

        self._psutil = psutil
        self.roots = roots
        self.interval = interval
        self.peak_one = 0.0
        self.peak_all = 0.0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _processes(self) -> list:
        out = []
        for pid in self.roots:
            try:
                root = self._psutil.Process(pid)
                out += [root, *root.children(recursive=True)]
            except self._psutil.NoSuchProcess:
                continue
        return out

    def _sample(self) -> None:
        total = 0.0
        for p in self._processes():
            try:
                rss = p.memory_info().rss / 2**20
                times = p.cpu_times()
            except self._psutil.NoSuchProcess:
                continue
            total += rss
            self.peak_one = max(self.peak_one, rss)
            self.cpu[p.pid] = times.user + times.system + times.children_user \
                + times.children_system
        self.peak_all = max(self.peak_all, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _check(folder: Path, extra: list[str], others: list[int]) -> tuple[dict, bytes]:
    """One ``bitext check`` of ``folder``: its figures and its JSON output. CPU seconds are
    the command's (with the workers it waited for), this process's (a LocalCluster's
    scheduler runs here) and those of the processes ``others`` (the Dask workers)."""
    import psutil

    cmd = [sys.executable, "-m", "qa", "check", ".", "--format", "json", "--exit-zero", *extra]
    env = dict(os.environ, PYTHONPATH=str(HERE))
    before = _own_cpu() + sum(_cpu(psutil, pid) for pid in others)
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    with _Sampler([child.pid, *others]) as sampler:
        out, err = child.communicate()
        wall = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(extra)}: exit {child.returncode}: "
                         f"{err.decode(errors='replace')[-500:]}")
    cpu = _own_cpu() + sum(_cpu(psutil, pid) for pid in others) - before
    return {"wall": wall, "cpu": cpu, "peak_one": sampler.peak_one,
            "peak_all": sampler.peak_all}, out


def _own_cpu() -> float:
    """CPU seconds of this process and of its children that ended."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _cpu(psutil, pid: int) -> float:
    try:
        t = psutil.Process(pid).cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return t.user + t.system


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--data", default=str(HERE.parent / "shared" / "data"))
    args = parser.parse_args(argv)
    pages = _docs_pages(Path(args.data))
    if not pages:
        print(f"no page pairs under {args.data}/docs/seatunnel/docs", file=sys.stderr)
        return 2
    rows = []
    outputs = {}
    with tempfile.TemporaryDirectory(prefix="bitext-scale-") as tmp:
        warm = Path(tmp) / "warm"
        for k, (en, zh) in enumerate(pages):
            _write_pair(warm, f"p{k:05d}.md", en, zh)
        subprocess.run([sys.executable, "-m", "qa", "check", ".", "--exit-zero", "--jobs", "2"],
                       cwd=warm, env=dict(os.environ, PYTHONPATH=str(HERE)),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        folder = Path(tmp) / "corpus"
        for k in range(args.pairs):
            _write_pair(folder, f"p{k:05d}.md", *pages[k % len(pages)])
        (folder / ".bitext-cache").symlink_to(warm / ".bitext-cache")

        figures, outputs["--jobs 2"] = _check(folder, ["--jobs", "2", "--realign"], [])
        rows.append(("--jobs 2", figures))
        try:
            import distributed
        except ImportError:
            print("Dask row skipped: pip install 'bitext[dask]'", file=sys.stderr)
            distributed = None
        if distributed is not None:
            cwd = os.getcwd()
            os.chdir(folder)  # the workers find the embedding cache where the command does
            try:
                with distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                              processes=True, dashboard_address=None) as c:
                    workers = [int(n.pid) for n in c.workers.values() if n.pid]
                    figures, outputs["Dask"] = _check(
                        folder, ["--scheduler", c.scheduler_address, "--realign"], workers)
                    rows.append(("Dask LocalCluster, 2 workers", figures))
            finally:
                os.chdir(cwd)
    print(f"{args.pairs} page pairs ({len(pages)} distinct seatunnel pages), warm cache")
    print("| run | seconds | pairs/s | CPU s | peak MiB (largest process) | peak MiB (all) |")
    print("|---|---|---|---|---|---|")
    for label, f in rows:
        print(f"| {label} | {f['wall']:.1f} | {args.pairs / f['wall']:.1f} | {f['cpu']:.1f} | "
              f"{f['peak_one']:.0f} | {f['peak_all']:.0f} |")
    digests = {k: hashlib.sha256(v).hexdigest()[:12] for k, v in outputs.items()}
    same = len(set(digests.values())) == 1
    print(f"outputs: {digests} ({'identical' if same else 'DIFFERENT'})")
    print("load:", os.getloadavg())
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
