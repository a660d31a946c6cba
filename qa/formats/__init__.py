"""Output formats for ``bitext check``: one module per format, one line in :data:`FORMATS`.

A format is a function taking a :class:`~qa.core.run.CheckRun` and a text stream, which it
writes the run's findings to (each module's ``write``). Adding a format means adding a
module here and one registry line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from qa.formats import csv as _csv
from qa.formats import github as _github
from qa.formats import json as _json
from qa.formats import jsonl as _jsonl
from qa.formats import junit as _junit
from qa.formats import markdown as _markdown
from qa.formats import sarif as _sarif
from qa.formats import text as _text

if TYPE_CHECKING:
    from qa.core.run import CheckRun

Writer = Callable[["CheckRun", TextIO], None]

#: Format name → writer, in the order ``--format`` lists them.
FORMATS: dict[str, Writer] = {
    "text": _text.write,
    "json": _json.write,
    "jsonl": _jsonl.write,
    "csv": _csv.write,
    "sarif": _sarif.write,
    "github": _github.write,
    "junit": _junit.write,
    "markdown": _markdown.write,
}

__all__ = ["FORMATS", "Writer"]
