"""What ``bitext check``, ``report`` and ``glossary`` share: settings from the configuration
and the command line, the pipeline run with its progress bar, and the CI options.

``--changed-since REV`` (only findings in pairs changed since a git revision, and the D
rules), ``--baseline FILE`` / ``--write-baseline FILE`` (ignore known findings), and the
progress bar (on a terminal only).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from qa.core.run import AlignedDocument, CheckRun
    from qa.core.settings import Settings
    from qa.pipeline import Aligner

# What the commands run (the pipeline, the aligner, numpy, the formats) is imported inside
# the functions that run them: building the command line's parser must stay light.


def codes(value: str) -> list[str]:
    """``--select A,N`` → ``["A", "N"]``."""
    return [v.strip() for v in value.split(",") if v.strip()]


def jobs(value: str) -> int:
    """``--jobs N``: a positive number of processes."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}")
    return n


def add_jobs(p: argparse.ArgumentParser) -> None:
    """Add ``-j/--jobs N`` (default: the machine's cores) and ``--scheduler ADDRESS``."""
    p.add_argument("-j", "--jobs", type=jobs, default=None, metavar="N",
                   help="align and check document pairs in N processes (this one and N-1 "
                   "workers; default: the number of cores); the output is the same for any N")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   default=os.environ.get("DASK_SCHEDULER_ADDRESS") or None,
                   help="align document pairs as tasks on the Dask cluster whose scheduler is "
                   "at ADDRESS, e.g. tcp://HOST:8786 (default: $DASK_SCHEDULER_ADDRESS; "
                   "needs bitext[dask])")


def add_options(p: argparse.ArgumentParser, baseline: bool = True) -> None:
    """Add ``--jobs``, ``--changed-since`` and (unless ``baseline`` is False) the baseline
    options."""
    add_jobs(p)
    p.add_argument("--realign", action="store_true",
                   help="align every pair again instead of reading back the cached alignment "
                   "of a pair that did not change (.bitext-cache/alignments.sqlite)")
    p.add_argument("--changed-since", metavar="REV",
                   help="report only findings in aligned pairs changed since the git "
                   "revision REV (either side), and run the revision-drift rules D001/D002")
    if baseline:
        p.add_argument("--baseline", metavar="FILE",
                       help="ignore the findings recorded in FILE (see --write-baseline)")
        p.add_argument("--write-baseline", metavar="FILE",
                       help="record the current findings in FILE (atomically) and exit 0")


def settings_of(args: argparse.Namespace) -> Settings:
    """``[tool.bitext]`` of ``--config`` (or the nearest pyproject.toml) with the command
    line's ``--select``, ``--ignore``, ``--fail-on`` and ``--glossary`` applied."""
    from qa.core.settings import load_settings

    return load_settings(getattr(args, "config", None)).with_cli(
        select=getattr(args, "select", None), ignore=getattr(args, "ignore", None),
        fail_on=getattr(args, "fail_on", None), glossary=getattr(args, "glossary", None))


def aligner_of(args: argparse.Namespace) -> Aligner | None:
    """The aligner ``main(argv, aligner=…)`` was given (None: the default aligner)."""
    return getattr(args, "aligner", None)


def run_checks(args: argparse.Namespace, settings: Settings, label: str = "checking",
               keep_documents: bool | Callable[[AlignedDocument], Any] = True,
               keep_texts: bool = False) -> CheckRun:
    """The pipeline over ``args.paths`` (none given: :func:`~qa.pipeline.default_paths`,
    which are then stored in ``args.paths``), with a progress bar sized to the pairs.
    Without ``keep_documents`` the run keeps each document's summary only (with its files'
    texts when ``keep_texts``), and a callable one keeps what it returns for each
    document: see :func:`~qa.pipeline.check_paths`."""
    from qa.commands.progress import Progress
    from qa.pipeline import check_paths, default_jobs, default_paths, document_aligner, scan_paths

    args.paths = args.paths or default_paths(settings)
    corpus = scan_paths(args.paths, settings)
    for note in corpus.notes:
        print(f"bitext: warning: {note}", file=sys.stderr)
    with Progress(len(corpus.pairs), label=label) as progress:
        # The command line reads back the alignments of pairs that did not change.
        aligner = aligner_of(args) or \
            document_aligner(reuse=not getattr(args, "realign", False))
        return check_paths(args.paths, settings=settings, aligner=aligner,
                           corpus=corpus, jobs=getattr(args, "jobs", None) or default_jobs(),
                           scheduler=getattr(args, "scheduler", None),
                           changed_since=getattr(args, "changed_since", None),
                           progress=progress, keep_documents=keep_documents,
                           keep_texts=keep_texts)


def report_problems(result: CheckRun) -> bool:
    """Print one ``bitext: error:`` line per problem of the run; True when there was one
    (the command then exits 2, after writing every finding it has)."""
    for problem in result.problems:
        print(f"bitext: error: {problem}", file=sys.stderr)
    return bool(result.problems)


def finish(args: argparse.Namespace, result: CheckRun) -> bool:
    """Apply the baseline (in place); True when a baseline was written instead."""
    from qa.formats.baseline import load_baseline, write_baseline
    from qa.report.summary import plural

    path = getattr(args, "write_baseline", None)
    if path:
        n = write_baseline(path, result.findings)
        print(f"bitext: wrote {plural(n, 'finding')} to {path}", file=sys.stderr)
        return True
    if getattr(args, "baseline", None):
        result.findings, _ = load_baseline(args.baseline).filter(result.findings)
        result.signature = result.signature.with_fields(baseline=args.baseline)
    return False
