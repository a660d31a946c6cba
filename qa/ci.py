"""Options that ``bitext check`` and ``bitext report`` share for CI and edit review.

``--changed-since REV`` (only findings in pairs changed since a git revision, and the D
rules), ``--baseline FILE`` / ``--write-baseline FILE`` (ignore known findings), and the
progress bar (on a terminal only). A command adds them with :func:`add_options`, calls
:func:`prepare` before the pipeline and :func:`finish` after it.
"""

from __future__ import annotations

import argparse
import sys

from align.corpus import find_document_pairs
from qa.baseline import load_baseline, write_baseline
from qa.config import Config
from qa.pipeline import CheckRun
from qa.progress import Progress
from qa.report.summary import plural
from qa.revision import filter_changed


def add_options(p: argparse.ArgumentParser, baseline: bool = True) -> None:
    """Add ``--changed-since`` and (unless ``baseline`` is False) the baseline options."""
    p.add_argument("--changed-since", metavar="REV",
                   help="report only findings in aligned pairs changed since the git "
                   "revision REV (either side), and run the revision-drift rules D001/D002")
    if baseline:
        p.add_argument("--baseline", metavar="FILE",
                       help="ignore the findings recorded in FILE (see --write-baseline)")
        p.add_argument("--write-baseline", metavar="FILE",
                       help="record the current findings in FILE (atomically) and exit 0")


def prepare(args: argparse.Namespace, config: Config, label: str = "checking") -> Progress:
    """Pass ``--changed-since`` to the checks; a progress bar sized to the document pairs."""
    rev = getattr(args, "changed_since", None)
    if rev:
        config.options["changed_since"] = rev
    total = len(find_document_pairs(args.paths, config.source_lang, config.target_lang))
    return Progress(total, label=label)


def finish(args: argparse.Namespace, result: CheckRun) -> bool:
    """Filter by revision and baseline (in place); True when a baseline was written instead."""
    rev = getattr(args, "changed_since", None)
    if rev:
        result.findings = filter_changed(result.findings, result.documents, rev)
        result.signature["changed-since"] = rev
    path = getattr(args, "write_baseline", None)
    if path:
        n = write_baseline(path, result.findings)
        print(f"bitext: wrote {plural(n, 'finding')} to {path}", file=sys.stderr)
        return True
    if getattr(args, "baseline", None):
        result.findings, _ = load_baseline(args.baseline).filter(result.findings)
        result.signature["baseline"] = args.baseline
    return False
