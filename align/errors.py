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

    def __reduce__(self) -> tuple[type[InputError], tuple[str | None, str]]:
        # Travels from worker processes back to the parent whole.
        return InputError, (self.path, self.problem)
