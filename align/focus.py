"""Embed only where the cheap evidence is unsure: a two-pass sentence alignment.

Length, anchors and the dictionary settle many beads on their own. The first pass aligns
the document with them alone; its unsure stretches (beads whose posterior is under
:attr:`~align.aligner.AlignerConfig.settle`, widened by :data:`MARGIN` beads on each side)
are then aligned again, each on its own grid between settled beads, with every score,
embeddings included, and only their sentences are embedded. Settled beads keep the first
pass's posterior.

The embedding scorer sees only the embedded sentences: they are centred on their own mean
and its chance level is theirs, not the whole document's. Measured (strict F1, sentences
embedded), against embedding everything (MAC-Dev 0.9120 with 3,408, Bible 0.9819 with
10,924): settle 0.99 -> 0.9120 with 2,510 and 0.9819 with 7,059; settle 0.95 -> 0.9120
with 1,778 but 0.9810 with 3,688 (margin 0; a margin of 3 beads brings the Bible back to
0.9819, embedding 7,534).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from align.scores.base import BeadScorer, BlockCells
from align.search import PathStep, best_path

if TYPE_CHECKING:
    from align.scores.combined import CombinedCost
    from align.scores.embeddings import EmbeddingScorer

#: Beads around each unsure stretch that are aligned again with it (context for the
#: second pass, which may then move the stretch's edges); none at settle 0.99.
MARGIN = 0


class Shifted(BeadScorer):
    """A scorer over a window of the document: document position ``p`` is its ``p - by``."""

    def __init__(self, inner: EmbeddingScorer, source_by: int, target_by: int) -> None:
        self.inner, self.source_by, self.target_by = inner, source_by, target_by
        self.name = inner.name

    def cost(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        return self.inner.cost(a, b, i - self.source_by, js - self.target_by)

    def band_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self.inner.band_cost(a, b, rows - self.source_by, cols - self.target_by)

    def block_cost(self, cells: BlockCells) -> np.ndarray:
        return self.inner.block_cost(self._moved(cells))

    def tiny_block_cost(self, cells: BlockCells) -> list[float]:
        return self.inner.tiny_block_cost(self._moved(cells))

    def _moved(self, cells: BlockCells) -> BlockCells:
        return BlockCells.of(cells.shapes, cells.n, cells.m, cells.i0 - self.source_by,
                             cells.j0 - self.target_by)

    def grouped(self, source_groups: Sequence[range],
                target_groups: Sequence[range]) -> BeadScorer:
        raise NotImplementedError("a window's scorer is not grouped into blocks")


def unsure_windows(steps: Sequence[PathStep], settle: float,
                   margin: int | None = None) -> list[tuple[int, int]]:
    """Runs of steps ``[first, last)`` to align again: the steps under ``settle`` and
    ``margin`` steps on each side, overlapping or touching runs joined.

    >>> s = [PathStep(1, 1, k + 1, k + 1, 0.0, p) for k, p in enumerate([1, .5, 1, 1, 1, .2])]
    >>> unsure_windows(s, 0.95, margin=1)
    [(0, 3), (4, 6)]
    >>> unsure_windows(s, 0.95)
    [(1, 2), (5, 6)]
    """
    margin = MARGIN if margin is None else margin
    windows: list[tuple[int, int]] = []
    for k, step in enumerate(steps):
        if step.posterior >= settle:
            continue
        first, last = max(k - margin, 0), min(k + 1 + margin, len(steps))
        if windows and first <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], last))
        else:
            windows.append((first, last))
    return windows


def window_ranges(steps: Sequence[PathStep], window: tuple[int, int]) -> tuple[range, range]:
    """The source and target sentences that a run of steps covers."""
    first, last = steps[window[0]], steps[window[1] - 1]
    return range(first.i - first.a, last.i), range(first.j - first.b, last.j)


def realign(steps: Sequence[PathStep], windows: Sequence[tuple[int, int]],
            scorer: EmbeddingScorer, cost: CombinedCost, embedding_weight: float,
            types: Sequence[tuple[int, int]], temperature: float) -> list[PathStep]:
    """``steps`` with each window aligned again by ``cost`` plus the embedding ``scorer``
    (whose rows are the windows' source sentences, in order, and likewise its columns)."""
    out: list[PathStep] = []
    done = 0
    source_seen = target_seen = 0  # sentences of earlier windows: rows before this one's
    for window in windows:
        out += steps[done:window[0]]
        src, tgt = window_ranges(steps, window)
        shifted = Shifted(scorer, src.start - source_seen, tgt.start - target_seen)
        local = replace_offsets(cost, [(shifted, embedding_weight)], src.start, tgt.start)
        for st in best_path(len(src), len(tgt), local, types,
                            posterior_temperature=temperature):
            out.append(PathStep(st.a, st.b, st.i + src.start, st.j + tgt.start, st.cost,
                                st.posterior))
        source_seen += len(src)
        target_seen += len(tgt)
        done = window[1]
    return out + list(steps[done:])


def replace_offsets(cost: CombinedCost, extra: Sequence[tuple[BeadScorer, float]],
                    source_offset: int, target_offset: int) -> CombinedCost:
    """``cost`` with more scorers, over the window that starts at the given offsets."""
    from align.scores.combined import CombinedCost

    return CombinedCost([*cost.scorers, *extra], cost.skip, cost.merge,
                        cost.shape_penalties, source_offset, target_offset)


def window_sentences(steps: Sequence[PathStep], windows: Sequence[tuple[int, int]],
                     ) -> tuple[list[int], list[int]]:
    """The source and the target sentences of all windows, in order."""
    source: list[int] = []
    target: list[int] = []
    for window in windows:
        src, tgt = window_ranges(steps, window)
        source += src
        target += tgt
    return source, target


__all__ = ["MARGIN", "Shifted", "realign", "unsure_windows", "window_sentences"]
