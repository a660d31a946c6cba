"""A glossary writer for the concurrency test: one process running ``glossary add`` often.

A module of its own so that ``multiprocessing`` (spawn) can import it in the children.
"""

from __future__ import annotations

import contextlib
import io


def add_many(args: tuple[str, int, int]) -> int:
    """Run ``bitext glossary add`` ``count`` times for writer ``worker``; how many exited 0."""
    from qa.cli import main

    path, worker, count = args
    ok = 0
    for i in range(count):
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            ok += main(["glossary", "add", f"term w{worker} n{i}", "术语",
                        "--glossary", path, "--lock-timeout", "60"]) == 0
    return ok
