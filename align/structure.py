"""Two-level alignment of structured documents: blocks first, then sentences inside them.

Blocks (headings, paragraphs, list items, table rows) are paired by the same search as
sentences, over block-level evidence (the sum of their sentences' vectors and lengths,
their anchors) plus agreement of block kinds. Sentences are then aligned only within each
block bead, which keeps a sentence from crossing a heading or a list item. Every sentence
of both documents ends up in exactly one bead, in document order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from align.aligner import (
    AlignerConfig,
    Evidence,
    build_evidence,
    confidence,
    search,
    signature,
)
from align.alignment import Alignment, Bead, BlockBead
from align.document import Block, BlockKind, Document
from align.memory import release_free_memory
from align.scores.combined import CombinedCost
from align.scores.structure import BlockKindScorer
from align.search import PathStep
from align.signature import Signature

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
    """Add 1-0 / 0-1 beads for sentences outside text blocks, keeping document order.

    A leftover sentence goes just before the first bead whose side starts after it (after
    the beads without that side in between), or at the end: one merge per side.
    """
    out = _merge_side(beads, sorted(source_left), lambda b: b.source,
                      lambda s: Bead((s,), (), 1.0))
    return _merge_side(out, sorted(target_left), lambda b: b.target,
                       lambda t: Bead((), (t,), 1.0))


def _merge_side(beads: list[Bead], left: list[int], side, make) -> list[Bead]:
    if not left:
        return list(beads)
    out: list[Bead] = []
    k = 0
    for bead in beads:
        indices = side(bead)
        if indices:
            first = min(indices)
            while k < len(left) and left[k] < first:
                out.append(make(left[k]))
                k += 1
        out.append(bead)
    out.extend(make(s) for s in left[k:])
    return out


def _split_at_headings(steps: Sequence[PathStep], src_heads: Sequence[bool],
                       tgt_heads: Sequence[bool]) -> list[PathStep]:
    """Block steps with no bead that holds a Markdown heading after its first block on a
    side. A translator renders a heading as a heading; a bead that pulls one into the block
    before it is a section the other side lacks ("## Retries" and its paragraphs, not yet
    translated, merged 4-1 with the paragraph before: every finding of that section then
    landed on that paragraph's line), or a block the other side lacks before a heading it
    has. So the bead is cut before the heading: when the other side's part opens with a
    heading and this side's does not, the heading and what follows keep the pairing and the
    blocks before it are left unpaired; else the blocks before it keep it (a heading with
    the other side's heading) and the heading with what follows is left unpaired. A bead
    with a heading inside on both sides is cut on both, into two pairs."""
    out: list[PathStep] = []
    for st in steps:
        if not (st.a and st.b):
            out.append(st)
            continue
        s_cut = next((k for k in range(st.i - st.a + 1, st.i) if src_heads[k]), None)
        t_cut = next((k for k in range(st.j - st.b + 1, st.j) if tgt_heads[k]), None)
        if s_cut is None and t_cut is None:
            out.append(st)
        elif s_cut is not None and t_cut is not None:  # two sections a side: pair each
            out.append(PathStep(s_cut - (st.i - st.a), t_cut - (st.j - st.b), s_cut, t_cut,
                                st.cost, st.posterior))
            out.append(PathStep(st.i - s_cut, st.j - t_cut, st.i, st.j, 0.0, st.posterior))
        elif s_cut is not None:
            first, last = range(st.i - st.a, s_cut), range(s_cut, st.i)
            if tgt_heads[st.j - st.b] and not src_heads[st.i - st.a]:
                # The heading ↔ the other side's heading: the blocks before go unpaired.
                out += [PathStep(1, 0, k + 1, st.j - st.b, 0.0, st.posterior) for k in first]
                out.append(PathStep(len(last), st.b, st.i, st.j, st.cost, st.posterior))
            else:
                out.append(PathStep(len(first), st.b, s_cut, st.j, st.cost, st.posterior))
                out += [PathStep(1, 0, k + 1, st.j, 0.0, st.posterior) for k in last]
        else:
            assert t_cut is not None
            first, last = range(st.j - st.b, t_cut), range(t_cut, st.j)
            if src_heads[st.i - st.a] and not tgt_heads[st.j - st.b]:
                out += [PathStep(0, 1, st.i - st.a, k + 1, 0.0, st.posterior) for k in first]
                out.append(PathStep(st.a, len(last), st.i, st.j, st.cost, st.posterior))
            else:
                out.append(PathStep(st.a, len(first), st.i, t_cut, st.cost, st.posterior))
                out += [PathStep(0, 1, st.i, k + 1, 0.0, st.posterior) for k in last]
    return out


def _orphan_sections(regions: list[list[tuple]], src_heads: Sequence[bool],
                     tgt_heads: Sequence[bool]) -> list[list[tuple]]:
    """The regions, with each unpaired Markdown heading and the unpaired blocks after it
    (its section, as far as the other side has nothing unpaired next to it) made a region of
    their own: their sentences are not the neighbouring pair's to absorb."""
    out: list[list[tuple]] = []
    for region in regions:
        steps = [bs for bs, _ in region]
        src_free = any(bs.a and not bs.b for bs in steps)
        tgt_free = any(bs.b and not bs.a for bs in steps)
        if src_free == tgt_free:  # both sides have blocks to spare (or neither): leave it
            out.append(region)
            continue
        current: list[tuple] = []
        orphan = False
        for item in region:
            bs = item[0]
            opens = bool(bs.a and not bs.b and src_heads[bs.i - 1]) if src_free else \
                bool(bs.b and not bs.a and tgt_heads[bs.j - 1])
            if opens or (orphan and bs.a and bs.b):
                if current:
                    out.append(current)
                current, orphan = [], opens
            current.append(item)
        out.append(current)
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


@dataclass
class _Region:
    """Block steps aligned together (see :func:`_regions`) and their sentence beads; ``end``
    is the block position (source, target) after its last step, local to the search."""

    blocks: list[BlockBead]
    beads: list[Bead]
    end: tuple[int, int]


def _align_window(src_blocks: Sequence[Block], tgt_blocks: Sequence[Block],
                  src_texts: Sequence[str], tgt_texts: Sequence[str], langs: tuple[str, str],
                  config: AlignerConfig, glossary: object | None,
                  embedded: object | None = None,
                  keep_to: int | None = None) -> tuple[list[_Region], Evidence]:
    """Blocks, then sentences inside them, over the given blocks (their sentences' texts in
    order): the regions in order and the evidence built over these sentences.

    With ``keep_to`` (a window's, see :func:`_windowed`), the regions end before the first
    one but the first that ends past source sentence ``keep_to`` (counted from the window's
    start): the window's caller would drop them, so their sentences are not aligned.
    """
    src_index, src_groups = _units(src_blocks)
    tgt_index, tgt_groups = _units(tgt_blocks)
    evidence = build_evidence(src_texts, tgt_texts, *langs, config, glossary, vectors=embedded,
                              blocks_first=True)
    block_cfg = replace(config, bead_types=BLOCK_BEAD_TYPES)
    with_model = evidence.model is not None
    block_steps = search(_block_cost(evidence.cost, src_blocks, tgt_blocks, src_groups,
                                     tgt_groups), len(src_blocks), len(tgt_blocks), block_cfg,
                         with_model)
    src_heads = [b.kind is BlockKind.HEADING and b.level > 0 for b in src_blocks]
    tgt_heads = [b.kind is BlockKind.HEADING and b.level > 0 for b in tgt_blocks]
    block_steps = _split_at_headings(block_steps, src_heads, tgt_heads)
    confidences = [confidence(bs, config) for bs in block_steps]
    regions: list[_Region] = []
    for region in _orphan_sections(_regions(block_steps, confidences), src_heads, tgt_heads):
        steps_here = [bs for bs, _ in region]
        end = steps_here[-1].i
        if keep_to is not None and regions and \
                (src_groups[end].start if end < len(src_groups) else len(src_index)) > keep_to:
            break
        block_beads = [BlockBead(tuple(src_blocks[k].index for k in bs.source),
                                 tuple(tgt_blocks[k].index for k in bs.target), conf)
                       for bs, conf in region]
        beads: list[Bead] = []
        regions.append(_Region(block_beads, beads, (steps_here[-1].i, steps_here[-1].j)))
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
                       len(s_units), len(t_units), config, with_model)
        s0, t0 = s_units.start, t_units.start
        for st in steps:
            # A sentence bead is right only if its block bead is right too. (Built once, from
            # the step: a bead per step first, then another with this confidence, cost more
            # than the rest of a one-sentence block's beads.)
            beads.append(Bead(tuple(src_index[s0 + k] for k in st.source),
                              tuple(tgt_index[t0 + k] for k in st.target),
                              round(confidence(st, config) * block_conf, 4)))
    return regions, evidence


#: Documents with more sentences than this on a side are aligned in windows of about
#: ``WINDOW`` source sentences (see :func:`_windowed`); smaller ones in one search, as
#: before. Every page of the docs sites has under 600 sentences; a 1 MB page about 12,700.
#: On such a page (the docs pages repeated), windows of 2,000 leave 4 of 12,593 sentence
#: beads different from one search, at 478 MiB peak; windows of 4,000 none, at 775 MiB.
#: Judged by reading them (one passage of the sls connector page, twice): an English
#: sentence that holds two Chinese ones, then a duplicated English sentence. The windows
#: give 1-2 and 2-1 beads, the first exactly right; one search gave a 2-3 bead and left
#: "And then follow the instructions in Quick Start …" unpaired though it is translated.
WINDOW = 2000


def align_documents(source: Document, target: Document,
                    config: AlignerConfig | None = None, *,
                    glossary: object | None = None, window: int = WINDOW) -> Alignment:
    r"""Align two parsed documents: block beads, then sentence beads inside each.

    Bead indices are positions in ``Document.sentences``. A glossary (such as
    ``qa.glossary.Glossary``) adds its terms to the anchors. A document pair with more than
    ``window`` sentences on a side is aligned window by window (see :func:`_windowed`), so
    that time and memory grow linearly with its length.

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
    # ``Document.sentences`` builds its list on each use: take it once.
    src_sentences, tgt_sentences = source.sentences, target.sentences
    src_texts = [s.text for b in src_blocks for s in b.sentences]
    tgt_texts = [s.text for b in tgt_blocks for s in b.sentences]
    langs = (source.lang, target.lang)
    if max(len(src_texts), len(tgt_texts)) > window:
        regions, sig = _windowed(src_blocks, tgt_blocks, src_texts, tgt_texts, langs,
                                 config, glossary, window)
    else:
        regions, evidence = _align_window(src_blocks, tgt_blocks, src_texts, tgt_texts,
                                          langs, config, glossary)
        sig = signature(evidence, config, "blocks")
        del evidence
    beads = [b for r in regions for b in r.beads]
    block_beads = [b for r in regions for b in r.blocks]
    used_s = {k for b in beads for k in b.source}
    used_t = {k for b in beads for k in b.target}
    beads = _insert_leftovers(
        beads, [s.index for s in src_sentences if s.index not in used_s],
        [s.index for s in tgt_sentences if s.index not in used_t])
    return Alignment(source, target, beads, block_beads, sig)


def _windowed(src_blocks: Sequence[Block], tgt_blocks: Sequence[Block],
              src_texts: Sequence[str], tgt_texts: Sequence[str], langs: tuple[str, str],
              config: AlignerConfig, glossary: object | None,
              window: int) -> tuple[list[_Region], Signature]:
    """Align a long document pair window by window, in linear time and bounded memory.

    A window is the next blocks of about ``window`` source sentences and the target blocks
    of the same share of the target's remaining sentences. Its alignment is kept up to the
    last region that ends in the first three quarters of its source sentences; the next
    window starts there, so the forced end of a window (where its two sides need not
    correspond) never decides a kept bead. The evidence's document statistics (centred
    vectors, chance level, length ratio, common words) are then those of the window: over
    thousands of sentences they hardly differ from the whole document's. Each sentence is
    embedded once: the vectors of a window's unkept part serve the next window.
    """
    src_starts = _starts(src_blocks)
    tgt_starts = _starts(tgt_blocks)
    n_src, n_tgt = len(src_blocks), len(tgt_blocks)
    s0 = t0 = 0
    regions: list[_Region] = []
    vectors = _VectorCarry(src_texts, tgt_texts, config)
    sig: Signature | None = None
    while s0 < n_src or t0 < n_tgt:
        s1 = _block_at(src_starts, src_starts[s0] + window, s0)
        left_s = src_starts[n_src] - src_starts[s0]
        left_t = tgt_starts[n_tgt] - tgt_starts[t0]
        last = s1 >= n_src
        if last:
            s1, t1 = n_src, n_tgt
        else:
            share = (src_starts[s1] - src_starts[s0]) / left_s
            t1 = _block_at(tgt_starts, tgt_starts[t0] + round(share * left_t), t0)
        src_u = range(src_starts[s0], src_starts[s1])
        tgt_u = range(tgt_starts[t0], tgt_starts[t1])
        # Kept: the regions up to the last that ends in the first three quarters of the
        # window's source sentences (at least one).
        keep_to = None if last else (3 * (src_starts[s1] - src_starts[s0])) // 4
        found, ev = _align_window(src_blocks[s0:s1], tgt_blocks[t0:t1],
                                  src_texts[src_u.start:src_u.stop],
                                  tgt_texts[tgt_u.start:tgt_u.stop], langs, config, glossary,
                                  vectors.get(src_u, tgt_u), keep_to)
        sig = sig or signature(ev, config, "blocks")
        # Only the signature outlives a window: its scorers (cost tables of thousands of
        # sentences a side) go before the next window builds its own, and their memory
        # back to the system.
        del ev
        release_free_memory()
        regions += found
        if last:
            break
        s0, t0 = s0 + found[-1].end[0], t0 + found[-1].end[1]
    assert sig is not None
    return regions, sig


def _starts(blocks: Sequence[Block]) -> list[int]:
    """The position of each block's first sentence among the blocks' sentences, and the
    total last."""
    out = [0]
    for b in blocks:
        out.append(out[-1] + len(b.sentences))
    return out


def _block_at(starts: list[int], unit: int, after: int) -> int:
    """The first block boundary at or past sentence position ``unit``, beyond block
    ``after`` (so that a window is never empty on a side that has blocks left)."""
    k = bisect_left(starts, unit)
    return min(max(k, after + 1), len(starts) - 1)


class _VectorCarry:
    """Sentence vectors of the current window, so that the next window, which starts inside
    it, embeds only its new sentences."""

    def __init__(self, src_texts: Sequence[str], tgt_texts: Sequence[str],
                 config: AlignerConfig) -> None:
        self.texts = (src_texts, tgt_texts)
        self.config = config
        self.held: tuple[range, range, object] | None = None
        self.off = "embeddings" not in config.scores

    def get(self, src_u: range, tgt_u: range) -> object | None:
        """Vectors of source sentences ``src_u`` and target sentences ``tgt_u`` (an
        :class:`~align.cache.Embedded`), or ``None`` when the model is not used or fails."""
        import numpy as np

        from align.cache import Embedded, embed_texts

        if self.off:
            return None
        parts = []
        new_texts: list[str] = []
        for side, wanted in enumerate((src_u, tgt_u)):
            have = self.held[side] if self.held else range(0)
            reuse = range(max(wanted.start, have.start), min(wanted.stop, have.stop))
            if not reuse or reuse.start != wanted.start:
                reuse = range(wanted.start, wanted.start)
            fresh = range(reuse.stop, wanted.stop)
            parts.append((reuse, fresh))
            new_texts += self.texts[side][fresh.start:fresh.stop]
        result = embed_texts(new_texts, model=self.config.model,
                             cache_dir=self.config.cache_dir,
                             fallback="aligning with cheaper scores only")
        if result is None:
            self.off = True
            return None
        dim = result.vectors.shape[1] if len(new_texts) else self.held[2].vectors.shape[1]
        rows = []
        at = 0
        for side, (reuse, fresh) in enumerate(parts):
            if len(reuse):
                held_u = self.held[side]
                rows.append(self._side(side)[reuse.start - held_u.start:
                                             reuse.stop - held_u.start])
            rows.append(result.vectors[at:at + len(fresh)].reshape(len(fresh), dim))
            at += len(fresh)
        vectors = np.concatenate([r.astype(np.float32, copy=False) for r in rows])
        embedded = Embedded(vectors, result.model, result.embedded)
        self.held = (src_u, tgt_u, embedded)
        return embedded

    def _side(self, side: int):
        src_u, _, embedded = self.held
        n = len(src_u)
        return embedded.vectors[:n] if side == 0 else embedded.vectors[n:]
