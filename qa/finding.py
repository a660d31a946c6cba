"""Findings: what a check reports, pointing at real locations on both sides."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from align.document import Block, Sentence


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


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


@dataclass(frozen=True)
class Finding:
    """One problem found by a check. ``to_dict`` gives exactly the JSON output's keys."""

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

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = str(self.severity)
        del d["side"]
        return d

    @property
    def primary(self) -> Location | None:
        """Where an annotation goes: the side holding the defect, else whichever side exists."""
        if self.side == "source":
            return self.source or self.target
        return self.target or self.source
