"""A progress bar for long runs, drawn on stderr only when stderr is a terminal.

CI logs and pipes get nothing: no carriage returns, no partial lines. ``TERM=dumb`` and
``CI`` in the environment also turn it off, as do fewer than ``minimum`` items.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


def interactive(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal a person watches (not CI, not a dumb terminal)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and os.environ.get("TERM") != "dumb" and not os.environ.get("CI")


class Progress:
    """``with Progress(total) as step: step(name)`` draws ``[####----]  3/12 name``.

    >>> import io
    >>> with Progress(3, stream=io.StringIO()) as step:
    ...     step("a.md")
    """

    def __init__(self, total: int, stream: TextIO | None = None, minimum: int = 2,
                 label: str = "checking") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.label = label
        self.enabled = total >= minimum and interactive(self.stream)
        self._last = 0.0
        self._width = 0

    def __call__(self, name: str) -> None:
        """Announce that item ``name`` starts (items are counted as they start)."""
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.05 and self.done < self.total:
            return  # redraw at most 20 times a second
        self._last = now
        filled = 24 * (self.done - 1) // max(self.total, 1)
        line = (f"{self.label} [{'#' * filled}{'-' * (24 - filled)}] "
                f"{self.done}/{self.total} {name}")
        columns = _columns(self.stream)
        if len(line) > columns - 1:
            line = line[: columns - 2] + "…"
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)

    def close(self) -> None:
        """Erase the bar so that the command's own output starts on a clean line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 80
