"""Findings: what a check reports, pointing at real locations on both sides and at its pair."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from align.document import Block, Document, Sentence
from align.positions import LineIndex


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


#: The fields of a :class:`Location`, in output order (JSON keys, flattened column suffixes).
LOCATION_FIELDS = ("path", "line", "column", "end_line", "end_column", "text")


@dataclass(frozen=True)
class Location:
    """A span of one file: 1-based lines and columns, end exclusive, and the text there."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    @classmethod
    def of(cls, pieces: list[Sentence] | list[Block] | Sentence | Block) -> Location | None:
        """The location covering sentences or blocks (first start to last end)."""
        if not isinstance(pieces, list):
            pieces = [pieces]
        if not pieces:
            return None
        first, last = pieces[0], pieces[-1]
        sep = "" if first.lang == "zh" else " "
        return cls(line=first.line, column=first.column, end_line=last.end_line,
                   end_column=last.end_column, path=first.path,
                   text=sep.join(p.text for p in pieces))

    @property
    def ref(self) -> str:
        """``path:line:column``, where editors and CI annotations jump to.

        >>> Location("zh/a.md", 3, 7, 3, 9, "…").ref
        'zh/a.md:3:7'
        """
        return f"{self.path}:{self.line}:{self.column}"

    def offsets(self, document: Document) -> tuple[int, int]:
        """Character offsets ``[start, end)`` of this location in ``document``.

        >>> from align.reader import parse_document
        >>> doc = parse_document("ab\\ncd\\n", "a.md", "en")
        >>> Location("a.md", 2, 1, 2, 3, "cd").offsets(doc)
        (3, 5)
        """
        if document.lines is None:
            document.lines = LineIndex(document.text)
        starts, base = document.lines.starts, document.lines.base

        def offset(line: int, column: int) -> int:
            line = min(max(line - base, 1), len(starts))
            return min(starts[line - 1] + max(column, 1) - 1, len(document.text))

        a = offset(self.line, self.column)
        return a, max(a, offset(self.end_line, self.end_column))


@dataclass(frozen=True)
class Edit:
    """A safe, mechanical fix: ``document.text[start:end]`` (which reads ``old``) of the file
    at ``path`` becomes ``new``. Offsets are character offsets into the decoded text."""

    path: str
    start: int
    end: int
    old: str
    new: str


@dataclass(frozen=True)
class Finding:
    """One problem found by a check. ``to_dict`` gives exactly the JSON output's keys.

    ``pair`` is the index of the aligned pair the finding is about in its document's
    ``pairs`` (None for a finding about a whole document), so reports, baselines and
    ``--changed-since`` never have to re-derive it from line numbers.
    """

    code: str
    name: str
    severity: Severity
    message: str
    document: str
    source: Location | None = None
    target: Location | None = None
    confidence: float | None = None
    suggestion: str | None = None
    #: Which side holds the defect ("source" or "target"); by default the target, since the
    #: translation is what gets edited. Not part of the JSON output.
    side: str = "target"
    #: Index of the finding's pair in its document's pairs. Not part of the JSON output.
    pair: int | None = None
    #: Safe edits that fix the finding (``bitext check --fix``); empty when it needs judgement.
    fixes: tuple[Edit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: code, name, severity, message, document, source, target, …"""
        return {
            "code": self.code, "name": self.name, "severity": str(self.severity),
            "message": self.message, "document": self.document,
            "source": _location_dict(self.source), "target": _location_dict(self.target),
            "confidence": self.confidence, "suggestion": self.suggestion,
        }

    def to_row(self) -> dict[str, Any]:
        """The flat record: ``to_dict`` with each side's location spread over columns
        (``source_path``, ``source_line``, … ``target_text``); a missing side gives None."""
        row = {k: v for k, v in self.to_dict().items() if k not in ("source", "target")}
        for side, loc in (("source", self.source), ("target", self.target)):
            for k in LOCATION_FIELDS:
                row[f"{side}_{k}"] = getattr(loc, k) if loc else None
        return row

    @property
    def primary(self) -> Location | None:
        """Where an annotation goes: the side holding the defect, else whichever side exists."""
        if self.side == "source":
            return self.source or self.target
        return self.target or self.source

    @property
    def where(self) -> str:
        """``path:line:column`` of the primary location, else the document's name."""
        loc = self.primary
        return loc.ref if loc else self.document


def _location_dict(loc: Location | None) -> dict[str, Any] | None:
    return None if loc is None else {k: getattr(loc, k) for k in LOCATION_FIELDS}
