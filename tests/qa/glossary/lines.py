"""Small aligned documents built from lines, for tests and the matching benchmark.

Each non-blank line becomes one paragraph block holding one sentence with its true line
and column, so findings point at real positions; line *i* of the English text is aligned
1-1 with line *i* of the Chinese text. It does not depend on the aligner.
"""

from __future__ import annotations

from align.alignment import Alignment, Bead
from align.document import Block, BlockKind, Document, Sentence
from qa.core.run import AlignedDocument


def line_document(lines: list[str], path: str, lang: str) -> Document:
    """A document whose non-blank lines are one-sentence paragraphs."""
    blocks: list[Block] = []
    offset = 0
    index = 0
    for i, line in enumerate(lines):
        raw = line + "\n"
        kind = BlockKind.PARAGRAPH if line.strip() else BlockKind.BLANK
        block = Block(kind=kind, index=i, start=offset, end=offset + len(raw), line=i + 1,
                      column=1, end_line=i + 1, end_column=len(line) + 1, raw=raw,
                      content_start=offset, content_end=offset + len(line), text=line,
                      path=path, lang=lang)
        if line.strip():
            block.sentences.append(Sentence(
                path=path, lang=lang, index=index, block=i, start=offset,
                end=offset + len(line), line=i + 1, column=1, end_line=i + 1,
                end_column=len(line) + 1, raw=line, text=line))
            index += 1
        blocks.append(block)
        offset += len(raw)
    return Document(path=path, lang=lang, text="".join(b.raw for b in blocks), blocks=blocks)


def aligned_lines(en: list[str], zh: list[str], name: str = "doc.md",
                  confidence: float = 1.0) -> AlignedDocument:
    """English and Chinese lines aligned line by line (a blank line on one side: 1-0/0-1)."""
    src = line_document(en, f"en/{name}", "en")
    tgt = line_document(zh, f"zh/{name}", "zh")
    beads: list[Bead] = []
    si = ti = 0
    for i in range(max(len(en), len(zh))):
        has_s = i < len(en) and bool(en[i].strip())
        has_t = i < len(zh) and bool(zh[i].strip())
        if has_s or has_t:
            beads.append(Bead((si,) if has_s else (), (ti,) if has_t else (), confidence))
        si += has_s
        ti += has_t
    return AlignedDocument(name, Alignment(src, tgt, beads))


def aligned_pair(en: str, zh: str, name: str = "doc.md",
                 confidence: float = 1.0) -> AlignedDocument:
    """One English sentence aligned with one Chinese sentence."""
    return aligned_lines([en], [zh], name, confidence)
