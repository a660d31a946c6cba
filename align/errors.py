"""The one exception type that carries a user-facing problem with an input file."""

from __future__ import annotations


class InputError(Exception):
    """A problem with a user's file, reported as one line: ``PATH: problem``.

    >>> str(InputError("corpus/zh/a.md", "empty file"))
    'corpus/zh/a.md: empty file'
    """

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)
