"""Ruff-like text: ``path:line:col: CODE message``, one finding per line, then a summary."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from qa.core.finding import Finding

if TYPE_CHECKING:
    from qa.core.run import CheckRun


def format_finding(f: Finding) -> str:
    """One line for a finding, at its target location if it has one, else its source.

    >>> from qa.core.finding import Location, Severity
    >>> loc = Location("zh/a.md", 3, 7, 3, 9, "…")
    >>> format_finding(Finding("P001", "unpaired-punctuation", Severity.WARNING, "x", "a.md",
    ...                        target=loc))
    'zh/a.md:3:7: P001 x'
    """
    return f"{f.where}: {f.code} {f.message}"


def summary(findings: list[Finding], problems: int = 0) -> str:
    """``Found 3 findings (1 error, 2 warnings).`` or ``All checks passed!``; with
    ``problems`` (files or rules the run could not check), never "passed".

    >>> summary([], 2)
    'No findings in what was checked, but 2 problems kept part of it unchecked (on stderr).'
    """
    left = (f"{problems} problem{'' if problems == 1 else 's'} kept part of it unchecked "
            "(on stderr)") if problems else ""
    if not findings:
        return f"No findings in what was checked, but {left}." if left else "All checks passed!"
    by = Counter(str(f.severity) for f in findings)
    parts = [f"{by[s]} {s}{'' if by[s] == 1 else 's'}" for s in ("error", "warning", "info")
             if by[s]]
    parts = [p.replace("infos", "info") for p in parts]
    n = len(findings)
    found = f"Found {n} finding{'' if n == 1 else 's'} ({', '.join(parts)})."
    return f"{found} {left[:1].upper()}{left[1:]}." if left else found


def write(run: CheckRun, out: TextIO) -> None:
    """Print every finding on its own line, then the summary."""
    for f in run.findings:
        out.write(format_finding(f) + "\n")
        if f.suggestion:
            out.write(f"  help: {f.suggestion}\n")
    out.write(summary(run.findings, len(run.problems)) + "\n")
