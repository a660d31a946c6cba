"""Length evidence (Gale & Church): translations have proportional lengths.

Lengths are UTF-8 bytes, which on the benchmark beat characters for zh–en (a Chinese
character is three bytes, roughly the information of a few Latin letters). The ratio of
target to source length is estimated from the document pair itself; the spread ``variance``
is the one global parameter: the variance of the target length per unit of expected length.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.scores.base import BeadScorer, BlockCells, group_sum, prefix_sums, spans


def byte_lengths(texts: Sequence[str]) -> np.ndarray:
    """UTF-8 length of each text."""
    return np.array([len(t.encode("utf-8")) for t in texts], dtype=np.float64)


class LengthScorer(BeadScorer):
    """Cost ``δ²/2`` with ``δ`` the Gale–Church deviation of the target length."""

    name = "length"

    def __init__(self, source_lengths: np.ndarray, target_lengths: np.ndarray,
                 variance: float = 6.0) -> None:
        self.source_lengths = np.asarray(source_lengths, dtype=np.float64)
        self.target_lengths = np.asarray(target_lengths, dtype=np.float64)
        self.variance = variance
        total_s, total_t = self.source_lengths.sum(), self.target_lengths.sum()
        self.ratio = total_t / total_s if total_s > 0 and total_t > 0 else 1.0
        self._src = prefix_sums(self.source_lengths)
        self._tgt = prefix_sums(self.target_lengths)

    @classmethod
    def from_texts(cls, source: Sequence[str], target: Sequence[str],
                   variance: float = 6.0) -> LengthScorer:
        return cls(byte_lengths(source), byte_lengths(target), variance)

    def cost(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        ls = (self._src[i] - self._src[i - a]) * self.ratio
        lt = spans(self._tgt, js, b)
        # Variance grows with length (Gale & Church); the mean of both keeps it symmetric.
        spread = self.variance * np.maximum((ls + lt) / 2.0, 1.0)
        return (lt - ls) ** 2 / (2.0 * spread)

    def band_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        ls = ((self._src[rows] - self._src[rows - a]) * self.ratio)[:, None]
        lt = self._tgt[cols]
        lt -= self._tgt[cols - b]
        # The operations of cost(), each in place over the band (it can hold a million
        # cells): (lt - ls)² / (2 · variance · max((ls + lt) / 2, 1)).
        spread = ls + lt
        spread /= 2.0
        np.maximum(spread, 1.0, out=spread)
        spread *= self.variance
        spread *= 2.0
        lt -= ls
        np.square(lt, out=lt)
        lt /= spread
        return lt

    def block_cost(self, cells: BlockCells) -> np.ndarray:
        """:meth:`band_cost` of every bead of ``cells`` at once (the same operations)."""
        ls = (self._src[cells.i] - self._src[cells.i - cells.a]) * self.ratio
        lt = self._tgt[cells.j] - self._tgt[cells.j - cells.b]
        spread = self.variance * np.maximum((ls + lt) / 2.0, 1.0)
        return (lt - ls) ** 2 / (2.0 * spread)

    def tiny_block_cost(self, cells: BlockCells) -> list[float]:
        """:meth:`block_cost` in plain Python floats (the same IEEE operations)."""
        if not hasattr(self, "_lists"):
            self._lists = (self._src.tolist(), self._tgt.tolist())
        src, tgt = self._lists
        ratio, variance = float(self.ratio), self.variance
        out = []
        for a, b in cells.shapes:
            for i in range(a + cells.i0, cells.n + cells.i0 + 1):
                ls = (src[i] - src[i - a]) * ratio
                for j in range(b + cells.j0, cells.m + cells.j0 + 1):
                    lt = tgt[j] - tgt[j - b]
                    spread = variance * max((ls + lt) / 2.0, 1.0)
                    d = lt - ls
                    out.append(d * d / (2.0 * spread))
        return out

    def grouped(self, source_groups: Sequence[range],
                target_groups: Sequence[range]) -> LengthScorer:
        scorer = LengthScorer(group_sum(self.source_lengths, source_groups),
                              group_sum(self.target_lengths, target_groups), self.variance)
        scorer.ratio = self.ratio  # keep the document's ratio, not the blocks'
        return scorer
