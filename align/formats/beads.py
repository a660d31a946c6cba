"""The benchmark's bead format: ``[0, 1]:[0]``, one bead per line, first file's indices first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from align.evaluate import format_bead
from align.formats.rows import AlignedRow


def write(rows: Iterable[AlignedRow], out: TextIO) -> None:
    for row in rows:
        out.write(format_bead(row.source_indices, row.target_indices) + "\n")
