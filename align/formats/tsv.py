"""Tab-separated output: one bead per line with both sides' lines, texts and confidence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from align.formats.rows import AlignedRow

HEADER = ("document", "source_lines", "target_lines", "kind", "confidence", "source_text",
          "target_text")


def _lines(span: tuple[int, int] | None) -> str:
    if span is None:
        return ""
    return str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"


def _clean(text: str) -> str:
    # A tab or newline inside a cell would break the columns.
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write(rows: Iterable[AlignedRow], out: TextIO) -> None:
    out.write("\t".join(HEADER) + "\n")
    for r in rows:
        out.write("\t".join((r.document, _lines(r.source_lines), _lines(r.target_lines), r.kind,
                             f"{r.confidence:.3f}", _clean(r.source_text),
                             _clean(r.target_text))) + "\n")
