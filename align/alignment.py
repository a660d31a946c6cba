"""Alignment results: beads that link sentences (and blocks) of a source and a target document."""

from __future__ import annotations

from dataclasses import dataclass, field

from align.document import Block, Document, Sentence
from align.signature import Signature


@dataclass(frozen=True, slots=True)
class Bead:
    """One link: source sentence indices ↔ target sentence indices (either side may be empty).

    Beads and pairs have slots, no ``__dict__``: a long document has one of each per
    sentence or so, ~90 and ~120 bytes less apiece.

    Indices are positions in ``Document.sentences`` (or in the input lists for flat text).
    ``confidence`` is the calibrated probability (0–1) that the bead is exactly right.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """Bead type such as ``"1-1"``, ``"2-1"``, ``"0-1"``."""
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True, slots=True)
class BlockBead:
    """A link between block indices (``Document.blocks``) of the two documents."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float = 1.0


@dataclass(slots=True)
class SentencePair:
    """What a check looks at: the sentences of one bead, resolved, with the bead's confidence."""

    source: list[Sentence]
    target: list[Sentence]
    confidence: float
    source_blocks: list[Block] = field(default_factory=list)
    target_blocks: list[Block] = field(default_factory=list)

    # A side of one sentence (most pairs) is its text: the rules ask for these texts about
    # a hundred thousand times on the docs pages, and the join cost three times as much.
    @property
    def source_text(self) -> str:
        source = self.source
        return source[0].text if len(source) == 1 else " ".join(s.text for s in source)

    @property
    def target_text(self) -> str:
        target = self.target
        if len(target) == 1:
            return target[0].text
        sep = "" if target and target[0].lang == "zh" else " "
        return sep.join(s.text for s in target)


@dataclass
class Alignment:
    """The aligned pair of documents: sentence beads in order, and the block beads."""

    source: Document
    target: Document
    beads: list[Bead]
    block_beads: list[BlockBead] = field(default_factory=list)
    #: The aligner's settings, e.g. ``aligner:bitext-dp|mode:blocks|scores:length+anchors|…``.
    signature: Signature = field(default_factory=Signature)

    def pairs(self) -> list[SentencePair]:
        """Every bead with its sentences resolved, in document order."""
        ss, ts = self.source.sentences, self.target.sentences
        out = []
        for bead in self.beads:
            src = [ss[i] for i in bead.source]
            tgt = [ts[j] for j in bead.target]
            out.append(SentencePair(
                source=src,
                target=tgt,
                confidence=bead.confidence,
                source_blocks=_blocks(self.source, src),
                target_blocks=_blocks(self.target, tgt),
            ))
        return out


def _blocks(doc: Document, sentences: list[Sentence]) -> list[Block]:
    seen: list[int] = []
    for s in sentences:
        if s.block not in seen:
            seen.append(s.block)
    return [doc.blocks[i] for i in seen]
