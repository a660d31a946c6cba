"""``bitext check``: align document pairs, run the rule catalogue, print findings (like ruff).

Exit codes: 0 when no finding reaches ``--fail-on``, 1 when one does, 2 for a usage or input
error (a missing file, a bad configuration, an unknown rule).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from align.errors import InputError
from qa.commands import options
from qa.core.settings import SEVERITIES
from qa.formats import FORMATS

if TYPE_CHECKING:
    from qa.core.run import CheckRun




def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check translations: align each document pair and report findings",
        description="Align each source/target document pair and run the checks (see "
        "'bitext rules'). Findings print as 'path:line:col: CODE message'.",
        epilog="examples:\n"
        "  bitext check corpus\n"
        "  bitext check corpus --select A,N --ignore A005 --format json\n"
        "  bitext check corpus/zh/ketamine.md --statistics --exit-zero\n"
        "  bitext check corpus --changed-since origin/main --format github\n"
        "  bitext check corpus --format github --output sarif:bitext.sarif "
        "--output markdown:summary.md\n"
        "  bitext check corpus --write-baseline bitext-baseline.json   # then --baseline\n"
        "exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="folders or documents: a folder's layout (en/ + zh/ folders, Docusaurus "
                   "i18n/, pages beside a zh/ folder, NAME.zh.md files) is detected unless "
                   "[[tool.bitext.pairs]] maps it "
                   "(default: the configured folder, else corpus)")
    # The choices are set on the action afterwards: add_argument would list them at once.
    p.add_argument("--format", choices=tuple(FORMATS), default="text",
                   help="output format (default: text)")
    p.add_argument("--output", type=_output, action="append", default=[],
                   metavar="FORMAT:FILE",
                   help="also write the findings in FORMAT to FILE (repeatable; e.g. "
                   "sarif:bitext.sarif), so one run feeds several consumers")
    p.add_argument("--select", type=options.codes, action="extend", metavar="RULES",
                   help="comma-separated codes, code prefixes or names to run (default: all)")
    p.add_argument("--ignore", type=options.codes, action="extend", default=[], metavar="RULES",
                   help="comma-separated codes, code prefixes or names to skip")
    p.add_argument("--fail-on", choices=SEVERITIES, default=None,
                   help="lowest severity that makes the exit code 1 (default: config, error)")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when there are findings")
    p.add_argument("--statistics", action="store_true",
                   help="print the number of findings per rule instead of the findings")
    p.add_argument("--fix", action="store_true",
                   help="apply the safe fixes of fixable rules ([*] in 'bitext rules') to the "
                   "files, atomically, and report what is left")
    p.add_argument("--diff", action="store_true",
                   help="print the safe fixes as a unified diff and change nothing (exit 1 "
                   "when there is something to fix)")
    p.add_argument("--glossary", metavar="FILE", help="glossary file (default: from config)")
    p.add_argument("--config", metavar="FILE",
                   help="pyproject.toml to read [tool.bitext] from (default: the nearest)")
    options.add_options(p)
    p.set_defaults(func=run)


def _output(value: str) -> tuple[str, str]:
    fmt, sep, path = value.partition(":")
    if not sep or not path or fmt not in FORMATS:
        raise argparse.ArgumentTypeError(
            f"expected FORMAT:FILE with FORMAT one of {', '.join(FORMATS)}, got {value!r}")
    return fmt, path


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from align.textio import write_atomic
    out = out or sys.stdout
    settings = options.settings_of(args)
    # The outputs need each document's name only (and --fix its files' texts): the run
    # keeps no document model, so that its memory does not grow with the corpus.
    result = options.run_checks(args, settings, keep_documents=False,
                                keep_texts=args.fix or args.diff)
    if options.finish(args, result):  # --write-baseline: recorded, nothing to report
        return 2 if options.report_problems(result) else 0
    if args.fix or args.diff:
        changed = apply_fixes(result, write=not args.diff, out=out)
        if args.diff:
            return 2 if options.report_problems(result) else int(changed)
    for fmt, path in args.output:
        buffer = io.StringIO()
        FORMATS[fmt](result, buffer)
        try:
            write_atomic(path, buffer.getvalue().encode("utf-8"))
        except OSError as exc:
            raise InputError(path, f"cannot write: {exc.strerror}") from None
    if args.statistics:
        write_statistics(result.findings, args.format, out)
    else:
        FORMATS[args.format](result, out)
    if options.report_problems(result):
        return 2
    if args.exit_zero:
        return 0
    return int(any(f.severity.rank >= settings.fail_on.rank for f in result.findings))


def apply_fixes(result: CheckRun, write: bool, out: TextIO) -> bool:
    """Fix what can be fixed (or, unless ``write``, print it as a diff); the findings left
    stay in ``result``. True when there was something to fix."""
    from qa.fix import fixed_files, plan, unified_diff, write_fixes

    texts = {path: kept for doc in result.documents for path, kept in doc.texts.items()}
    fixes = plan(result.findings)
    new = fixed_files(fixes, texts)
    if not write:
        out.write(unified_diff(new, texts))
        return bool(new)
    write_fixes(new, texts)
    done = {id(f) for f in fixes.fixed}
    result.findings = [f for f in result.findings if id(f) not in done]
    fixable = sum(1 for f in result.findings if f.fixes)
    print(f"bitext: fixed {len(fixes.fixed)} finding{'s' * (len(fixes.fixed) != 1)} in "
          f"{len(new)} file{'s' * (len(new) != 1)}"
          + (f"; {fixable} fixable left (run --fix again)" if fixable else ""),
          file=sys.stderr)
    return bool(new)


def write_statistics(findings: list, fmt: str, out: TextIO) -> None:
    """Counts per rule, most frequent first (ruff's ``--statistics``)."""
    counts = Counter((f.code, f.name, str(f.severity)) for f in findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    if fmt == "json":
        json.dump([{"code": c, "name": n, "severity": s, "count": k}
                   for (c, n, s), k in rows], out, indent=2)
        out.write("\n")
        return
    if not rows:
        out.write("All checks passed!\n")
        return
    width = max(len(str(k)) for _, k in rows)
    for (code, name, sev), k in rows:
        out.write(f"{k:>{width}}\t{code}\t{name}\t[{sev}]\n")


__all__ = ["InputError", "add_parser", "run", "write_statistics"]
