"""Where a finding's :class:`~qa.finding.Location` falls in a document: offsets, sentences."""

from __future__ import annotations

from bisect import bisect_right

from align.document import Document
from align.positions import LineIndex
from qa.finding import Location


def location_span(doc: Document, loc: Location) -> tuple[int, int]:
    """Character offsets ``[start, end)`` of a location (1-based lines/columns, end exclusive).

    >>> from align.reader import parse_document
    >>> doc = parse_document("ab\\ncd\\n", "a.md", "en")
    >>> location_span(doc, Location("a.md", 2, 1, 2, 3, "cd"))
    (3, 5)
    """
    if doc.lines is None:
        doc.lines = LineIndex(doc.text)
    starts = doc.lines.starts

    def offset(line: int, column: int) -> int:
        line = min(max(line, 1), len(starts))
        return min(starts[line - 1] + max(column, 1) - 1, len(doc.text))

    a = offset(loc.line, loc.column)
    return a, max(a, offset(loc.end_line, loc.end_column))


def overlapping_sentences(doc: Document, loc: Location) -> list[int]:
    """Indices of the document's sentences that a location touches (a point touches one)."""
    a, b = location_span(doc, loc)
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    k = max(bisect_right(starts, a) - 1, 0)
    out = []
    for s in sentences[k:]:
        if s.start > b:
            break
        if (a < s.end and b > s.start) or (a == b and s.start <= a <= s.end):
            out.append(s.index)
    return out
