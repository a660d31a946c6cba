"""The document model's invariants, asserted by the property tests of the reader."""

from __future__ import annotations

import re

from align.document import TEXT_KINDS, BlockKind, Document

#: Block-quote markers at the start of a line: the reader reads them as white space, so one
#: that stands between two sentences belongs to neither.
_QUOTE_MARKERS = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")


def assert_lossless(doc: Document, text: str) -> None:
    """Blocks tile ``text`` byte for byte; sentences are ordered, trimmed slices of the prose
    of text blocks, at their true positions, and cover every non-space character of it."""
    assert "".join(b.raw for b in doc.blocks) == text
    prev_end = 0
    for i, s in enumerate(doc.sentences):
        assert s.index == i
        assert text[s.start:s.end] == s.raw and s.raw.strip() == s.raw and s.raw
        assert s.start >= prev_end
        prev_end = s.end
        block = doc.blocks[s.block]
        assert block.kind in TEXT_KINDS
        assert block.start <= s.start and s.end <= block.end
        assert block.content_start <= s.start and s.end <= block.content_end
        assert doc.position(s.start) == (s.line, s.column)
    for b in doc.blocks:
        assert text[b.start:b.end] == b.raw
        if b.kind not in TEXT_KINDS:
            assert not b.sentences
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING):
            covered = "".join(s.raw for s in b.sentences)
            content = text[b.content_start:b.content_end]
            # Every non-space character of the prose (quote markers read as space) belongs to
            # exactly one sentence.
            assert "".join(_QUOTE_MARKERS.sub("", covered).split()) == \
                "".join(_QUOTE_MARKERS.sub("", content).split())
