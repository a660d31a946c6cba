"""Map character offsets in a text to 1-based line and column numbers."""

from __future__ import annotations

from array import array
from bisect import bisect_right


class LineIndex:
    """Offsets of line starts, so an offset becomes ``(line, column)`` in O(log n).

    Lines end at ``\\n``; a ``\\r`` before it belongs to the line ending, so CRLF files
    get the same line and column numbers an editor shows.

    >>> LineIndex("ab\\r\\ncd").position(4)
    (2, 1)
    """

    def __init__(self, text: str, base: int = 0) -> None:
        self.text = text
        #: Lines of the file before ``text`` (a part of a long file, see align.parts): the
        #: positions are the file's.
        self.base = base
        # Machine integers (8 bytes a line, not a 36-byte int object and its list slot).
        self.starts = array("q", [0])
        start = text.find("\n")
        while start != -1:
            self.starts.append(start + 1)
            start = text.find("\n", start + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset`` (columns count code points)."""
        line = bisect_right(self.starts, offset) - 1
        return line + 1 + self.base, offset - self.starts[line] + 1

