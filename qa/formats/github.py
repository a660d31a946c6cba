"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=N001 number-mismatch::message``.
Values are escaped as the Actions runner unescapes them: ``%``, CR and LF everywhere, and
``:`` and ``,`` inside properties as well.
"""

from __future__ import annotations

from typing import TextIO

from qa.core.finding import Finding, Severity
from qa.core.run import CheckRun

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    """The workflow command line for one finding."""
    props: list[tuple[str, object]] = []
    loc = f.primary
    if loc is not None:
        props += [("file", loc.path), ("line", loc.line), ("col", loc.column),
                  ("endLine", loc.end_line), ("endColumn", loc.end_column)]
    props.append(("title", f"{f.code} {f.name}"))
    message = f.message
    if f.suggestion:
        message += f"\nSuggestion: {f.suggestion}"
    if loc is None:
        message = f"{f.document}: {message}"
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{LEVELS[f.severity]} {joined}::{escape_data(message)}"


def write(run: CheckRun, out: TextIO) -> None:
    """Write one workflow command per finding."""
    for f in run.findings:
        out.write(command(f) + "\n")
