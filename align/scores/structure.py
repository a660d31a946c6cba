"""Structural evidence for block beads: a heading translates a heading, a list item a list
item, a table row a table row."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.scores.base import BeadScorer


class BlockKindScorer(BeadScorer):
    """Cost 0 when both sides of a bead hold the same kinds of block, 1 otherwise."""

    name = "structure"

    def __init__(self, source_kinds: Sequence[str], target_kinds: Sequence[str]) -> None:
        self.source_kinds = list(source_kinds)
        self.target_kinds = list(target_kinds)
        codes = {k: n for n, k in enumerate(sorted(set(source_kinds) | set(target_kinds)))}
        self._tgt = np.array([codes[k] for k in target_kinds] + [-1], dtype=np.int64)
        self._codes = codes
        self._src = np.array([codes[k] for k in source_kinds] + [-1], dtype=np.int64)

    def cost(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        kinds = {self.source_kinds[r] for r in range(i - a, i)}
        if len(kinds) != 1:
            return np.ones(len(js))
        code = self._codes[kinds.pop()]
        same = np.ones(len(js), dtype=bool)
        for k in range(1, b + 1):
            same &= self._tgt[js - k] == code
        return np.where(same, 0.0, 1.0)

    def band_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """:meth:`cost` over the band at once (the same 0/1 figures)."""
        src = self._src
        ends = src[rows - 1]
        # Source units [i-a, i) of one kind: that kind's code; of several: -2, matching no
        # target block.
        single = np.ones(len(rows), dtype=bool)
        for k in range(2, a + 1):
            single &= src[rows - k] == ends
        code = np.where(single, ends, -2)[:, None]
        same = np.ones(cols.shape, dtype=bool)
        for k in range(1, b + 1):
            same &= self._tgt[cols - k] == code
        return np.where(same, 0.0, 1.0)

    def grouped(self, source_groups: Sequence[range],
                target_groups: Sequence[range]) -> BlockKindScorer:
        raise NotImplementedError("block kinds are already the coarsest level")
