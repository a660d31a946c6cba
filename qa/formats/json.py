"""JSON: an array of finding objects with exactly the keys of :meth:`Finding.to_dict`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from qa.core.run import CheckRun


def write(run: CheckRun, out: TextIO) -> None:
    """Print the findings as one JSON array (UTF-8 text kept readable, not escaped)."""
    # One write of the whole text: json.dump writes each of its (tens of thousands of)
    # pieces on its own.
    out.write(json.dumps([f.to_dict() for f in run.findings], ensure_ascii=False, indent=2))
    out.write("\n")
