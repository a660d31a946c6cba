"""Output formats for ``bitext check``: one module per format, one line in :data:`FORMATS`.

A format is a function taking a :class:`~qa.core.run.CheckRun` and a text stream, which it
writes the run's findings to (each module's ``write``). Adding a format means adding a
module here and one registry line. A format's module is imported when the format is first
used, so listing the names (``--help``) loads neither pandas (csv) nor jinja2 (markdown).

>>> list(FORMATS)[:3], "csv" in FORMATS
(['text', 'json', 'jsonl'], True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from qa.core.run import CheckRun

Writer = Callable[["CheckRun", TextIO], None]

#: Format names, in the order ``--format`` lists them; each is the module ``qa.formats.NAME``.
NAMES = ("text", "json", "jsonl", "csv", "sarif", "github", "junit", "markdown")


class _Formats(Mapping[str, Writer]):
    """Format name → writer, importing the format's module on first use."""

    def __getitem__(self, name: str) -> Writer:
        if name not in NAMES:
            raise KeyError(name)
        return import_module(f"qa.formats.{name}").write

    def __iter__(self) -> Iterator[str]:
        return iter(NAMES)

    def __len__(self) -> int:
        return len(NAMES)


FORMATS: Mapping[str, Writer] = _Formats()

__all__ = ["FORMATS", "NAMES", "Writer"]
