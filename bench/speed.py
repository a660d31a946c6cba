"""Speed and peak memory of the aligner and the CLI, each measurement in a fresh process.

Usage (from the repository root)::

    python bench/speed.py                       # this tree
    python bench/speed.py --root /tmp/old       # another checkout (e.g. a git worktree of HEAD)
    python bench/speed.py --only startup pages  # some measurements only
    python bench/speed.py --only bigdoc --mb 1 2  # long documents (not run by default)
    python bench/speed.py --only stages --mb 1 2  # the same documents, stage by stage
    python bench/speed.py --only corpus --pairs 1000

Measurements:

* ``sets``: MAC-Dev and the Bible aligned in one process (every score), first with an empty
  embedding cache in a temporary folder (cold), then again with it filled (warm);
* ``startup``: ``bitext --help`` and ``bitext rules`` (best of ``--repeat`` runs), after one
  untimed run of each that writes the modules' bytecode (``__pycache__``, as ``pip install``
  does for an installed package) even where ``PYTHONDONTWRITEBYTECODE`` is set: without it
  every start compiles every module again (about 0.15 s of ``bitext rules``);
* ``check``: ``bitext check corpus --format json`` in the repository root, warm (one
  untimed run fills the cache);
* ``pages``: pages of 1,000 and 4,000 headings (the corpus's headings, repeated and numbered)
  aligned as documents, with a warm embedding cache;
* ``bigdoc``: ``bitext check`` of one document pair of 1, 5 and 20 MB (``--mb``): the en and
  zh pages of ``docs/seatunnel`` concatenated in path order and repeated until the English
  side has that size, each size in a fresh process (``--jobs 2``, or each of ``--jobs N …``),
  with the embedding cache filled by an untimed check of one round of the pages (and its
  alignments left out of each run's copy: the pair is aligned, as on its first check; a
  pair over 2 million characters is checked in parts, see ``align/parts.py``);
* ``stages``: the ``bigdoc`` pairs, each size in a fresh process that runs the check's stages
  itself (parse, align, then each rule that finds something or takes 0.05 s): each stage's
  seconds and CPU seconds, the resident memory after it and the process's peak so far, to
  see which stage's cost grows faster than the document (the parsed pair frozen out of the
  cycle collector's sight while it is aligned and checked, as ``bitext check`` does);
* ``corpus``: ``bitext check --jobs 2`` of a corpus of 10,000 page pairs (``--pairs``), the
  same seatunnel pages repeated under numbered names, warm as ``bigdoc``: pairs per second.

Against a peer aligner: ``python bench/hunalign_compare.py`` times hunalign (CC-CEDICT dictionary,
built under a temporary folder from ``../shared/tools/hunalign``) and bitext cold/warm on MAC-Dev in
one run, with each tool's strict F1.

Seconds are wall-clock; memory is the process's peak resident set (``ru_maxrss``; for
``bigdoc`` and ``corpus`` that of the largest of the command's processes, from ``wait4``;
``bigdoc`` also samples all of them together, their proportional set sizes summed).
The machine load is printed at the end: on a shared machine compare ratios, not absolute
seconds.
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
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_sets(data: Path) -> dict:
    from dataclasses import replace

    from align.aligner import AlignerConfig, align_sentences_with_signature

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="bitext-speed-") as cache:
        config = replace(AlignerConfig(), cache_dir=cache)
        for phase in ("cold", "warm"):
            for name in ("mac-dev", "bible"):
                start = time.perf_counter()
                search = 0.0
                for gold in sorted((data / name).glob("*.gold")):
                    zh = gold.with_suffix(".zh").read_text(encoding="utf-8").splitlines()
                    en = gold.with_suffix(".en").read_text(encoding="utf-8").splitlines()
                    _, _, evidence = align_sentences_with_signature(
                        zh, en, source_lang="zh", target_lang="en", config=config)
                    search += evidence.timings.get("search", 0.0)
                out[f"{name} {phase}"] = round(time.perf_counter() - start, 2)
                out[f"{name} {phase} (search)"] = round(search, 2)
    out["peak MiB"] = round(_peak_mib())
    return out


def _headings(root: Path) -> list[tuple[str, str]]:
    from align.reader import parse_document

    pairs: list[tuple[str, str]] = []
    for en_path in sorted((root / "corpus" / "en").glob("*.md")):
        zh_path = root / "corpus" / "zh" / en_path.name
        docs = [parse_document(p.read_text(encoding="utf-8"), str(p), lang)
                for p, lang in ((en_path, "en"), (zh_path, "zh"))]
        heads = [[b for b in d.text_blocks if b.kind.value == "heading"] for d in docs]
        for e, z in zip(*heads, strict=False):
            pairs.append((" ".join(s.text for s in e.sentences),
                           " ".join(s.text for s in z.sentences)))
    return pairs


def _child_pages(root: Path, sizes: list[int]) -> dict:
    from dataclasses import replace

    from align.aligner import AlignerConfig
    from align.reader import parse_document
    from align.structure import align_documents

    heads = _headings(root)
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="bitext-speed-") as cache:
        config = replace(AlignerConfig(), cache_dir=cache)
        for n in sizes:
            en = "".join(f"# {heads[k % len(heads)][0]}\n\n" for k in range(n))
            zh = "".join(f"# {heads[k % len(heads)][1]}\n\n" for k in range(n))
            src = parse_document(en, "en/page.md", "en")
            tgt = parse_document(zh, "zh/page.md", "zh")
            # Untimed: the dictionary's parse and the model's vectors go into the cache.
            small = [parse_document(t[:2000], f"{lang}/small.md", lang)
                     for t, lang in ((en, "en"), (zh, "zh"))]
            align_documents(*small, config)
            align_documents(src, tgt, replace(config, scores=("embeddings",)))
            before = _peak_mib()
            start = time.perf_counter()
            alignment = align_documents(src, tgt, config)
            out[f"{n} headings"] = round(time.perf_counter() - start, 2)
            out[f"{n} headings beads"] = len(alignment.beads)
            out[f"{n} headings peak MiB"] = round(_peak_mib())
            out[f"{n} headings peak MiB before"] = round(before)
    return out


def _docs_pages(data: Path) -> list[tuple[str, str]]:
    """The (en, zh) texts of the seatunnel pages that exist in both languages, in path order."""
    base = data / "docs" / "seatunnel" / "docs"
    pages = []
    for en_path in sorted((base / "en").rglob("*.md")):
        zh_path = base / "zh" / en_path.relative_to(base / "en")
        if zh_path.is_file():
            pages.append((en_path.read_text(encoding="utf-8"),
                          zh_path.read_text(encoding="utf-8")))
    return pages


def bigdoc_texts(data: Path, size: int) -> tuple[str, str]:
    """An (en, zh) document pair of about ``size`` bytes of English: the docs pages in path
    order, both sides the same pages, repeated until the English side reaches ``size``
    (``size=0``: each page once)."""
    pages = _docs_pages(data)
    en: list[str] = []
    zh: list[str] = []
    total = k = 0
    while total < size or (size == 0 and k < len(pages)):
        e, z = pages[k % len(pages)]
        en.append(e.rstrip("\n") + "\n\n")
        zh.append(z.rstrip("\n") + "\n\n")
        total += len(en[-1].encode("utf-8"))
        k += 1
    return "".join(en), "".join(zh)


def _write_pair(folder: Path, name: str, en: str, zh: str) -> None:
    for lang, text in (("en", en), ("zh", zh)):
        (folder / lang).mkdir(parents=True, exist_ok=True)
        (folder / lang / name).write_text(text, encoding="utf-8")


def _peak_run(cmd: list[str], root: Path, cwd: Path,
              together: list[float] | None = None) -> tuple[float, float, float, int]:
    """Wall-clock seconds, CPU seconds (user + system, the command's processes together),
    peak MiB (the largest of its processes) and exit code of one run of ``cmd``. With a
    ``together`` list (and psutil), the peak of the processes' memory together is appended
    to it: their proportional set sizes (PSS: a page that forked workers share with their
    parent counts once), summed every quarter of a second."""
    env = dict(os.environ, PYTHONPATH=str(root))
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    done = threading.Event()
    sampler = None
    if together is not None:
        sampler = threading.Thread(target=_sample_pss, args=(child.pid, done, together))
        sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    done.set()
    if sampler is not None:
        sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    return (time.perf_counter() - start, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, child.returncode)


def _sample_pss(pid: int, done: threading.Event, out: list[float]) -> None:
    """The peak, in MiB, of the summed PSS of process ``pid`` and its children until
    ``done`` (nothing appended without psutil)."""
    try:
        import psutil
    except ImportError:
        return
    peak = 0
    while not done.wait(0.25):
        try:
            top = psutil.Process(pid)
            total = 0
            for p in [top, *top.children(recursive=True)]:
                try:
                    total += p.memory_full_info().pss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            peak = max(peak, total)
        except psutil.NoSuchProcess:
            break
    out.append(peak / 2**20)


def _bigdoc(root: Path, data: Path, sizes_mb: list[float], ignore: str | None = None,
            show: Callable[[dict], None] | None = None, jobs: list[int] | None = None) -> dict:
    check = [sys.executable, "-m", "qa", "check", ".", "--format", "json", "--exit-zero",
             *(["--ignore", ignore] if ignore else [])]
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="bitext-bigdoc-") as tmp:
        warm = Path(tmp) / "warm"
        _write_pair(warm, "doc.md", *bigdoc_texts(data, 0))
        _peak_run(check, root, warm)
        for mb in sizes_mb:
            for n in jobs or [1]:
                # A copy of the warm cache without its alignments: each run aligns the pair.
                folder = Path(tmp) / f"{mb:g}MB"
                _write_pair(folder, "doc.md", *bigdoc_texts(data, int(mb * 2**20)))
                shutil.copytree(warm / ".bitext-cache", folder / ".bitext-cache",
                                ignore=shutil.ignore_patterns("alignments.*"))
                together: list[float] = []
                seconds, cpu, peak, code = _peak_run([*check, "--jobs", str(n)], root, folder,
                                                     together)
                label = f"{mb:g} MB --jobs {n}"
                out[label] = round(seconds, 1) if code == 0 else f"exit {code}"
                out[f"{label} (CPU)"] = round(cpu, 1)
                out[f"{label} peak MiB"] = round(peak)
                if together:
                    out[f"{label} peak MiB, all (PSS)"] = round(together[0])
                shutil.rmtree(folder)
                if show is not None:
                    show(out)
    return out


def _resident_mib() -> tuple[int, int]:
    """The process's resident memory now and its peak so far, in MiB (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text()
                  .splitlines() if line.startswith(("VmRSS", "VmHWM")))
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def _cpu_seconds() -> float:
    """This process's CPU seconds so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child_stages(data: Path, sizes_mb: list[float]) -> dict:
    """One check of a ``bigdoc`` pair, stage by stage, in this process: seconds, CPU
    seconds (steadier on a busy machine), resident MiB after the stage, peak MiB so far.
    The model, the dictionary and the embedding cache are loaded and filled by an untimed
    check of one round of the pages first."""
    from align.reader import load_document
    from qa.core.run import AlignedDocument, CheckContext
    from qa.core.settings import Settings
    from qa.pipeline import (
        document_aligner,
        forget_evidence,
        freeze_alignment,
        freeze_model,
        rule_on_document,
        run_rule,
        select_checks,
        thaw_model,
    )

    settings = Settings()
    checks = select_checks(settings)
    aligner = document_aligner()

    def check(folder: Path, out: dict | None, label: str = "") -> None:
        cpu = [_cpu_seconds()]

        def stage(name: str, start: float, detail: str = "") -> None:
            now_cpu = _cpu_seconds()
            if out is not None:
                now, peak = _resident_mib()
                out[f"{label} {name}"] = (f"{time.perf_counter() - start:6.2f} s  "
                                          f"CPU {now_cpu - cpu[0]:6.2f} s  "
                                          f"{now:5d} MiB  peak {peak:5d}{detail}")
            cpu[0] = now_cpu

        start = time.perf_counter()
        source = load_document(folder / "en" / "doc.md", "en")
        target = load_document(folder / "zh" / "doc.md", "zh")
        stage("parse", start, f"  ({len(source.sentences)} + {len(target.sentences)} "
                              "sentences)")
        start = time.perf_counter()
        # The collector as bitext check runs it (see qa.pipeline.freeze_model).
        freeze_model(len(source.text) + len(target.text))
        doc = AlignedDocument("doc.md", aligner(source, target, None))
        freeze_alignment()
        stage("align", start)
        ctx = CheckContext(settings=settings, glossary=None, corpus=[doc])
        for rule in checks:
            start = time.perf_counter()
            found = run_rule(rule, [doc], ctx, []) if rule.reads_corpus() else \
                rule_on_document(rule, doc, ctx, [])
            if found or time.perf_counter() - start >= 0.05:
                stage(rule.code, start, f"  ({len(found)} found)")
            else:
                cpu[0] = _cpu_seconds()
        forget_evidence(doc)
        thaw_model()

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="bitext-stages-") as tmp:
        os.chdir(tmp)  # the embedding cache is ./.bitext-cache
        _write_pair(Path(tmp) / "warm", "doc.md", *bigdoc_texts(data, 0))
        check(Path(tmp) / "warm", None)
        now, peak = _resident_mib()
        out["warm"] = f"{now:5d} MiB  peak {peak:5d}"
        for mb in sizes_mb:
            folder = Path(tmp) / f"{mb:g}MB"
            _write_pair(folder, "doc.md", *bigdoc_texts(data, int(mb * 2**20)))
            check(folder, out, f"{mb:g} MB")
    return out


def _corpus(root: Path, data: Path, n_pairs: int) -> dict:
    check = [sys.executable, "-m", "qa", "check", ".", "--format", "json", "--exit-zero",
             "--jobs", "2"]
    pages = _docs_pages(data)
    with tempfile.TemporaryDirectory(prefix="bitext-corpus-") as tmp:
        warm = Path(tmp) / "warm"
        for k, (en, zh) in enumerate(pages):
            _write_pair(warm, f"p{k:05d}.md", en, zh)
        _peak_run(check, root, warm)
        folder = Path(tmp) / "corpus"
        for k in range(n_pairs):
            _write_pair(folder, f"p{k:05d}.md", *pages[k % len(pages)])
        (folder / ".bitext-cache").symlink_to(warm / ".bitext-cache")
        seconds, cpu, peak, code = _peak_run(check, root, folder)
    label = f"{n_pairs} pairs"
    return {label: round(seconds, 1) if code == 0 else f"exit {code}",
            f"{label} (CPU)": round(cpu, 1),
            f"{label} pairs/s": round(n_pairs / seconds, 1),
            f"{label} peak MiB (largest process)": round(peak)}


def _run(cmd: list[str], root: Path, cwd: Path,
         bytecode: bool = False) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ, PYTHONPATH=str(root))
    if bytecode:  # read (and on a first run write) the modules' compiled bytecode
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done


def _timed(cmd: list[str], root: Path, repeat: int,
           bytecode: bool = False) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds (user + system) of ``repeat`` runs of ``cmd``: on a busy
    machine the CPU time is the steadier figure."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(_run(cmd, root, root, bytecode)[0])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def _summary(label: str, walls: list[float], cpus: list[float], digits: int) -> dict:
    def median(xs: list[float]) -> float:
        return sorted(xs)[len(xs) // 2]

    return {label: round(min(walls), digits),
            f"{label} (median)": round(median(walls), digits),
            f"{label} (CPU, median)": round(median(cpus), digits)}


def _child(task: str, root: Path, data: Path, sizes: list[int], mb: list[float]) -> None:
    sys.path.insert(0, str(root))
    result = _child_sets(data) if task == "sets" else _child_pages(root, sizes) \
        if task == "pages" else _child_stages(data, mb)
    print(json.dumps(result))


def measure(task: str, root: Path, data: Path, repeat: int, sizes: list[int],
            big: list[float] | None = None, n_pairs: int = 10_000,
            ignore: str | None = None, show: Callable[[dict], None] | None = None,
            jobs: list[int] | None = None) -> dict:
    py = sys.executable
    if task == "bigdoc":  # long: each size is shown as soon as it is measured
        return _bigdoc(root, data, big or [1, 5, 20], ignore, show, jobs)
    if task == "corpus":
        return _corpus(root, data, n_pairs)
    if task == "stages":  # each size in a fresh process
        out = {}
        for mb in big or [1, 5, 20]:
            _, done = _run([py, __file__, "--child", task, "--root", str(root), "--data",
                            str(data), "--mb", str(mb)], root, root)
            if done.returncode:
                return {**out, "error": done.stderr[-2000:]}
            out.update(json.loads(done.stdout.splitlines()[-1]))
            if show is not None:
                show(out)
        return out
    if task in ("sets", "pages"):
        _, done = _run([py, __file__, "--child", task, "--root", str(root), "--data", str(data),
                        "--sizes", *map(str, sizes)], root, root)
        if done.returncode:
            return {"error": done.stderr[-2000:]}
        return json.loads(done.stdout.splitlines()[-1])
    if task == "startup":
        out = {}
        for label, args in (("bitext --help", ["--help"]), ("bitext rules", ["rules"])):
            cmd = [py, "-m", "qa", *args]
            _run(cmd, root, root, bytecode=True)  # writes the bytecode, untimed
            out.update(_summary(label, *_timed(cmd, root, repeat, bytecode=True), 3))
        return out
    if task == "check":
        cmd = [py, "-m", "qa", "check", "corpus", "--format", "json"]
        _run(cmd, root, root)  # fill the cache
        return _summary("check corpus warm", *_timed(cmd, root, repeat), 2)
    raise ValueError(task)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(HERE), help="checkout to measure")
    parser.add_argument("--data", default=str(HERE.parent / "shared" / "data"))
    parser.add_argument("--only", nargs="+", default=["startup", "check", "sets", "pages"],
                        choices=["startup", "check", "sets", "pages", "bigdoc", "stages", "corpus"],
                        help="measurements (default: all but the long bigdoc and corpus)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 4000])
    parser.add_argument("--mb", nargs="+", type=float, default=[1, 5, 20],
                        help="bigdoc, stages: sizes of the English document, in MB")
    parser.add_argument("--ignore", help="bigdoc: rules to leave out (bitext check --ignore)")
    parser.add_argument("--jobs", nargs="+", type=int, default=[2],
                        help="bigdoc: bitext check --jobs (default 2: this machine's cores)")
    parser.add_argument("--pairs", type=int, default=10_000,
                        help="corpus: number of page pairs")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root, data = Path(args.root).resolve(), Path(args.data).resolve()
    if args.child:
        _child(args.child, root, data, args.sizes, args.mb)
        return 0
    print(f"root: {root}")
    for task in args.only:
        start = time.perf_counter()
        printed: set[str] = set()

        def show(result: dict, task: str = task, printed: set[str] = printed) -> None:
            for key, value in result.items():
                if key not in printed:
                    printed.add(key)
                    print(f"{task:8} {key:32} {value}", flush=True)

        show(measure(task, root, data, args.repeat, args.sizes, args.mb, args.pairs,
                     args.ignore, show, args.jobs))
        print(f"{task:8} {'(measurement took)':32} {time.perf_counter() - start:.1f} s",
              flush=True)
    print("load: " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1/5/15 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
