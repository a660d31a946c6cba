"""Two-level alignment of structured documents: blocks first, then sentences inside them.

Blocks (headings, paragraphs, list items, table rows) are paired by the same search as
sentences, over block-level evidence (the sum of their sentences' vectors and lengths,
their anchors) plus agreement of block kinds. Sentences are then aligned only within each
block bead, which keeps a sentence from crossing a heading or a list item. Every sentence
of both documents ends up in exactly one bead, in document order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from align.aligner import (
    AlignerConfig,
    build_evidence,
    search,
    signature,
    steps_to_beads,
)
from align.alignment import Alignment, Bead, BlockBead
from align.document import Block, Document
from align.scores.combined import CombinedCost
from align.scores.structure import BlockKindScorer

#: Block bead shapes: a translator merges or splits paragraphs, and may drop or add one.
BLOCK_BEAD_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))


def _units(blocks: Sequence[Block]) -> tuple[list[int], list[range]]:
    """Global sentence indices of the blocks' sentences, and each block's range of them."""
    index: list[int] = []
    groups: list[range] = []
    for b in blocks:
        start = len(index)
        index.extend(s.index for s in b.sentences)
        groups.append(range(start, len(index)))
    return index, groups


def _block_cost(cost: CombinedCost, src_blocks: Sequence[Block], tgt_blocks: Sequence[Block],
                src_groups: list[range], tgt_groups: list[range]) -> CombinedCost:
    grouped = cost.grouped(src_groups, tgt_groups, skip=2.0 * cost.skip)
    kinds = BlockKindScorer([str(b.kind) for b in src_blocks], [str(b.kind) for b in tgt_blocks])
    grouped.scorers.append((kinds, 2.0))
    return grouped


def _insert_leftovers(beads: list[Bead], source_left: Sequence[int],
                      target_left: Sequence[int]) -> list[Bead]:
    """Add 1-0 / 0-1 beads for sentences outside text blocks, keeping document order."""
    out = list(beads)
    for s in sorted(source_left):
        pos = next((k for k, b in enumerate(out) if b.source and min(b.source) > s), len(out))
        out.insert(pos, Bead((s,), (), 1.0))
    for t in sorted(target_left):
        pos = next((k for k, b in enumerate(out) if b.target and min(b.target) > t), len(out))
        out.insert(pos, Bead((), (t,), 1.0))
    return out


def align_documents(source: Document, target: Document,
                    config: AlignerConfig | None = None, *,
                    glossary: object | None = None) -> Alignment:
    r"""Align two parsed documents: block beads, then sentence beads inside each.

    Bead indices are positions in ``Document.sentences``. A glossary (such as
    ``qa.glossary.Glossary``) adds its terms to the anchors.

    >>> from align.reader import parse_document
    >>> en = parse_document("# Cats\n\nCats sleep. Dogs run.\n", "en/a.md", "en")
    >>> zh = parse_document("# 猫\n\n猫睡觉。狗跑。\n", "zh/a.md", "zh")
    >>> cfg = AlignerConfig(scores=("length",), cache_dir=None)
    >>> [(b.source, b.target) for b in align_documents(en, zh, cfg).beads]
    [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    """
    config = config or AlignerConfig()
    src_blocks = [b for b in source.text_blocks if b.sentences]
    tgt_blocks = [b for b in target.text_blocks if b.sentences]
    src_index, src_groups = _units(src_blocks)
    tgt_index, tgt_groups = _units(tgt_blocks)
    src_texts = [source.sentences[k].text for k in src_index]
    tgt_texts = [target.sentences[k].text for k in tgt_index]
    evidence = build_evidence(src_texts, tgt_texts, source.lang, target.lang, config, glossary)

    block_cfg = replace(config, bead_types=BLOCK_BEAD_TYPES)
    block_steps = search(_block_cost(evidence.cost, src_blocks, tgt_blocks, src_groups,
                                     tgt_groups), len(src_blocks), len(tgt_blocks), block_cfg,
                         evidence.model is not None)
    beads: list[Bead] = []
    block_beads: list[BlockBead] = []
    for bs in block_steps:
        block_conf = steps_to_beads([bs], config)[0].confidence
        block_beads.append(BlockBead(tuple(src_blocks[k].index for k in bs.source),
                                     tuple(tgt_blocks[k].index for k in bs.target), block_conf))
        s_units = range(src_groups[bs.i - bs.a].start if bs.a else 0,
                        src_groups[bs.i - 1].stop if bs.a else 0)
        t_units = range(tgt_groups[bs.j - bs.b].start if bs.b else 0,
                        tgt_groups[bs.j - 1].stop if bs.b else 0)
        if not bs.a or not bs.b:
            beads += [Bead((src_index[u],), (), block_conf) for u in s_units]
            beads += [Bead((), (tgt_index[u],), block_conf) for u in t_units]
            continue
        steps = search(evidence.cost.shifted(s_units.start, t_units.start),
                       len(s_units), len(t_units), config, evidence.model is not None)
        for bead in steps_to_beads(steps, config, [src_index[u] for u in s_units],
                                   [tgt_index[u] for u in t_units]):
            # A sentence bead is right only if its block bead is right too.
            beads.append(replace(bead, confidence=round(bead.confidence * block_conf, 4)))
    used_s = {k for b in beads for k in b.source}
    used_t = {k for b in beads for k in b.target}
    beads = _insert_leftovers(
        beads, [s.index for s in source.sentences if s.index not in used_s],
        [s.index for s in target.sentences if s.index not in used_t])
    return Alignment(source, target, beads, block_beads,
                     signature(evidence, config, "blocks"))
