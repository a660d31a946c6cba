"""The record every output format writes: one bead, both sides resolved to lines and text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.alignment import Alignment, Bead


@dataclass(frozen=True)
class AlignedRow:
    """One bead of one document pair, ready to print."""

    document: str
    source_lang: str
    target_lang: str
    source_indices: tuple[int, ...]  # sentence indices (0-based)
    target_indices: tuple[int, ...]
    source_lines: tuple[int, int] | None  # first and last 1-based line, None when empty
    target_lines: tuple[int, int] | None
    source_text: str
    target_text: str
    confidence: float

    @property
    def kind(self) -> str:
        return f"{len(self.source_indices)}-{len(self.target_indices)}"


def _join(texts: Sequence[str], lang: str) -> str:
    # Chinese sentences join without a space, English ones with one.
    return ("" if lang == "zh" else " ").join(t.strip() for t in texts)


def rows_from_alignment(name: str, alignment: Alignment) -> list[AlignedRow]:
    """Rows of a structured alignment; lines are the sentences' lines in their files."""
    out = []
    src, tgt = alignment.source, alignment.target
    for bead, pair in zip(alignment.beads, alignment.pairs(), strict=True):
        out.append(AlignedRow(
            name, src.lang, tgt.lang, bead.source, bead.target,
            (pair.source[0].line, pair.source[-1].end_line) if pair.source else None,
            (pair.target[0].line, pair.target[-1].end_line) if pair.target else None,
            _join([s.text for s in pair.source], src.lang),
            _join([s.text for s in pair.target], tgt.lang),
            bead.confidence))
    return out


def rows_from_beads(name: str, beads: Sequence[Bead], source: Sequence[str],
                    target: Sequence[str], source_lang: str, target_lang: str) -> list[AlignedRow]:
    """Rows of a flat alignment: sentence ``k`` is line ``k + 1``."""
    def lines(idx: tuple[int, ...]) -> tuple[int, int] | None:
        return (idx[0] + 1, idx[-1] + 1) if idx else None

    return [AlignedRow(name, source_lang, target_lang, b.source, b.target,
                       lines(b.source), lines(b.target),
                       _join([source[k] for k in b.source], source_lang),
                       _join([target[k] for k in b.target], target_lang), b.confidence)
            for b in beads]
