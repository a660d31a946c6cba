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

#: Block bead shapes: a translator merges or splits paragraphs, and may drop or add one. Short
#: paragraphs (one sentence each) split and merge as freely as sentences do, so the block
#: search allows the same many-to-many shapes as the sentence search.
BLOCK_BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 4), (4, 1), (2, 3), (3, 2))


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


def _regions(steps: Sequence, confidences: Sequence[float]) -> list[list[tuple]]:
    """Group block steps so that each unpaired block (1-0, 0-1) joins a paired neighbour.

    A block left unpaired by the block search is often not missing at all: a translator
    split one paragraph into three, or the block evidence was weak. Aligning its sentences
    together with the neighbouring pair lets the sentence search decide — a sentence with
    no counterpart still ends up in a 1-0 bead, now with sentence-level evidence.
    """
    regions: list[list[tuple]] = []
    paired_in_last = False
    for bs, conf in zip(steps, confidences, strict=True):
        paired = bool(bs.a and bs.b)
        if not regions or (paired and paired_in_last):
            regions.append([])
            paired_in_last = False
        regions[-1].append((bs, conf))
        paired_in_last = paired_in_last or paired
    return regions


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
    # ``Document.sentences`` builds its list on each use: take it once.
    src_sentences, tgt_sentences = source.sentences, target.sentences
    src_texts = [src_sentences[k].text for k in src_index]
    tgt_texts = [tgt_sentences[k].text for k in tgt_index]
    evidence = build_evidence(src_texts, tgt_texts, source.lang, target.lang, config, glossary)

    block_cfg = replace(config, bead_types=BLOCK_BEAD_TYPES)
    block_steps = search(_block_cost(evidence.cost, src_blocks, tgt_blocks, src_groups,
                                     tgt_groups), len(src_blocks), len(tgt_blocks), block_cfg,
                         evidence.model is not None)
    beads: list[Bead] = []
    block_beads: list[BlockBead] = []
    confidences = [steps_to_beads([bs], config)[0].confidence for bs in block_steps]
    for bs, block_conf in zip(block_steps, confidences, strict=True):
        block_beads.append(BlockBead(tuple(src_blocks[k].index for k in bs.source),
                                     tuple(tgt_blocks[k].index for k in bs.target), block_conf))
    for region in _regions(block_steps, confidences):
        steps_here = [bs for bs, _ in region]
        block_conf = max(c for bs, c in region if bs.a and bs.b) \
            if any(bs.a and bs.b for bs, _ in region) else min(c for _, c in region)
        s_lo, s_hi = steps_here[0].i - steps_here[0].a, steps_here[-1].i
        t_lo, t_hi = steps_here[0].j - steps_here[0].b, steps_here[-1].j
        s_units = range(src_groups[s_lo].start, src_groups[s_hi - 1].stop) \
            if s_hi > s_lo else range(0)
        t_units = range(tgt_groups[t_lo].start, tgt_groups[t_hi - 1].stop) \
            if t_hi > t_lo else range(0)
        if not s_units or not t_units:
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
        beads, [s.index for s in src_sentences if s.index not in used_s],
        [s.index for s in tgt_sentences if s.index not in used_t])
    return Alignment(source, target, beads, block_beads,
                     signature(evidence, config, "blocks"))
